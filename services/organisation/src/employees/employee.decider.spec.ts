import { deciderSpec } from '@elk/testing';
import { employeeDecider, type EmployeeActor, type EmployeeCommand, type EmployeeEvent, type EmployeeFields } from './employee.decider';

const spec = deciderSpec(employeeDecider);
const organisationId = '11111111-1111-4111-8111-111111111111';
const ownerId = '22222222-2222-4222-8222-222222222222';
const adminId = '33333333-3333-4333-8333-333333333333';
const cashierId = '44444444-4444-4444-8444-444444444444';
const newcomerId = '55555555-5555-4555-8555-555555555555';
const at = '2025-01-15T10:00:00.000Z';
const later = '2025-01-16T10:00:00.000Z';

const owner: EmployeeFields = { lastName: 'Иванов', firstName: 'Иван', patronymic: 'Иванович', phone: '+79120000001', email: 'owner@example.ru', role: 'owner' };
const admin: EmployeeFields = { lastName: 'Петрова', firstName: 'Анна', patronymic: null, phone: '+79120000002', email: 'admin@example.ru', role: 'admin' };
const cashier: EmployeeFields = { lastName: 'Сидоров', firstName: 'Пётр', patronymic: null, phone: '+79120000003', email: null, role: 'cashier' };
const newcomer: EmployeeFields = { lastName: 'Смирнова', firstName: 'Ольга', patronymic: 'Павловна', phone: '+79120000004', email: 'olga@example.ru', role: 'manager' };

const asOwner: EmployeeActor = { accountId: ownerId, role: 'owner' };
const asAdmin: EmployeeActor = { accountId: adminId, role: 'admin' };

const added = (employeeId: string, fields: EmployeeFields, pinSentAt: string | null = at): EmployeeEvent => ({
  type: 'EmployeeAdded',
  data: { organisationId, employeeId, ...fields, pinSentAt, addedAt: at },
});
const updated = (employeeId: string, fields: EmployeeFields): EmployeeEvent => ({ type: 'EmployeeUpdated', data: { organisationId, employeeId, ...fields, updatedAt: later } });
const deleted = (employeeId: string): EmployeeEvent => ({ type: 'EmployeeDeleted', data: { organisationId, employeeId, deletedAt: later } });
const pinSent = (employeeId: string, phone: string): EmployeeEvent => ({ type: 'EmployeePinSent', data: { organisationId, employeeId, phone, sentAt: later } });

const add = (employeeId: string, fields: EmployeeFields, actor = asOwner): EmployeeCommand => ({ type: 'AddEmployee', organisationId, employeeId, fields, actor, pinSentAt: at, at });
const update = (employeeId: string, fields: EmployeeFields, actor = asOwner, expectedVersion = 1): EmployeeCommand => ({
  type: 'UpdateEmployee',
  organisationId,
  employeeId,
  fields,
  expectedVersion,
  actor,
  at: later,
});
const sendPin = (employeeId: string, actor = asOwner): EmployeeCommand => ({ type: 'SendPin', organisationId, employeeId, actor, sentAt: later });
const invite = (employeeId: string, actor = asOwner): EmployeeCommand => ({ type: 'InviteEmployee', organisationId, employeeId, actor, invitedAt: later });
const invited = (employeeId: string, phone: string): EmployeeEvent => ({ type: 'EmployeeInvited', data: { organisationId, employeeId, phone, invitedAt: later } });
const remove = (employeeId: string, actor = asOwner, expectedVersion?: number): EmployeeCommand => ({ type: 'DeleteEmployee', organisationId, employeeId, expectedVersion, actor, at: later });

const team = [added(ownerId, owner, null), added(adminId, admin), added(cashierId, cashier)];

