import { DomainError, SalesPointEvents, type PaymentMethodsByRole } from '@elk/contracts';
import type { Decider, EventOf } from '@elk/service-kit';

export type SalesPointEvent = EventOf<typeof SalesPointEvents>;

/** The fields of the card («Наименование», «Юридическое лицо», «Фактический адрес», «Бренд»). */
export interface SalesPointFields {
  name: string;
  legalEntityId: string;
  address: string;
  brand: string | null;
}

/** What the handler found for `legalEntityId` among the organisation's live legal entities: null when none. */
export type LegalEntityLookup = { name: string } | null;

export type SalesPointCommand =
  | { type: 'AddSalesPoint'; organisationId: string; salesPointId: string; fields: SalesPointFields; legalEntity: LegalEntityLookup; paymentMethods: PaymentMethodsByRole; at: string }
  | { type: 'UpdateSalesPoint'; organisationId: string; salesPointId: string; fields: SalesPointFields; legalEntity: LegalEntityLookup; expectedVersion: number; at: string }
  | { type: 'SetSalesPointPaymentMethods'; organisationId: string; salesPointId: string; paymentMethods: PaymentMethodsByRole; expectedVersion: number; at: string }
  | { type: 'DeleteSalesPoint'; organisationId: string; salesPointId: string; expectedVersion?: number; at: string };

export interface SalesPointRecord extends SalesPointFields {
  salesPointId: string;
  paymentMethods: PaymentMethodsByRole;
  /** Number of events in the stream. */
  version: number;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
}

/** The one sales point of the stream; null before it is added. A deleted one is kept (its id is never reused). */
export interface SalesPointState {
  point: SalesPointRecord | null;
}

export function salesPointStreamId(organisationId: string, salesPointId: string): string {
  return `sales-point-${organisationId}-${salesPointId}`;
}

export const NOT_FOUND_MESSAGE = 'Точка продаж не найдена';
export const LEGAL_ENTITY_NOT_FOUND_MESSAGE = 'Юридическое лицо не найдено';
export const GUEST_MESSAGE = 'Гость не проводит продажи: способы оплаты ему не назначаются';
const STALE_MESSAGE = 'Точку продаж уже изменили. Обновите страницу и повторите';

function existing(state: SalesPointState, expectedVersion: number | undefined): SalesPointRecord {
  const point = state.point;
  if (!point || point.deleted) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
  if (expectedVersion !== undefined && expectedVersion !== point.version) throw new DomainError('VERSION_CONFLICT', STALE_MESSAGE);
  return point;
}

/** The legal entity must be one of the organisation's live ones. */
function checkLegalEntity(legalEntity: LegalEntityLookup): void {
  if (legalEntity === null) {
    throw new DomainError('RULE_VIOLATED', LEGAL_ENTITY_NOT_FOUND_MESSAGE, [{ path: 'legalEntityId', message: LEGAL_ENTITY_NOT_FOUND_MESSAGE }]);
  }
}

function checkPaymentMethods(paymentMethods: PaymentMethodsByRole): void {
  if (paymentMethods.guest.length > 0) {
    throw new DomainError('VALIDATION_FAILED', GUEST_MESSAGE, [{ path: 'paymentMethods.guest', message: GUEST_MESSAGE }]);
  }
}

const FIELD_NAMES = ['name', 'legalEntityId', 'address', 'brand'] as const;

function sameGrid(a: PaymentMethodsByRole, b: PaymentMethodsByRole): boolean {
  const roles = Object.keys(a) as Array<keyof PaymentMethodsByRole>;
  return roles.every((role) => a[role].length === b[role].length && a[role].every((method) => b[role].includes(method)));
}

function decide(command: SalesPointCommand, state: SalesPointState): SalesPointEvent[] {
  const { organisationId, salesPointId } = command;
  switch (command.type) {
    case 'AddSalesPoint': {
      // The same id again is a retried add: nothing more to do.
      if (state.point) return [];
      checkLegalEntity(command.legalEntity);
      checkPaymentMethods(command.paymentMethods);
      return [{ type: 'SalesPointAdded', data: { organisationId, salesPointId, ...command.fields, paymentMethods: command.paymentMethods, addedAt: command.at } }];
    }
    case 'UpdateSalesPoint': {
      const point = existing(state, command.expectedVersion);
      checkLegalEntity(command.legalEntity);
      if (FIELD_NAMES.every((field) => point[field] === command.fields[field])) return [];
      return [{ type: 'SalesPointUpdated', data: { organisationId, salesPointId, ...command.fields, updatedAt: command.at } }];
    }
    case 'SetSalesPointPaymentMethods': {
      const point = existing(state, command.expectedVersion);
      checkPaymentMethods(command.paymentMethods);
      if (sameGrid(point.paymentMethods, command.paymentMethods)) return [];
      return [{ type: 'SalesPointPaymentMethodsSet', data: { organisationId, salesPointId, paymentMethods: command.paymentMethods, setAt: command.at } }];
    }
    case 'DeleteSalesPoint': {
      existing(state, command.expectedVersion);
      return [{ type: 'SalesPointDeleted', data: { organisationId, salesPointId, deletedAt: command.at } }];
    }
  }
}

function evolve(state: SalesPointState, event: SalesPointEvent): SalesPointState {
  const current = state.point;
  switch (event.type) {
    case 'SalesPointAdded': {
      const { organisationId: _organisationId, addedAt, ...fields } = event.data;
      return { point: { ...fields, version: 1, createdAt: addedAt, updatedAt: addedAt, deleted: false } };
    }
    case 'SalesPointUpdated': {
      if (!current) return state;
      const { organisationId: _organisationId, salesPointId: _salesPointId, updatedAt, ...fields } = event.data;
      return { point: { ...current, ...fields, version: current.version + 1, updatedAt } };
    }
    case 'SalesPointPaymentMethodsSet': {
      if (!current) return state;
      return { point: { ...current, paymentMethods: event.data.paymentMethods, version: current.version + 1, updatedAt: event.data.setAt } };
    }
    case 'SalesPointDeleted': {
      if (!current) return state;
      return { point: { ...current, version: current.version + 1, updatedAt: event.data.deletedAt, deleted: true } };
    }
  }
}

export const salesPointDecider: Decider<SalesPointCommand, SalesPointEvent, SalesPointState> = {
  decide,
  evolve,
  initialState: { point: null },
  events: SalesPointEvents,
};
