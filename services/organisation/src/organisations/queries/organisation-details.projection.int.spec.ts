import { randomUUID } from 'node:crypto';
import { handleCommand } from '@elk/service-kit';
import { infrastructureFixture, type TestInfrastructure } from '@elk/testing';
import { organisationDecider, organisationStreamId } from '../organisation.decider';
import { organisationDetailsProjection, organisationsCollection } from './organisation-details.projection';

describe.each(['embedded', 'distributed'] as const)('organisation details projection (%s)', (mode) => {
  const fixture = infrastructureFixture(mode, 'organisation_projection_test');
  let infrastructure: TestInfrastructure;

  beforeAll(() => fixture.start(), 30_000);
  beforeEach(async () => {
    infrastructure = await fixture.open();
    await infrastructure.documentStore.ensureCollections([organisationsCollection]);
  });
  afterEach(() => fixture.cleanup());
  afterAll(() => fixture.close());

  it('keeps the organisation with its owner, and a replay changes nothing', async () => {
    const organisationId = randomUUID();
    const owner = { accountId: randomUUID(), fullName: 'Иванов Иван', phone: '+79123456789', email: 'ivan@example.ru' };
    const registeredAt = '2025-01-15T10:00:00.000Z';
    const streamId = organisationStreamId(organisationId);
    await handleCommand(
      infrastructure.eventStore,
      streamId,
      organisationDecider,
      { type: 'RegisterOrganisation', organisationId, name: 'ООО «Ромашка»', owner, registeredAt },
      { organisationId, actor: owner.accountId, correlationId: randomUUID(), causationId: randomUUID() },
    );
    const { events } = await infrastructure.eventStore.readStream(streamId);
    const project = () => infrastructure.documentStore.transaction(async (session) => {
      for (const event of events) await organisationDetailsProjection.apply([event], session);
    });

    await project();
    const first = await infrastructure.documentStore.collection(organisationsCollection).get(organisationId);
    await project();
    const replayed = await infrastructure.documentStore.collection(organisationsCollection).get(organisationId);

    expect(first?.data).toEqual({ organisationId, name: 'ООО «Ромашка»', ownerAccountId: owner.accountId, registeredAt });
    expect(replayed).toEqual(first);
  });
});
