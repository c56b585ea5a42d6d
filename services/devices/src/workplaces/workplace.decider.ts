import { DomainError, WorkplaceEvents, type DeviceDescription, type WorkplaceType } from '@elk/contracts';
import type { Decider, EventOf } from '@elk/service-kit';

export type WorkplaceEvent = EventOf<typeof WorkplaceEvents>;

/** The fields of the workplace's card. */
export interface WorkplaceFields {
  name: string;
  number: number;
  type: WorkplaceType;
  salesPointId: string;
  employeeId: string;
}

/** Whether the card's sales point and employee exist in the organisation (the handler looks them up). */
export interface WorkplaceReferences {
  salesPointFound: boolean;
  employeeFound: boolean;
}

/** A code issued by the handler: its id (the hash stays with the handler) and when it stops working. */
export interface IssuedCode {
  codeId: string;
  expiresAt: string;
}

export type WorkplaceCommand =
  /** «+ Добавить»: the workplace, and its first activation code to the employee. */
  | { type: 'AddWorkplace'; organisationId: string; workplaceId: string; fields: WorkplaceFields; references: WorkplaceReferences; code: IssuedCode; at: string }
  | { type: 'UpdateWorkplace'; organisationId: string; workplaceId: string; fields: WorkplaceFields; references: WorkplaceReferences; expectedVersion?: number; at: string }
  | { type: 'DeleteWorkplace'; organisationId: string; workplaceId: string; expectedVersion?: number; at: string }
  /** «Получить код активации»: to `employeeId`, binding the workplace to `salesPointId`. */
  | { type: 'IssueActivationCode'; organisationId: string; workplaceId: string; employeeId: string; salesPointId: string; references: WorkplaceReferences; code: IssuedCode; at: string }
  /** A terminal presented the workplace's code `codeId`, right. */
  | { type: 'Activate'; organisationId: string; workplaceId: string; codeId: string; credentialId: string; device: DeviceDescription; at: string }
  /** A terminal presented a code that begins like `codeId` but is wrong. */
  | { type: 'TryWrongCode'; organisationId: string; workplaceId: string; codeId: string; at: string }
  | { type: 'Deactivate'; organisationId: string; workplaceId: string; at: string };

/** Wrong tries a code takes before it dies. */
export const ACTIVATION_CODE_MAX_TRIES = 5;
/** How long a code works after it is sent. */
export const ACTIVATION_CODE_TTL_MS = 24 * 60 * 60 * 1000;
/** Номер рабочего места, as the manual says: from 1 to 99. */
export const WORKPLACE_NUMBER_MIN = 1;
export const WORKPLACE_NUMBER_MAX = 99;

export type WorkplaceStatus = 'not-activated' | 'activated' | 'deactivated';

interface CurrentCode extends IssuedCode {
  triesLeft: number;
}

export interface WorkplaceRecord extends WorkplaceFields {
  workplaceId: string;
  /** Number of changes to the card and its status. */
  version: number;
  status: WorkplaceStatus;
  /** The code that may activate it now; null once used, voided by deactivation, or never issued. */
  code: CurrentCode | null;
  credentialId: string | null;
  deleted: boolean;
}

/** Every workplace the organisation ever had, deleted ones kept (so an id is never reused). */
export interface WorkplacesState {
  workplaces: Readonly<Record<string, WorkplaceRecord>>;
}

export function workplacesStreamId(organisationId: string): string {
  return `workplaces-${organisationId}-${organisationId}`;
}

export const NOT_FOUND_MESSAGE = 'Рабочее место не найдено';
const STALE_MESSAGE = 'Данные рабочего места уже изменили. Обновите страницу и повторите';
const NUMBERS_TAKEN_MESSAGE = `Все номера от ${WORKPLACE_NUMBER_MIN} до ${WORKPLACE_NUMBER_MAX} заняты: удалите ненужное рабочее место`;

function ruleOnField(path: string, message: string): DomainError {
  return new DomainError('RULE_VIOLATED', message, [{ path, message }]);
}

function live(state: WorkplacesState): WorkplaceRecord[] {
  return Object.values(state.workplaces).filter((workplace) => !workplace.deleted);
}

/** The smallest number no live workplace has: what the «+ Добавить» card suggests; null when all 99 are taken. */
export function nextFreeNumber(state: WorkplacesState): number | null {
  const taken = new Set(live(state).map((workplace) => workplace.number));
  for (let number = WORKPLACE_NUMBER_MIN; number <= WORKPLACE_NUMBER_MAX; number++) if (!taken.has(number)) return number;
  return null;
}

