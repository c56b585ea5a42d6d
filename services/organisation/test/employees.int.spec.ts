import { randomUUID } from 'node:crypto';
import { DomainError, IdentitySubjects, OrganisationSubjects, type AccountView, type BulkResult, type EmployeeList, type EmployeeView, type History, type InvitationSent, type PinSent, type Role } from '@elk/contracts';
import { failureOf, uniquePhone as phone } from '@elk/testing';
import { employeesStreamId } from '../src';
import { newSignUp, organisationTestbed } from './organisation.testbed';

describe.each(['embedded', 'distributed'] as const)('employees in the organisation service (%s)', (mode) => {
  const testbed = organisationTestbed(mode, 'org_employees_test', {
    identity: {
      [IdentitySubjects.RegisterAccount]: (data) => ({ accountId: data.accountId }),
      [IdentitySubjects.OpenEmployeeAccount]: (data) => ({ accountId: data.accountId, pinSentAt: '2025-01-15T10:00:01.000Z' }),
      [IdentitySubjects.UpdateEmployeeAccount]: () => ({ pendingPhone: null }),
      [IdentitySubjects.IssueEmployeePin]: () => ({ phone: '+79120000000', sentAt: '2025-01-16T10:00:00.000Z' }),
      [IdentitySubjects.IssueEmployeeInvitation]: () => ({ phone: '+79120000000', sentAt: '2025-01-16T11:00:00.000Z', expiresAt: '2025-01-17T11:00:00.000Z' }),
      [IdentitySubjects.CloseEmployeeAccount]: () => null,
      [IdentitySubjects.GetAccount]: (data) => ({ accountId: data.accountId, organisationId: randomUUID(), fullName: 'Иванов Иван', phone: phone(), email: null, role: 'owner' }) satisfies AccountView,
    },
  });

  /** A signed-up organisation, and requests in the name of its Owner or of an employee with a role. */
  async function organisation() {
    const signUp = newSignUp();
    await testbed.signUp(signUp);
    testbed.identityAsked = [];
    const as = (accountId: string, role: Role) => {
      const { request } = testbed.actor({ organisationId: signUp.organisationId, accountId, role });
      return {
        add: (employee: object, employeeId = randomUUID()) => request<EmployeeView>(OrganisationSubjects.AddEmployee, { employeeId, employee }),
        update: (employeeId: string, employee: object) => request<EmployeeView>(OrganisationSubjects.UpdateEmployee, { employeeId, employee }),
        sendPin: (employeeId: string) => request<PinSent>(OrganisationSubjects.SendEmployeePin, { employeeId }),
        invite: (employeeId: string) => request<InvitationSent>(OrganisationSubjects.InviteEmployee, { employeeId, cabinetUrl: 'https://elk.example.ru' }),
        sendPins: (employeeIds: string[]) => request<BulkResult>(OrganisationSubjects.SendEmployeePins, { employeeIds }),
        remove: (employeeId: string) => request<null>(OrganisationSubjects.DeleteEmployee, { employeeId }),
        list: (search?: string) => request<EmployeeList>(OrganisationSubjects.GetEmployeeList, { search }),
        history: (employeeId: string) => request<History>(OrganisationSubjects.GetEmployeeHistory, { employeeId }),
      };
    };
    return { signUp, organisationId: signUp.organisationId, accountId: signUp.accountId, owner: as(signUp.accountId, 'owner'), as };
  }

  const cashier = () => ({ lastName: 'Сидоров', firstName: 'Пётр', patronymic: null, phone: phone(), email: null, role: 'cashier' });

  it('puts the Owner on the list at sign-up, once however often the sign-up is retried', async () => {
    const org = await organisation();
    await testbed.signUp(org.signUp);

    const list = await org.owner.list();
    expect(list.items).toEqual([expect.objectContaining({ id: org.accountId, lastName: 'Иванов', firstName: 'Иван', patronymic: 'Иванович', role: 'owner', pinSentAt: null })]);
    expect((await testbed.infrastructure.eventStore.readStream(employeesStreamId(org.organisationId))).version).toBe(1);
  });

  it('opens the account before adding, names the employee in it, and takes a retried add as done', async () => {
    const org = await organisation();
    const card = cashier();
    const employeeId = randomUUID();

    const added = await org.owner.add(card, employeeId);
    await org.owner.add(card, employeeId);

    expect(added).toMatchObject({ id: employeeId, version: 1, fullName: 'Сидоров Пётр', pinSentAt: '2025-01-15T10:00:01.000Z' });
    expect(testbed.identityAsked.map((call) => call.subject)).toEqual([IdentitySubjects.OpenEmployeeAccount]);
    expect(testbed.identityAsked[0]?.data).toEqual({ accountId: employeeId, fullName: 'Сидоров Пётр', phone: card.phone, email: null, role: 'cashier' });
    expect((await org.owner.list(card.phone.slice(4, 10))).items.map((item) => item.id)).toEqual([employeeId]);
  });

  it('sends a new PIN-code to each selected employee in one command, listing the Owner and unknown ids as refused', async () => {
    const org = await organisation();
    const first = await org.owner.add(cashier());
    const second = await org.owner.add(cashier());
    const admin = org.as(randomUUID(), 'admin');
    const unknown = randomUUID();
    testbed.identityAsked = [];

    const result = await admin.sendPins([first.id, org.accountId, second.id, unknown, first.id]);
    expect(result).toEqual({
      applied: [
        { id: first.id, name: 'Сидоров Пётр' },
        { id: second.id, name: 'Сидоров Пётр' },
      ],
      refused: [
        { id: org.accountId, name: 'Иванов Иван Иванович', reason: 'Изменять данные владельца может только сам владелец' },
        { id: unknown, name: null, reason: 'Сотрудник не найден' },
      ],
    });
    expect(testbed.identityAsked.map((call) => call.data)).toEqual([{ accountId: first.id }, { accountId: second.id }]);
    expect((await org.owner.history(first.id)).items.map((entry) => entry.action)).toEqual(['created', 'pin-sent']);
    // Another organisation's Owner finds none of them.
    const stranger = await organisation();
    expect(await stranger.owner.sendPins([first.id])).toEqual({ applied: [], refused: [{ id: first.id, name: null, reason: 'Сотрудник не найден' }] });
  });

  it('refuses a broken rule before identity is asked anything', async () => {
    const org = await organisation();
    const card = cashier();
    const { id } = await org.owner.add(card);
    const admin = org.as(randomUUID(), 'admin');
    testbed.identityAsked = [];

    expect(await failureOf(org.owner.add({ ...cashier(), phone: card.phone }))).toMatchObject({ code: 'RULE_VIOLATED', details: { errors: [{ path: 'phone' }] } });
    expect(await failureOf(org.owner.add({ ...cashier(), role: 'owner' }))).toMatchObject({ code: 'RULE_VIOLATED', details: { errors: [{ path: 'role' }] } });
    expect(await failureOf(admin.sendPin(org.accountId))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failureOf(admin.invite(org.accountId))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failureOf(org.owner.invite(randomUUID()))).toMatchObject({ code: 'NOT_FOUND', message: 'Сотрудник не найден' });
    expect(await failureOf(admin.remove(org.accountId))).toMatchObject({ code: 'RULE_VIOLATED' });
    expect(await failureOf(org.owner.remove(org.accountId))).toMatchObject({ code: 'RULE_VIOLATED', message: 'Нельзя удалить самого себя' });
    expect(await failureOf(org.owner.update(id, { ...card, expectedVersion: 2 }))).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(await failureOf(org.as(randomUUID(), 'owner').sendPin(randomUUID()))).toMatchObject({ code: 'NOT_FOUND', message: 'Сотрудник не найден' });
    expect(await org.owner.update(id, { ...card, expectedVersion: 1 })).toMatchObject({ version: 1 });
    expect(testbed.identityAsked).toEqual([]);
  });

  it('passes identity’s refusal on and records nothing', async () => {
    const org = await organisation();
    testbed.identityRefuses = new DomainError('PHONE_TAKEN', 'Этот телефон уже зарегистрирован', [{ path: 'phone', message: 'Этот телефон уже зарегистрирован' }]);

    expect(await failureOf(org.owner.add(cashier()))).toMatchObject({ code: 'PHONE_TAKEN', details: { errors: [{ path: 'phone' }] } });
    expect((await org.owner.list()).total).toBe(1);
  });

  it('invites to the cabinet through identity with the cabinet’s address, and tells it in the history without changing the card', async () => {
    const org = await organisation();
    const { id } = await org.owner.add(cashier());
    testbed.identityAsked = [];

    expect(await org.owner.invite(id)).toEqual({ phone: '+79120000000', sentAt: '2025-01-16T11:00:00.000Z', expiresAt: '2025-01-17T11:00:00.000Z' });

    expect(testbed.identityAsked.map((call) => [call.subject, call.data])).toEqual([[IdentitySubjects.IssueEmployeeInvitation, { accountId: id, cabinetUrl: 'https://elk.example.ru' }]]);
    expect((await org.owner.history(id)).items.map((entry) => [entry.action, entry.at, entry.changes])).toEqual([
      ['created', expect.any(String), expect.any(Array)],
      ['invited', expect.any(String), []],
    ]);
    expect((await org.owner.list()).items.find((item) => item.id === id)).toMatchObject({ version: 1 });
  });

  it('updates the account with the card, sends a new PIN-code, deletes, and tells it all in the history', async () => {
    const org = await organisation();
    const card = cashier();
    const { id } = await org.owner.add(card);

    expect(await org.owner.update(id, { ...card, role: 'manager', expectedVersion: 1 })).toMatchObject({ version: 2, role: 'manager' });
    expect(await org.owner.sendPin(id)).toEqual({ phone: '+79120000000', sentAt: '2025-01-16T10:00:00.000Z' });
    await org.owner.remove(id);

    expect(testbed.identityAsked.map((call) => [call.subject, call.data.accountId])).toEqual([
      [IdentitySubjects.OpenEmployeeAccount, id],
      [IdentitySubjects.UpdateEmployeeAccount, id],
      [IdentitySubjects.IssueEmployeePin, id],
      [IdentitySubjects.CloseEmployeeAccount, id],
    ]);
    expect(testbed.identityAsked[1]?.data).toMatchObject({ role: 'manager', phone: card.phone });
    expect((await org.owner.list()).items.map((item) => item.id)).toEqual([org.accountId]);
    const history = await org.owner.history(id);
    expect(history.items.map((entry) => [entry.action, entry.actor.fullName])).toEqual([
      ['created', 'Иванов Иван'],
      ['updated', 'Иванов Иван'],
      ['pin-sent', 'Иванов Иван'],
      ['deleted', 'Иванов Иван'],
    ]);
    expect(history.items[1]?.changes).toEqual([{ field: 'role', from: 'cashier', to: 'manager' }]);
  });
});
