import { deciderSpec } from '@elk/testing';
import { FFD_UNIT_PRESET } from './ffd-unit-preset';
import { unitDecider, type UnitCommand, type UnitEvent, type UnitFields } from './unit.decider';

const spec = deciderSpec(unitDecider);
const organisationId = '11111111-1111-4111-8111-111111111111';
const first = '22222222-2222-4222-8222-222222222222';
const second = '33333333-3333-4333-8333-333333333333';
const at = '2025-01-15T10:00:00.000Z';
const later = '2025-01-16T10:00:00.000Z';

const portion: UnitFields = { name: 'порция', shortName: 'порц', ffdCode: 255 };
const pack: UnitFields = { name: 'упаковка', shortName: 'уп', ffdCode: 255 };

const added = (unitId: string, fields: UnitFields, when = at): UnitEvent => ({ type: 'UnitAdded', data: { organisationId, unitId, ...fields, addedAt: when } });
const updated = (unitId: string, fields: UnitFields): UnitEvent => ({ type: 'UnitUpdated', data: { organisationId, unitId, ...fields, updatedAt: later } });
const deleted = (unitId: string): UnitEvent => ({ type: 'UnitDeleted', data: { organisationId, unitId, deletedAt: later } });
const presetLoaded: UnitEvent = { type: 'UnitPresetLoaded', data: { organisationId, loadedAt: at } };

const add = (unitId: string, fields: UnitFields): UnitCommand => ({ type: 'AddUnit', organisationId, unitId, fields, at });
const update = (unitId: string, fields: UnitFields, expectedVersion = 1): UnitCommand => ({ type: 'UpdateUnit', organisationId, unitId, fields, expectedVersion, at: later });
const remove = (unitId: string, usedByProducts: string[] = [], expectedVersion?: number, replaceWith?: string): UnitCommand => ({
  type: 'DeleteUnit',
  organisationId,
  unitId,
  expectedVersion,
  usedByProducts,
  replaceWith,
  at: later,
});

