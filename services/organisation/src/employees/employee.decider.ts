import { DomainError, EmployeeEvents, employeeFullName, type Role } from '@elk/contracts';
import type { Decider, EventOf } from '@elk/service-kit';

export type EmployeeEvent = EventOf<typeof EmployeeEvents>;

/** The fields of the employee's card. */
export interface EmployeeFields {
  lastName: string;
  firstName: string;
  patronymic: string | null;
  phone: string;
  email: string | null;
  role: Role;
}

/** Who acts, from the bus headers: the rules about the Owner depend on it. */
export interface EmployeeActor {
  accountId: string;
  role: Role;
}

export type EmployeeCommand =
  /** Sign-up: the one who registered the organisation becomes its Owner (no PIN-code yet), with the ФИО typed in one line. */
  | { type: 'AddOwner'; organisationId: string; employeeId: string; fullName: string; phone: string; email: string; at: string }
  /** `pinSentAt`: when identity sent the first PIN-code with the new account. */
  | { type: 'AddEmployee'; organisationId: string; employeeId: string; fields: EmployeeFields; actor: EmployeeActor; pinSentAt: string; at: string }
  | { type: 'UpdateEmployee'; organisationId: string; employeeId: string; fields: EmployeeFields; expectedVersion?: number; actor: EmployeeActor; at: string }
  /** The new login phone, once its SMS code is confirmed: the card's other fields stay as they are when it is written. */
  | { type: 'ConfirmEmployeePhone'; organisationId: string; employeeId: string; phone: string; actor: EmployeeActor; at: string }
  /** `sentAt`: when identity sent the new PIN-code. */
  | { type: 'SendPin'; organisationId: string; employeeId: string; actor: EmployeeActor; sentAt: string }
  /** `invitedAt`: when identity sent the SMS with the link that sets a password for the cabinet. */
  | { type: 'InviteEmployee'; organisationId: string; employeeId: string; actor: EmployeeActor; invitedAt: string }
  | { type: 'DeleteEmployee'; organisationId: string; employeeId: string; expectedVersion?: number; actor: EmployeeActor; at: string };

export interface EmployeeRecord extends EmployeeFields {
  employeeId: string;
  /** Number of changes to the card (added, updated, deleted); a PIN-code sent leaves it as it is. */
  version: number;
  pinSentAt: string | null;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
}

/** Every employee the organisation ever had, deleted ones kept (so an id is never reused). */
export interface EmployeesState {
  employees: Readonly<Record<string, EmployeeRecord>>;
}

export function employeesStreamId(organisationId: string): string {
  return `employees-${organisationId}-${organisationId}`;
}

export const NOT_FOUND_MESSAGE = 'Сотрудник не найден';
const STALE_MESSAGE = 'Данные сотрудника уже изменили. Обновите страницу и повторите';
export const OWNER_ROLE_MESSAGE = 'Владелец в организации один — тот, кто её зарегистрировал. Выберите другую роль';
export const OWNER_ROLE_FIXED_MESSAGE = 'Роль владельца изменить нельзя';
export const OWNER_ONLY_MESSAGE = 'Изменять данные владельца может только сам владелец';
export const OWNER_NOT_DELETED_MESSAGE = 'Владельца организации удалить нельзя';
export const SELF_DELETE_MESSAGE = 'Нельзя удалить самого себя';

function ruleOnField(path: keyof EmployeeFields, message: string): DomainError {
  return new DomainError('RULE_VIOLATED', message, [{ path, message }]);
}

function live(state: EmployeesState, except: string): EmployeeRecord[] {
  return Object.values(state.employees).filter((employee) => !employee.deleted && employee.employeeId !== except);
}

/** Phone and email are unique among the organisation's live employees. */
function checkUnique(state: EmployeesState, employeeId: string, fields: EmployeeFields): void {
  const others = live(state, employeeId);
  const samePhone = others.find((other) => other.phone === fields.phone);
  if (samePhone) throw ruleOnField('phone', `Этот телефон уже указан у сотрудника «${employeeFullName(samePhone)}»`);
  const sameEmail = fields.email === null ? undefined : others.find((other) => other.email === fields.email);
  if (sameEmail) throw ruleOnField('email', `Этот email уже указан у сотрудника «${employeeFullName(sameEmail)}»`);
}

function existing(state: EmployeesState, employeeId: string, expectedVersion: number | undefined): EmployeeRecord {
  const employee = state.employees[employeeId];
  if (!employee || employee.deleted) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
  if (expectedVersion !== undefined && expectedVersion !== employee.version) throw new DomainError('VERSION_CONFLICT', STALE_MESSAGE);
  return employee;
}

/** Only the Owner acts on the Owner's card. */
function checkMayTouch(employee: EmployeeRecord, actor: EmployeeActor): void {
  if (employee.role === 'owner' && actor.accountId !== employee.employeeId) throw new DomainError('FORBIDDEN', OWNER_ONLY_MESSAGE);
}