function checkReferences(references: WorkplaceReferences, paths: { salesPoint: string; employee: string }): void {
  const errors = [
    ...(references.salesPointFound ? [] : [{ path: paths.salesPoint, message: 'Торговая точка не найдена: выберите из списка' }]),
    ...(references.employeeFound ? [] : [{ path: paths.employee, message: 'Сотрудник не найден: выберите из списка' }]),
  ];
  const [first] = errors;
  if (first) throw new DomainError('VALIDATION_FAILED', first.message, errors);
}

function checkNumber(state: WorkplacesState, workplaceId: string, number: number): void {
  const holder = live(state).find((workplace) => workplace.number === number && workplace.workplaceId !== workplaceId);
  if (!holder) return;
  const free = nextFreeNumber(state);
  throw ruleOnField('number', free === null ? NUMBERS_TAKEN_MESSAGE : `Номер ${number} уже у рабочего места «${holder.name}». Свободный номер: ${free}`);
}

function existing(state: WorkplacesState, workplaceId: string, expectedVersion: number | undefined): WorkplaceRecord {
  const workplace = state.workplaces[workplaceId];
  if (!workplace || workplace.deleted) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
  if (expectedVersion !== undefined && expectedVersion !== workplace.version) throw new DomainError('VERSION_CONFLICT', STALE_MESSAGE);
  return workplace;
}

const codeError = (code: 'ACTIVATION_CODE_INVALID' | 'ACTIVATION_CODE_EXPIRED' | 'ACTIVATION_CODE_EXHAUSTED', message: string) => new DomainError(code, message, [{ path: 'code', message }]);

/** Nothing to activate with: no such code, used, voided, or replaced by a newer one (answered alike). */
export const unknownCodeError = () => codeError('ACTIVATION_CODE_INVALID', 'Код активации недействителен. Запросите новый код в личном кабинете');

/** The refusal for the wrong try that left `triesLeft` (the handler raises it once the try is recorded). */
export function wrongCodeError(triesLeft: number): DomainError {
  if (triesLeft <= 0) return codeError('ACTIVATION_CODE_EXHAUSTED', 'Неверный код активации. Попытки закончились — запросите новый код в личном кабинете');
  return codeError('ACTIVATION_CODE_INVALID', `Неверный код активации. Осталось попыток: ${triesLeft}`);
}

/** The workplace's code in force if it is `codeId` and may still be tried at `at`; throws otherwise. */
function usableCode(workplace: WorkplaceRecord | undefined, codeId: string, at: string): CurrentCode {
  const code = workplace?.deleted ? null : workplace?.code;
  if (!code || code.codeId !== codeId) throw unknownCodeError();
  if (code.triesLeft <= 0) throw wrongCodeError(0);
  if (Date.parse(at) >= Date.parse(code.expiresAt)) throw codeError('ACTIVATION_CODE_EXPIRED', 'Срок действия кода активации истёк. Запросите новый код в личном кабинете');
  return code;
}

const FIELD_NAMES = ['name', 'number', 'type', 'salesPointId', 'employeeId'] as const;

