import { randomUUID } from 'node:crypto';
import { handleCommand } from '@elk/service-kit';
import { infrastructureFixture, type TestInfrastructure } from '@elk/testing';
import { accountDecider, accountStreamId } from '../account.decider';
import { accountLookupProjection, accountsCollection } from './account-lookup.projection';

describe.each(['embedded', 'distributed'] as const)('account lookup projection (%s)', (mode) => {
  const fixture = infrastructureFixture(mode, 'identity_projection_test');
  let infrastructure: TestInfrastructure;

  beforeAll(() => fixture.start(), 30_000);
  beforeEach(async () => {
    infrastructure = await fixture.open();
    await infrastructure.documentStore.ensureCollections([accountsCollection]);
  });
  afterEach(() => fixture.cleanup());
  afterAll(() => fixture.close());

  it('keeps an account by id without its password hash, and a replay changes nothing', async () => {
    const account = { accountId: randomUUID(), organisationId: randomUUID(), fullName: 'Петрова Анна', phone: '+79123456780', email: 'anna@example.ru', role: 'manager' as const };
    const metadata = { organisationId: account.organisationId, actor: account.accountId, correlationId: randomUUID(), causationId: randomUUID() };
    const streamId = accountStreamId(account.organisationId, account.accountId);
    await handleCommand(infrastructure.eventStore, streamId, accountDecider, { type: 'RegisterAccount', ...account, passwordHash: '$argon2id$hash', registeredAt: new Date().toISOString() }, metadata);
    await handleCommand(infrastructure.eventStore, streamId, accountDecider, { type: 'ChangePassword', oldPasswordMatches: true, newPasswordHash: '$argon2id$new', changedAt: new Date().toISOString() }, metadata);
    const events = (await infrastructure.eventStore.readStream(streamId)).events.filter((event) => accountLookupProjection.handles.includes(event.type));
    const project = () => infrastructure.documentStore.transaction(async (session) => {
      for (const event of events) await accountLookupProjection.apply(event, session);
    });

    await project();
    const first = await infrastructure.documentStore.collection(accountsCollection).get(account.accountId);
    await project();
    const replayed = await infrastructure.documentStore.collection(accountsCollection).get(account.accountId);

    expect(first?.data).toEqual(account);
    expect(replayed).toEqual(first);
  });
});