/** «Владелец» is nobody's to give, and the Owner stays the Owner. */
function checkRole(employee: EmployeeRecord | undefined, role: Role): void {
  if (employee?.role === 'owner' && role !== 'owner') throw ruleOnField('role', OWNER_ROLE_FIXED_MESSAGE);
  if (employee?.role !== 'owner' && role === 'owner') throw ruleOnField('role', OWNER_ROLE_MESSAGE);
}

/** «Иванов Иван Иванович» → surname, name, the rest as patronymic; a single word is the surname alone. */
function splitFullName(fullName: string): Pick<EmployeeFields, 'lastName' | 'firstName' | 'patronymic'> {
  const [lastName = '', firstName = '', ...rest] = fullName.trim().split(/\s+/);
  return { lastName, firstName, patronymic: rest.length > 0 ? rest.join(' ') : null };
}

const FIELD_NAMES = ['lastName', 'firstName', 'patronymic', 'phone', 'email', 'role'] as const;

function decide(command: EmployeeCommand, state: EmployeesState): EmployeeEvent[] {
  const { organisationId, employeeId } = command;
  switch (command.type) {
    case 'AddOwner': {
      if (state.employees[employeeId]) return [];
      if (Object.values(state.employees).some((employee) => employee.role === 'owner')) throw new DomainError('RULE_VIOLATED', 'В организации уже есть владелец');
      const { phone, email, at } = command;
      return [{ type: 'EmployeeAdded', data: { organisationId, employeeId, ...splitFullName(command.fullName), phone, email, role: 'owner', pinSentAt: null, addedAt: at } }];
    }
    case 'AddEmployee': {
      // The same id again is a retried add: nothing more to do.
      if (state.employees[employeeId]) return [];
      checkRole(undefined, command.fields.role);
      checkUnique(state, employeeId, command.fields);
      return [{ type: 'EmployeeAdded', data: { organisationId, employeeId, ...command.fields, pinSentAt: command.pinSentAt, addedAt: command.at } }];
    }
    case 'UpdateEmployee': {
      const employee = existing(state, employeeId, command.expectedVersion);
      checkMayTouch(employee, command.actor);
      checkRole(employee, command.fields.role);
      checkUnique(state, employeeId, command.fields);
      if (FIELD_NAMES.every((field) => employee[field] === command.fields[field])) return [];
      return [{ type: 'EmployeeUpdated', data: { organisationId, employeeId, ...command.fields, updatedAt: command.at } }];
    }
    case 'ConfirmEmployeePhone': {
      const employee = existing(state, employeeId, undefined);
      checkMayTouch(employee, command.actor);
      if (employee.phone === command.phone) return [];
      const fields = { ...Object.fromEntries(FIELD_NAMES.map((field) => [field, employee[field]])), phone: command.phone } as EmployeeFields;
      checkUnique(state, employeeId, fields);
      return [{ type: 'EmployeeUpdated', data: { organisationId, employeeId, ...fields, updatedAt: command.at } }];
    }
    case 'SendPin': {
      const employee = existing(state, employeeId, undefined);
      checkMayTouch(employee, command.actor);
      return [{ type: 'EmployeePinSent', data: { organisationId, employeeId, phone: employee.phone, sentAt: command.sentAt } }];
    }
    case 'InviteEmployee': {
      const employee = existing(state, employeeId, undefined);
      checkMayTouch(employee, command.actor);
      return [{ type: 'EmployeeInvited', data: { organisationId, employeeId, phone: employee.phone, invitedAt: command.invitedAt } }];
    }
    case 'DeleteEmployee': {
      const employee = existing(state, employeeId, command.expectedVersion);
      if (employeeId === command.actor.accountId) throw new DomainError('RULE_VIOLATED', SELF_DELETE_MESSAGE);
      if (employee.role === 'owner') throw new DomainError('RULE_VIOLATED', OWNER_NOT_DELETED_MESSAGE);
      return [{ type: 'EmployeeDeleted', data: { organisationId, employeeId, deletedAt: command.at } }];
    }
  }
}

function evolve(state: EmployeesState, event: EmployeeEvent): EmployeesState {
  const current = state.employees[event.data.employeeId];
  const withRecord = (record: EmployeeRecord): EmployeesState => ({ employees: { ...state.employees, [record.employeeId]: record } });
  switch (event.type) {
    case 'EmployeeAdded': {
      const { organisationId: _organisationId, addedAt, ...fields } = event.data;
      return withRecord({ ...fields, version: 1, createdAt: addedAt, updatedAt: addedAt, deleted: false });
    }
    case 'EmployeeUpdated': {
      if (!current) return state;
      const { organisationId: _organisationId, updatedAt, ...fields } = event.data;
      return withRecord({ ...current, ...fields, version: current.version + 1, updatedAt });
    }
    case 'EmployeePinSent':
      return current ? withRecord({ ...current, pinSentAt: event.data.sentAt }) : state;
    case 'EmployeeInvited':
      return state;
    case 'EmployeeDeleted':
      return current ? withRecord({ ...current, version: current.version + 1, updatedAt: event.data.deletedAt, deleted: true }) : state;
  }
}

export const employeeDecider: Decider<EmployeeCommand, EmployeeEvent, EmployeesState> = {
  decide,
  evolve,
  initialState: { employees: {} },
  events: EmployeeEvents,
};
