import { DomainError, UnitEvents } from '@elk/contracts';
import type { Decider, EventOf } from '@elk/service-kit';

export type UnitEvent = EventOf<typeof UnitEvents>;

export interface UnitFields {
  name: string;
  shortName: string;
  ffdCode: number;
}

export type UnitCommand =
  | { type: 'AddUnit'; organisationId: string; unitId: string; fields: UnitFields; at: string }
  | { type: 'UpdateUnit'; organisationId: string; unitId: string; fields: UnitFields; expectedVersion: number; at: string }
  | {
      type: 'DeleteUnit';
      organisationId: string;
      unitId: string;
      expectedVersion?: number;
      /** Names of the products measured in this unit, looked up by the handler: deleting is refused while there are any. */
      usedByProducts: string[];
      /** The unit its products are given first (by the handler, each product a change of its own). */
      replaceWith?: string;
      at: string;
    }
  /** The FFD 1.2 units, once per organisation; ids from the handler. */
  | { type: 'LoadUnitPreset'; organisationId: string; units: Array<UnitFields & { unitId: string }>; at: string };

export interface UnitRecord extends UnitFields {
  unitId: string;
  /** Number of events that touched this unit. */
  version: number;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
}

/** Every unit the organisation ever had, deleted ones kept (so an id is never reused), and whether the preset is in. */
export interface UnitsState {
  units: Readonly<Record<string, UnitRecord>>;
  presetLoaded: boolean;
}

export function unitsStreamId(organisationId: string): string {
  return `catalog-units-${organisationId}-${organisationId}`;
}

export const UNIT_NOT_FOUND_MESSAGE = 'Единица измерения не найдена';
const STALE_MESSAGE = 'Единицу измерения уже изменили. Обновите страницу и повторите';

/** «Грамм» and « грамм» are the same name. */
const sameText = (a: string, b: string) => a.trim().toLocaleLowerCase('ru') === b.trim().toLocaleLowerCase('ru');

function liveUnits(state: UnitsState, except?: string): UnitRecord[] {
  return Object.values(state.units).filter((unit) => !unit.deleted && unit.unitId !== except);
}

/** Name and short name each unique among the organisation's other live units; errors under the field that clashes. */
function clashes(state: UnitsState, unitId: string, fields: UnitFields): Array<{ path: string; message: string }> {
  const others = liveUnits(state, unitId);
  const errors: Array<{ path: string; message: string }> = [];
  const sameName = others.find((unit) => sameText(unit.name, fields.name));
  if (sameName) errors.push({ path: 'name', message: `Единица измерения «${sameName.name}» уже есть` });
  const sameShortName = others.find((unit) => sameText(unit.shortName, fields.shortName));
  if (sameShortName) errors.push({ path: 'shortName', message: `Сокращение «${sameShortName.shortName}» уже есть у единицы «${sameShortName.name}»` });
  return errors;
}

function checkUnique(state: UnitsState, unitId: string, fields: UnitFields): void {
  const errors = clashes(state, unitId, fields);
  if (errors.length > 0) throw new DomainError('RULE_VIOLATED', errors.map((error) => error.message).join('. '), errors);
}

function existing(state: UnitsState, unitId: string, expectedVersion: number | undefined): UnitRecord {
  const unit = state.units[unitId];
  if (!unit || unit.deleted) throw new DomainError('NOT_FOUND', UNIT_NOT_FOUND_MESSAGE);
  if (expectedVersion !== undefined && expectedVersion !== unit.version) throw new DomainError('VERSION_CONFLICT', STALE_MESSAGE);
  return unit;
}

export const REPLACEMENT_IS_SELF_MESSAGE = 'Выберите другую единицу измерения: эту вы удаляете';
const REPLACEMENT_NOT_FOUND_MESSAGE = 'Единица измерения для замены не найдена: выберите другую';