function decide(command: WorkplaceCommand, state: WorkplacesState): WorkplaceEvent[] {
  const { organisationId, workplaceId } = command;
  switch (command.type) {
    case 'AddWorkplace': {
      // The same id again is a retried add: nothing more to do.
      if (state.workplaces[workplaceId]) return [];
      checkReferences(command.references, { salesPoint: 'salesPointId', employee: 'employeeId' });
      checkNumber(state, workplaceId, command.fields.number);
      const { fields, code, at } = command;
      return [
        { type: 'WorkplaceAdded', data: { organisationId, workplaceId, ...fields, addedAt: at } },
        { type: 'WorkplaceActivationCodeIssued', data: { organisationId, workplaceId, codeId: code.codeId, employeeId: fields.employeeId, salesPointId: fields.salesPointId, issuedAt: at, expiresAt: code.expiresAt } },
      ];
    }
    case 'UpdateWorkplace': {
      const workplace = existing(state, workplaceId, command.expectedVersion);
      checkReferences(command.references, { salesPoint: 'salesPointId', employee: 'employeeId' });
      checkNumber(state, workplaceId, command.fields.number);
      if (FIELD_NAMES.every((field) => workplace[field] === command.fields[field])) return [];
      return [{ type: 'WorkplaceUpdated', data: { organisationId, workplaceId, ...command.fields, updatedAt: command.at } }];
    }
    case 'DeleteWorkplace': {
      const workplace = existing(state, workplaceId, command.expectedVersion);
      return [{ type: 'WorkplaceDeleted', data: { organisationId, workplaceId, credentialId: workplace.credentialId, deletedAt: command.at } }];
    }
    case 'IssueActivationCode': {
      existing(state, workplaceId, undefined);
      checkReferences(command.references, { salesPoint: 'salesPointId', employee: 'employeeId' });
      const { employeeId, salesPointId, code, at } = command;
      return [{ type: 'WorkplaceActivationCodeIssued', data: { organisationId, workplaceId, codeId: code.codeId, employeeId, salesPointId, issuedAt: at, expiresAt: code.expiresAt } }];
    }
    case 'Activate':
    case 'TryWrongCode': {
      const workplace = state.workplaces[workplaceId];
      const code = usableCode(workplace, command.codeId, command.at);
      if (command.type === 'TryWrongCode') {
        return [{ type: 'WorkplaceActivationFailed', data: { organisationId, workplaceId, codeId: code.codeId, triesLeft: code.triesLeft - 1, failedAt: command.at } }];
      }
      const { credentialId, device, at } = command;
      return [
        {
          type: 'WorkplaceActivated',
          data: { organisationId, workplaceId, codeId: code.codeId, credentialId, replacedCredentialId: workplace!.credentialId, device, employeeId: workplace!.employeeId, activatedAt: at },
        },
      ];
    }
    case 'Deactivate': {
      const workplace = existing(state, workplaceId, undefined);
      if (workplace.status !== 'activated' || workplace.credentialId === null) {
        throw new DomainError('RULE_VIOLATED', workplace.status === 'deactivated' ? 'Рабочее место уже деактивировано' : 'Рабочее место ещё не активировано');
      }
      return [{ type: 'WorkplaceDeactivated', data: { organisationId, workplaceId, credentialId: workplace.credentialId, deactivatedAt: command.at } }];
    }
  }
}

function evolve(state: WorkplacesState, event: WorkplaceEvent): WorkplacesState {
  const current = state.workplaces[event.data.workplaceId];
  const withRecord = (record: WorkplaceRecord): WorkplacesState => ({ workplaces: { ...state.workplaces, [record.workplaceId]: record } });
  if (event.type === 'WorkplaceAdded') {
    const { organisationId: _organisationId, addedAt: _addedAt, ...fields } = event.data;
    return withRecord({ ...fields, version: 1, status: 'not-activated', code: null, credentialId: null, deleted: false });
  }
  if (!current) return state;
  switch (event.type) {
    case 'WorkplaceUpdated': {
      const { organisationId: _organisationId, updatedAt: _updatedAt, ...fields } = event.data;
      return withRecord({ ...current, ...fields, version: current.version + 1 });
    }
    case 'WorkplaceDeleted':
      return withRecord({ ...current, version: current.version + 1, code: null, credentialId: null, deleted: true });
    case 'WorkplaceActivationCodeIssued': {
      const { codeId, expiresAt, employeeId, salesPointId } = event.data;
      // A code to another employee or sales point changes the card: an edit made on the card seen before is stale.
      const rebound = employeeId !== current.employeeId || salesPointId !== current.salesPointId;
      return withRecord({ ...current, employeeId, salesPointId, version: current.version + (rebound ? 1 : 0), code: { codeId, expiresAt, triesLeft: ACTIVATION_CODE_MAX_TRIES } });
    }
    case 'WorkplaceActivationFailed':
      return current.code ? withRecord({ ...current, code: { ...current.code, triesLeft: event.data.triesLeft } }) : state;
    case 'WorkplaceActivated':
      return withRecord({ ...current, version: current.version + 1, status: 'activated', code: null, credentialId: event.data.credentialId });
    case 'WorkplaceDeactivated':
      return withRecord({ ...current, version: current.version + 1, status: 'deactivated', credentialId: null });
  }
}

export const workplaceDecider: Decider<WorkplaceCommand, WorkplaceEvent, WorkplacesState> = {
  decide,
  evolve,
  initialState: { workplaces: {} },
  events: WorkplaceEvents,
};
