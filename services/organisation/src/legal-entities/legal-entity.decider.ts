import { DomainError, LegalEntityEvents, TAX_SYSTEM_LABELS_RU, type EncryptedSecret, type LegalEntityType, type TaxSystem } from '@elk/contracts';
import type { Decider, EventOf } from '@elk/service-kit';

export type LegalEntityEvent = EventOf<typeof LegalEntityEvents>;

/** The fields of the card, as the decider sees them: the token already encrypted by the handler. */
export interface LegalEntityFields {
  type: LegalEntityType;
  name: string;
  inn: string;
  kpp: string | null;
  ogrn: string;
  legalAddress: string;
  taxSystem: TaxSystem;
  chestnyZnakToken: EncryptedSecret | null;
}

/** On update the token is kept when the request leaves it out. */
export type TokenChange = { keep: true } | { keep: false; value: EncryptedSecret | null };

export type LegalEntityCommand =
  | { type: 'AddLegalEntity'; organisationId: string; legalEntityId: string; fields: LegalEntityFields; at: string }
  | {
      type: 'UpdateLegalEntity';
      organisationId: string;
      legalEntityId: string;
      fields: Omit<LegalEntityFields, 'chestnyZnakToken'>;
      chestnyZnakToken: TokenChange;
      expectedVersion: number;
      /** The organisation has one tax system: a new one is given to every legal entity, or refused. */
      changeTaxSystemForAll: boolean;
      at: string;
    }
  | {
      type: 'DeleteLegalEntity';
      organisationId: string;
      legalEntityId: string;
      expectedVersion?: number;
      /**
       * Names of the sales points that use this legal entity, looked up by the handler in their read model:
       * deleting is refused while there are any.
       */
      usedBySalesPoints: string[];
      at: string;
    };

export interface LegalEntityRecord extends LegalEntityFields {
  legalEntityId: string;
  /** Number of events that touched this legal entity. */
  version: number;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
}

/** Every legal entity the organisation ever had, deleted ones kept (so an id is never reused). */
export interface LegalEntitiesState {
  entities: Readonly<Record<string, LegalEntityRecord>>;
}

export function legalEntitiesStreamId(organisationId: string): string {
  return `legal-entities-${organisationId}-${organisationId}`;
}

export const NOT_FOUND_MESSAGE = 'Юридическое лицо не найдено';
const STALE_MESSAGE = 'Юридическое лицо уже изменили. Обновите страницу и повторите';

function live(state: LegalEntitiesState, except?: string): LegalEntityRecord[] {
  return Object.values(state.entities).filter((entity) => !entity.deleted && entity.legalEntityId !== except);
}

/**
 * One tax system per organisation and ИНН unique in it, judged against the other live legal entities. A new tax
 * system is refused unless it is to be given to all of them (`forAll`, on edit).
 */
function checkOrganisationRules(state: LegalEntitiesState, legalEntityId: string, fields: { inn: string; taxSystem: TaxSystem }, forAll: boolean | null): void {
  const others = live(state, legalEntityId);
  const chosen = others[0]?.taxSystem;
  if (chosen !== undefined && chosen !== fields.taxSystem && forAll !== true) {
    const howToChange =
      forAll === null ? 'Выберите её же или смените её в карточке любого из юридических лиц: она сменится у всех.' : 'Выберите её же или смените её у всех юридических лиц сразу.';
    const message = `В организации уже выбрана система налогообложения «${TAX_SYSTEM_LABELS_RU[chosen]}»: приложение на кассе работает только с одной. ${howToChange}`;
    throw new DomainError('RULE_VIOLATED', message, [{ path: 'taxSystem', message }]);
  }
  const sameInn = others.find((entity) => entity.inn === fields.inn);
  if (sameInn) {
    const message = `Юридическое лицо с ИНН ${fields.inn} уже есть в организации: «${sameInn.name}»`;
    throw new DomainError('RULE_VIOLATED', message, [{ path: 'inn', message }]);
  }
}

