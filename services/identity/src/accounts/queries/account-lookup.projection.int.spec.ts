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

  const metadataOf = (account: { organisationId: string; accountId: string }) => ({
    organisationId: account.organisationId,
    actor: account.accountId,
    correlationId: randomUUID(),
    causationId: randomUUID(),
  });

  /** Applies the account's stream to the projection twice: the documents after the first and after the replay. */
  async function projectTwice(streamId: string, accountId: string) {
    const events = (await infrastructure.eventStore.readStream(streamId)).events.filter((event) => accountLookupProjection.handles.includes(event.type));
    const project = () =>
      infrastructure.documentStore.transaction(async (session) => {
        for (const event of events) await accountLookupProjection.apply([event], session);
      });
    await project();
    const first = await infrastructure.documentStore.collection(accountsCollection).get(accountId);
    await project();
    const replayed = await infrastructure.documentStore.collection(accountsCollection).get(accountId);
    return { first, replayed };
  }

  it('keeps an account by id without its password hash, and a replay changes nothing', async () => {
    const account = { accountId: randomUUID(), organisationId: randomUUID(), fullName: 'Петрова Анна', phone: '+79123456780', email: 'anna@example.ru', role: 'manager' as const };
    const metadata = metadataOf(account);
    const streamId = accountStreamId(account.organisationId, account.accountId);
    await handleCommand(infrastructure.eventStore, streamId, accountDecider, { type: 'RegisterAccount', ...account, passwordHash: '$argon2id$hash', registeredAt: new Date().toISOString() }, metadata);
    await handleCommand(infrastructure.eventStore, streamId, accountDecider, { type: 'ChangePassword', oldPasswordMatches: true, newPasswordHash: '$argon2id$new', changedAt: new Date().toISOString() }, metadata);

    const { first, replayed } = await projectTwice(streamId, account.accountId);

    expect(first?.data).toEqual({ ...account, closed: false });
    expect(replayed).toEqual(first);
  });

  it("follows an employee's new name, phone, email and role, and keeps the account once closed", async () => {
    const employee = { accountId: randomUUID(), organisationId: randomUUID(), fullName: 'Сидоров Пётр', phone: '+79123456781', email: null, role: 'cashier' as const };
    const changed = { fullName: 'Сидоров Пётр Ильич', phone: '+79123456782', email: 'petr@example.ru', role: 'admin' as const };
    const metadata = metadataOf(employee);
    const streamId = accountStreamId(employee.organisationId, employee.accountId);
    const now = () => new Date().toISOString();
    await handleCommand(infrastructure.eventStore, streamId, accountDecider, { type: 'OpenEmployeeAccount', ...employee, openedAt: now() }, metadata);
    await handleCommand(infrastructure.eventStore, streamId, accountDecider, { type: 'IssuePin', pinHash: '$argon2id$pin', issuedAt: now() }, metadata);
    await handleCommand(infrastructure.eventStore, streamId, accountDecider, { type: 'RequestPhoneChange', phone: changed.phone, codeHash: '$argon2id$code', requestedAt: now() }, metadata);
    await handleCommand(infrastructure.eventStore, streamId, accountDecider, { type: 'ChangeProfile', fullName: changed.fullName, email: changed.email, role: changed.role, changedAt: now() }, metadata);
    await handleCommand(infrastructure.eventStore, streamId, accountDecider, { type: 'ConfirmPhoneChange', phone: changed.phone, codeMatches: true, confirmedAt: now() }, metadata);
    await handleCommand(infrastructure.eventStore, streamId, accountDecider, { type: 'Close', closedAt: now() }, metadata);

    const { first, replayed } = await projectTwice(streamId, employee.accountId);

    expect(first?.data).toEqual({ accountId: employee.accountId, organisationId: employee.organisationId, ...changed, closed: true });
    expect(replayed).toEqual(first);
  });
});