/** The preset with ids `00000000-0000-4000-8000-0000000000NN`, NN the unit's place in it. */
const preset = FFD_UNIT_PRESET.map((unit, index) => ({ ...unit, unitId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}` }));
const loadPreset: UnitCommand = { type: 'LoadUnitPreset', organisationId, units: preset, at };

describe('unit of measure decider', () => {
  describe('adding', () => {
    it('adds a unit', () => {
      spec.given([]).when(add(first, portion)).then([added(first, portion)]);
    });

    it('does nothing for a retried add with the same id', () => {
      spec.given([added(first, portion)]).when(add(first, portion)).then([]);
    });

    it('refuses a name the organisation already has, whatever the letter case, under name', () => {
      const error = spec.given([added(first, portion)]).when(add(second, { ...pack, name: 'Порция' })).thenThrows('RULE_VIOLATED');
      expect(error.errors).toEqual([{ path: 'name', message: 'Единица измерения «порция» уже есть' }]);
    });

    it('refuses a short name the organisation already has, naming the unit that has it', () => {
      const error = spec.given([added(first, portion)]).when(add(second, { ...pack, shortName: 'порц' })).thenThrows('RULE_VIOLATED');
      expect(error.errors).toEqual([{ path: 'shortName', message: 'Сокращение «порц» уже есть у единицы «порция»' }]);
    });

    it('allows the name of a deleted unit again', () => {
      spec.given([added(first, portion), deleted(first)]).when(add(second, portion)).then([added(second, portion)]);
    });
  });

  describe('editing', () => {
    it('saves the new name, short name and FFD code', () => {
      const renamed = { name: 'порция большая', shortName: 'порц б', ffdCode: 0 };
      spec.given([added(first, portion)]).when(update(first, renamed)).then([updated(first, renamed)]);
    });

    it('records nothing when nothing changed', () => {
      spec.given([added(first, portion)]).when(update(first, portion)).then([]);
    });

    it('keeps its own name when changing the code, but refuses another unit’s', () => {
      spec.given([added(first, portion)]).when(update(first, { ...portion, ffdCode: 0 })).then([updated(first, { ...portion, ffdCode: 0 })]);
      spec.given([added(first, portion), added(second, pack)]).when(update(second, { ...pack, name: 'порция' })).thenThrows('RULE_VIOLATED');
    });

    it('refuses a stale version', () => {
      spec.given([added(first, portion), updated(first, pack)]).when(update(first, portion, 1)).thenThrows('VERSION_CONFLICT');
    });

    it('does not find a deleted or unknown unit', () => {
      spec.given([added(first, portion), deleted(first)]).when(update(first, pack, 2)).thenThrows('NOT_FOUND');
      spec.given([]).when(update(first, pack)).thenThrows('NOT_FOUND');
    });
  });

  describe('deleting', () => {
    it('deletes a unit no product uses', () => {
      spec.given([added(first, portion)]).when(remove(first)).then([deleted(first)]);
    });

    it('refuses while products use it, naming them', () => {
      const error = spec.given([added(first, portion)]).when(remove(first, ['Капучино', 'Латте'])).thenThrows('RULE_VIOLATED');
      expect(error.message).toBe('Единица измерения используется в товарах: «Капучино», «Латте». Сначала укажите в них другую единицу измерения');
    });

    it('deletes a unit once its products have the replacement, refusing itself or a unit it does not have as the replacement', () => {
      spec.given([added(first, portion), added(second, pack)]).when(remove(first, [], undefined, second)).then([deleted(first)]);
      const self = spec.given([added(first, portion)]).when(remove(first, [], undefined, first)).thenThrows('RULE_VIOLATED');
      expect(self.errors).toEqual([{ path: 'replaceWith', message: 'Выберите другую единицу измерения: эту вы удаляете' }]);
      const gone = spec.given([added(first, portion), added(second, pack), deleted(second)]).when(remove(first, [], undefined, second)).thenThrows('RULE_VIOLATED');
      expect(gone.errors).toEqual([{ path: 'replaceWith', message: 'Единица измерения для замены не найдена: выберите другую' }]);
    });

    it('refuses a stale version and an already deleted unit', () => {
      spec.given([added(first, portion), updated(first, pack)]).when(remove(first, [], 1)).thenThrows('VERSION_CONFLICT');
      spec.given([added(first, portion), deleted(first)]).when(remove(first)).thenThrows('NOT_FOUND');
    });
  });

  describe('the FFD 1.2 preset', () => {
    it('adds the 24 units of tag 2108 once, marked as loaded', () => {
      spec
        .given([])
        .when(loadPreset)
        .then([presetLoaded, ...preset.map(({ unitId, ...fields }) => added(unitId, fields))]);
      expect(preset.map((unit) => unit.ffdCode)).toEqual([0, 10, 11, 12, 20, 21, 22, 30, 31, 32, 40, 41, 42, 50, 51, 70, 71, 72, 73, 80, 81, 82, 83, 255]);
    });

    it('does nothing when loaded again (a redelivered event)', () => {
      spec.given([presetLoaded, ...preset.map(({ unitId, ...fields }) => added(unitId, fields))]).when(loadPreset).then([]);
    });

    it('does nothing when loaded again after the merchant deleted preset units', () => {
      const [gram] = preset.slice(1);
      spec.given([presetLoaded, added(gram!.unitId, gram!), deleted(gram!.unitId)]).when(loadPreset).then([]);
    });

    it('skips a unit the merchant already has under the same name or short name', () => {
      const kilogram = { name: 'Килограмм', shortName: 'кило', ffdCode: 11 };
      const litre = { name: 'литр жидкий', shortName: 'л', ffdCode: 41 };
      const expected = preset.filter((unit) => unit.name !== 'килограмм' && unit.shortName !== 'л').map(({ unitId, ...fields }) => added(unitId, fields));
      spec
        .given([added(first, kilogram), added(second, litre)])
        .when(loadPreset)
        .then([presetLoaded, ...expected]);
      expect(expected).toHaveLength(22);
    });
  });
});