function existing(state: LegalEntitiesState, legalEntityId: string, expectedVersion: number | undefined): LegalEntityRecord {
  const entity = state.entities[legalEntityId];
  if (!entity || entity.deleted) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
  if (expectedVersion !== undefined && expectedVersion !== entity.version) throw new DomainError('VERSION_CONFLICT', STALE_MESSAGE);
  return entity;
}

const FIELD_NAMES = ['type', 'name', 'inn', 'kpp', 'ogrn', 'legalAddress', 'taxSystem'] as const;

function decide(command: LegalEntityCommand, state: LegalEntitiesState): LegalEntityEvent[] {
  const { organisationId, legalEntityId } = command;
  switch (command.type) {
    case 'AddLegalEntity': {
      // The same id again is a retried add: nothing more to do.
      if (state.entities[legalEntityId]) return [];
      checkOrganisationRules(state, legalEntityId, command.fields, null);
      return [{ type: 'LegalEntityAdded', data: { organisationId, legalEntityId, ...command.fields, addedAt: command.at } }];
    }
    case 'UpdateLegalEntity': {
      const entity = existing(state, legalEntityId, command.expectedVersion);
      const { taxSystem } = command.fields;
      checkOrganisationRules(state, legalEntityId, command.fields, command.changeTaxSystemForAll);
      const chestnyZnakToken = command.chestnyZnakToken.keep ? entity.chestnyZnakToken : command.chestnyZnakToken.value;
      const unchanged = FIELD_NAMES.every((field) => entity[field] === command.fields[field]) && chestnyZnakToken === entity.chestnyZnakToken;
      const edited: LegalEntityEvent[] = unchanged ? [] : [{ type: 'LegalEntityUpdated', data: { organisationId, legalEntityId, ...command.fields, chestnyZnakToken, updatedAt: command.at } }];
      const followers = live(state, legalEntityId).filter((other) => other.taxSystem !== taxSystem);
      return [
        ...edited,
        ...followers.map(({ legalEntityId: otherId, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, deleted: _deleted, ...fields }): LegalEntityEvent => ({
          type: 'LegalEntityUpdated',
          data: { organisationId, legalEntityId: otherId, ...fields, taxSystem, updatedAt: command.at },
        })),
      ];
    }
    case 'DeleteLegalEntity': {
      existing(state, legalEntityId, command.expectedVersion);
      if (command.usedBySalesPoints.length > 0) {
        const names = command.usedBySalesPoints.map((name) => `«${name}»`).join(', ');
        throw new DomainError('RULE_VIOLATED', `Юридическое лицо используется в торговых точках: ${names}. Сначала укажите в них другое юридическое лицо`);
      }
      return [{ type: 'LegalEntityDeleted', data: { organisationId, legalEntityId, deletedAt: command.at } }];
    }
  }
}

function evolve(state: LegalEntitiesState, event: LegalEntityEvent): LegalEntitiesState {
  switch (event.type) {
    case 'LegalEntityAdded': {
      const { organisationId: _organisationId, addedAt, ...fields } = event.data;
      const record: LegalEntityRecord = { ...fields, version: 1, createdAt: addedAt, updatedAt: addedAt, deleted: false };
      return { entities: { ...state.entities, [fields.legalEntityId]: record } };
    }
    case 'LegalEntityUpdated': {
      const { organisationId: _organisationId, updatedAt, ...fields } = event.data;
      const current = state.entities[fields.legalEntityId];
      if (!current) return state;
      return { entities: { ...state.entities, [fields.legalEntityId]: { ...current, ...fields, version: current.version + 1, updatedAt } } };
    }
    case 'LegalEntityDeleted': {
      const current = state.entities[event.data.legalEntityId];
      if (!current) return state;
      return { entities: { ...state.entities, [current.legalEntityId]: { ...current, version: current.version + 1, updatedAt: event.data.deletedAt, deleted: true } } };
    }
  }
}

export const legalEntityDecider: Decider<LegalEntityCommand, LegalEntityEvent, LegalEntitiesState> = {
  decide,
  evolve,
  initialState: { entities: {} },
  events: LegalEntityEvents,
};
