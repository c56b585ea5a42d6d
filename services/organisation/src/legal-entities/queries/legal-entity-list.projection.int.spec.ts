import { randomUUID } from 'node:crypto';
import { handleCommand } from '@elk/service-kit';
import { infrastructureFixture, type TestInfrastructure } from '@elk/testing';
import { legalEntitiesStreamId, legalEntityDecider, type LegalEntityFields } from '../legal-entity.decider';
import { legalEntitiesCollection, legalEntityListProjection } from './legal-entity-list.projection';

describe.each(['embedded', 'distributed'] as const)('legal entity list projection (%s)', (mode) => {
  const fixture = infrastructureFixture(mode, 'legal_entity_projection_test');
  let infrastructure: TestInfrastructure;

  beforeAll(() => fixture.start(), 30_000);
  beforeEach(async () => {
    infrastructure = await fixture.open();
    await infrastructure.documentStore.ensureCollections([legalEntitiesCollection]);
  });
  afterEach(() => fixture.cleanup());
  afterAll(() => fixture.close());

  it('keeps the card with the token masked, counts versions, drops the deleted, and a replay changes nothing', async () => {
    const organisationId = randomUUID();
    const [kept, removed] = [randomUUID(), randomUUID()];
    const fields: LegalEntityFields = {
      type: 'ooo',
      name: 'ООО «Ромашка»',
      inn: '7707083893',
      kpp: '773601001',
      ogrn: '1027700132195',
      legalAddress: 'г. Москва',
      taxSystem: 'osn',
      chestnyZnakToken: { ciphertext: 'v1.iv.tag.secret-ciphertext', last4: '3f9a' },
    };
    const streamId = legalEntitiesStreamId(organisationId);
    const metadata = { organisationId, actor: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() };
    const run = (command: Parameters<typeof legalEntityDecider.decide>[0]) => handleCommand(infrastructure.eventStore, streamId, legalEntityDecider, command, metadata);
    await run({ type: 'AddLegalEntity', organisationId, legalEntityId: kept, fields, at: '2025-01-15T10:00:00.000Z' });
    await run({ type: 'AddLegalEntity', organisationId, legalEntityId: removed, fields: { ...fields, inn: '500100732259', type: 'ip', kpp: null }, at: '2025-01-15T10:00:00.000Z' });
    const { chestnyZnakToken: _token, ...rest } = fields;
    await run({ type: 'UpdateLegalEntity', organisationId, legalEntityId: kept, fields: { ...rest, name: 'ООО «Ромашка плюс»' }, chestnyZnakToken: { keep: true }, expectedVersion: 1, changeTaxSystemForAll: false, at: '2025-01-16T10:00:00.000Z' });
    await run({ type: 'DeleteLegalEntity', organisationId, legalEntityId: removed, usedBySalesPoints: [], at: '2025-01-16T10:00:00.000Z' });

    const { events } = await infrastructure.eventStore.readStream(streamId);
    const project = () => infrastructure.documentStore.transaction(async (session) => {
      for (const event of events) await legalEntityListProjection.apply([event], session);
    });
    const documents = infrastructure.documentStore.collection(legalEntitiesCollection);

    await project();
    const first = await documents.get(kept);
    await project();

    expect(first?.data).toEqual({
      organisationId,
      id: kept,
      version: 2,
      type: 'ooo',
      name: 'ООО «Ромашка плюс»',
      inn: '7707083893',
      kpp: '773601001',
      ogrn: '1027700132195',
      legalAddress: 'г. Москва',
      taxSystem: 'osn',
      chestnyZnakToken: '••••••3f9a',
      createdAt: '2025-01-15T10:00:00.000Z',
      updatedAt: '2025-01-16T10:00:00.000Z',
    });
    expect(await documents.get(kept)).toEqual(first);
    expect(JSON.stringify(first?.data)).not.toContain('secret-ciphertext');
    expect(await documents.get(removed)).toBeNull();
  });
});