function checkReplacement(state: UnitsState, unitId: string, replaceWith: string): void {
  const unit = state.units[replaceWith];
  if (replaceWith === unitId) throw new DomainError('RULE_VIOLATED', REPLACEMENT_IS_SELF_MESSAGE, [{ path: 'replaceWith', message: REPLACEMENT_IS_SELF_MESSAGE }]);
  if (!unit || unit.deleted) throw new DomainError('RULE_VIOLATED', REPLACEMENT_NOT_FOUND_MESSAGE, [{ path: 'replaceWith', message: REPLACEMENT_NOT_FOUND_MESSAGE }]);
}

function decide(command: UnitCommand, state: UnitsState): UnitEvent[] {
  const { organisationId } = command;
  switch (command.type) {
    case 'AddUnit': {
      // The same id again is a retried add: nothing more to do.
      if (state.units[command.unitId]) return [];
      checkUnique(state, command.unitId, command.fields);
      return [{ type: 'UnitAdded', data: { organisationId, unitId: command.unitId, ...command.fields, addedAt: command.at } }];
    }
    case 'UpdateUnit': {
      const unit = existing(state, command.unitId, command.expectedVersion);
      checkUnique(state, command.unitId, command.fields);
      const { name, shortName, ffdCode } = command.fields;
      if (unit.name === name && unit.shortName === shortName && unit.ffdCode === ffdCode) return [];
      return [{ type: 'UnitUpdated', data: { organisationId, unitId: command.unitId, name, shortName, ffdCode, updatedAt: command.at } }];
    }
    case 'DeleteUnit': {
      existing(state, command.unitId, command.expectedVersion);
      if (command.replaceWith !== undefined) checkReplacement(state, command.unitId, command.replaceWith);
      if (command.usedByProducts.length > 0) {
        const names = command.usedByProducts.map((name) => `«${name}»`).join(', ');
        throw new DomainError('RULE_VIOLATED', `Единица измерения используется в товарах: ${names}. Сначала укажите в них другую единицу измерения`);
      }
      return [{ type: 'UnitDeleted', data: { organisationId, unitId: command.unitId, deletedAt: command.at } }];
    }
    case 'LoadUnitPreset': {
      // Once per organisation: a redelivered OrganisationRegistered finds it loaded.
      if (state.presetLoaded) return [];
      // A unit the merchant already has under the same name or short name is not added twice.
      let next = state;
      const added: UnitEvent[] = [];
      for (const { unitId, ...fields } of command.units) {
        if (clashes(next, unitId, fields).length > 0) continue;
        const event: UnitEvent = { type: 'UnitAdded', data: { organisationId, unitId, ...fields, addedAt: command.at } };
        next = evolve(next, event);
        added.push(event);
      }
      return [{ type: 'UnitPresetLoaded', data: { organisationId, loadedAt: command.at } }, ...added];
    }
  }
}

function evolve(state: UnitsState, event: UnitEvent): UnitsState {
  switch (event.type) {
    case 'UnitAdded': {
      const { organisationId: _organisationId, addedAt, ...fields } = event.data;
      return { ...state, units: { ...state.units, [fields.unitId]: { ...fields, version: 1, createdAt: addedAt, updatedAt: addedAt, deleted: false } } };
    }
    case 'UnitUpdated': {
      const { organisationId: _organisationId, updatedAt, ...fields } = event.data;
      const current = state.units[fields.unitId];
      if (!current) return state;
      return { ...state, units: { ...state.units, [fields.unitId]: { ...current, ...fields, version: current.version + 1, updatedAt } } };
    }
    case 'UnitDeleted': {
      const current = state.units[event.data.unitId];
      if (!current) return state;
      return { ...state, units: { ...state.units, [current.unitId]: { ...current, version: current.version + 1, updatedAt: event.data.deletedAt, deleted: true } } };
    }
    case 'UnitPresetLoaded':
      return { ...state, presetLoaded: true };
  }
}

export const unitDecider: Decider<UnitCommand, UnitEvent, UnitsState> = {
  decide,
  evolve,
  initialState: { units: {}, presetLoaded: false },
  events: UnitEvents,
};