describe('employee decider', () => {
  describe('the Owner at sign-up', () => {
    const addOwner: EmployeeCommand = { type: 'AddOwner', organisationId, employeeId: ownerId, fullName: 'Иванов  Иван Иванович', phone: owner.phone, email: owner.email!, at };

    it('adds the one who signed up as the Owner, without a PIN-code, the ФИО split into its parts', () => {
      spec.given([]).when(addOwner).then([added(ownerId, owner, null)]);
    });

    it('takes a one-word ФИО as the surname, and everything after the name as the patronymic', () => {
      spec.given([]).when({ ...addOwner, fullName: 'Иванов' }).then([added(ownerId, { ...owner, firstName: '', patronymic: null }, null)]);
      spec.given([]).when({ ...addOwner, fullName: 'Мамедов Ильхам Гейдар оглы' }).then([added(ownerId, { ...owner, lastName: 'Мамедов', firstName: 'Ильхам', patronymic: 'Гейдар оглы' }, null)]);
    });

    it('takes a retried sign-up as done', () => {
      spec.given([added(ownerId, owner, null)]).when(addOwner).then([]);
    });

    it('refuses a second Owner', () => {
      spec.given([added(ownerId, owner, null)]).when({ ...addOwner, employeeId: newcomerId }).thenThrows('RULE_VIOLATED');
    });
  });

  describe('adding', () => {
    it('adds an employee with the time the first PIN-code was sent', () => {
      spec.given(team).when(add(newcomerId, newcomer)).then([added(newcomerId, newcomer)]);
    });

    it('lets the Administrator add', () => {
      spec.given(team).when(add(newcomerId, newcomer, asAdmin)).then([added(newcomerId, newcomer)]);
    });

    it('takes the same id again as a retried add', () => {
      spec.given([...team, added(newcomerId, newcomer)]).when(add(newcomerId, newcomer)).then([]);
    });

    it('refuses to give the role «Владелец»', () => {
      const error = spec.given(team).when(add(newcomerId, { ...newcomer, role: 'owner' })).thenThrows('RULE_VIOLATED');
      expect(error.errors).toEqual([{ path: 'role', message: 'Владелец в организации один — тот, кто её зарегистрировал. Выберите другую роль' }]);
    });

    it('refuses a phone another employee has, naming them', () => {
      const error = spec.given(team).when(add(newcomerId, { ...newcomer, phone: cashier.phone })).thenThrows('RULE_VIOLATED');
      expect(error.errors).toEqual([{ path: 'phone', message: 'Этот телефон уже указан у сотрудника «Сидоров Пётр»' }]);
    });

    it('refuses an email another employee has, naming them', () => {
      const error = spec.given(team).when(add(newcomerId, { ...newcomer, email: admin.email })).thenThrows('RULE_VIOLATED');
      expect(error.errors).toEqual([{ path: 'email', message: 'Этот email уже указан у сотрудника «Петрова Анна»' }]);
    });

    it('lets several employees go without an email', () => {
      spec.given(team).when(add(newcomerId, { ...newcomer, email: null })).then([added(newcomerId, { ...newcomer, email: null })]);
    });

    it('gives a deleted employee’s phone and email to a new one', () => {
      const reused = { ...newcomer, phone: admin.phone, email: admin.email };
      spec.given([...team, deleted(adminId)]).when(add(newcomerId, reused)).then([added(newcomerId, reused)]);
    });
  });

  describe('updating', () => {
    it('records the new card', () => {
      const promoted = { ...cashier, role: 'manager' as const, email: 'petr@example.ru' };
      spec.given(team).when(update(cashierId, promoted, asAdmin)).then([updated(cashierId, promoted)]);
    });

    it('records nothing when nothing changed', () => {
      spec.given(team).when(update(cashierId, cashier)).then([]);
    });

    it('lets the Owner edit their own card', () => {
      const renamed = { ...owner, patronymic: 'Петрович' };
      spec.given(team).when(update(ownerId, renamed)).then([updated(ownerId, renamed)]);
    });

    it('forbids anyone but the Owner to edit the Owner', () => {
      const error = spec.given(team).when(update(ownerId, { ...owner, firstName: 'Пётр' }, asAdmin)).thenThrows('FORBIDDEN');
      expect(error.message).toBe('Изменять данные владельца может только сам владелец');
    });

    it('refuses to change the Owner’s role', () => {
      const error = spec.given(team).when(update(ownerId, { ...owner, role: 'admin' })).thenThrows('RULE_VIOLATED');
      expect(error.errors).toEqual([{ path: 'role', message: 'Роль владельца изменить нельзя' }]);
    });

    it('refuses to make someone else the Owner', () => {
      const error = spec.given(team).when(update(adminId, { ...admin, role: 'owner' })).thenThrows('RULE_VIOLATED');
      expect(error.errors?.map((field) => field.path)).toEqual(['role']);
    });

    it('refuses a phone another employee has', () => {
      const error = spec.given(team).when(update(cashierId, { ...cashier, phone: owner.phone })).thenThrows('RULE_VIOLATED');
      expect(error.errors).toEqual([{ path: 'phone', message: 'Этот телефон уже указан у сотрудника «Иванов Иван Иванович»' }]);
    });

    it('refuses an email another employee has', () => {
      const error = spec.given(team).when(update(cashierId, { ...cashier, email: owner.email })).thenThrows('RULE_VIOLATED');
      expect(error.errors?.map((field) => field.path)).toEqual(['email']);
    });

    it('refuses a stale version', () => {
      spec.given([...team, updated(cashierId, { ...cashier, firstName: 'Павел' })]).when(update(cashierId, cashier)).thenThrows('VERSION_CONFLICT');
    });

    it('does not count a PIN-code sent as a change of the card', () => {
      const renamed = { ...cashier, firstName: 'Павел' };
      spec.given([...team, pinSent(cashierId, cashier.phone)]).when(update(cashierId, renamed)).then([updated(cashierId, renamed)]);
    });

    it('does not find an unknown or deleted employee', () => {
      spec.given(team).when(update(newcomerId, newcomer)).thenThrows('NOT_FOUND');
      const error = spec.given([...team, deleted(cashierId)]).when(update(cashierId, cashier, asOwner, 2)).thenThrows('NOT_FOUND');
      expect(error.message).toBe('Сотрудник не найден');
    });
  });

  describe('confirming a new login phone', () => {
    const confirmPhone = (employeeId: string, phone: string, actor = asOwner): EmployeeCommand => ({ type: 'ConfirmEmployeePhone', organisationId, employeeId, phone, actor, at: later });

    it('writes the phone into the card as it is then, keeping an edit made while the code was on its way', () => {
      const renamed = { ...cashier, lastName: 'Сидоренко' };
      spec.given([...team, updated(cashierId, renamed)]).when(confirmPhone(cashierId, '+79129999999')).then([updated(cashierId, { ...renamed, phone: '+79129999999' })]);
    });

    it('does nothing when the card has the phone already (a retried confirmation)', () => {
      spec.given(team).when(confirmPhone(cashierId, cashier.phone)).then([]);
    });

    it('refuses a phone another employee took meanwhile', () => {
      spec.given(team).when(confirmPhone(cashierId, admin.phone)).thenThrows('RULE_VIOLATED');
    });

    it('forbids anyone but the Owner to confirm the Owner’s phone', () => {
      spec.given(team).when(confirmPhone(ownerId, '+79129999999', asAdmin)).thenThrows('FORBIDDEN');
    });
  });

  describe('sending a new PIN-code', () => {
    it('records the PIN-code sent to the employee’s current phone', () => {
      const moved = { ...cashier, phone: '+79129999999' };
      spec.given([...team, updated(cashierId, moved)]).when(sendPin(cashierId, asAdmin)).then([pinSent(cashierId, '+79129999999')]);
    });

    it('lets the Owner send one to themselves', () => {
      spec.given(team).when(sendPin(ownerId)).then([pinSent(ownerId, owner.phone)]);
    });

    it('forbids anyone but the Owner to send one to the Owner', () => {
      spec.given(team).when(sendPin(ownerId, asAdmin)).thenThrows('FORBIDDEN');
    });

    it('does not find a deleted employee', () => {
      spec.given([...team, deleted(cashierId)]).when(sendPin(cashierId)).thenThrows('NOT_FOUND');
    });
  });

  describe('inviting to the cabinet', () => {
    it('records the invitation sent to the employee’s current phone', () => {
      const moved = { ...cashier, phone: '+79129999999' };
      spec.given([...team, updated(cashierId, moved)]).when(invite(cashierId, asAdmin)).then([invited(cashierId, '+79129999999')]);
    });

    it('forbids anyone but the Owner to invite the Owner', () => {
      spec.given(team).when(invite(ownerId, asAdmin)).thenThrows('FORBIDDEN');
    });

    it('does not find a deleted employee', () => {
      spec.given([...team, deleted(cashierId)]).when(invite(cashierId)).thenThrows('NOT_FOUND');
    });

    it('does not count an invitation as a change of the card', () => {
      const renamed = { ...cashier, firstName: 'Мария' };
      spec.given([...team, invited(cashierId, cashier.phone)]).when(update(cashierId, renamed)).then([updated(cashierId, renamed)]);
    });
  });

  describe('deleting', () => {
    it('deletes an employee', () => {
      spec.given(team).when(remove(cashierId, asAdmin, 1)).then([deleted(cashierId)]);
    });

    it('refuses to delete the Owner', () => {
      const error = spec.given(team).when(remove(ownerId, asAdmin)).thenThrows('RULE_VIOLATED');
      expect(error.message).toBe('Владельца организации удалить нельзя');
    });

    it('refuses anyone deleting themselves', () => {
      expect(spec.given(team).when(remove(adminId, asAdmin)).thenThrows('RULE_VIOLATED').message).toBe('Нельзя удалить самого себя');
      expect(spec.given(team).when(remove(ownerId, asOwner)).thenThrows('RULE_VIOLATED').message).toBe('Нельзя удалить самого себя');
    });

    it('refuses a stale version', () => {
      spec.given([...team, updated(cashierId, { ...cashier, firstName: 'Павел' })]).when(remove(cashierId, asOwner, 1)).thenThrows('VERSION_CONFLICT');
    });

    it('does not find one already deleted', () => {
      spec.given([...team, deleted(cashierId)]).when(remove(cashierId)).thenThrows('NOT_FOUND');
    });
  });
});
