import { UnitEvents, type UnitView } from '@elk/contracts';
import { defineCollection, documentProjection } from '@elk/documents';
import { parseEvent } from '@elk/service-kit';
import { commonUnitRank } from '../common-units';

/** The unit as the list shows it, with its place in the list's own order (`commonUnitRank`). */
export type UnitDocument = UnitView & { organisationId: string; commonRank: number };

/** The unit as the cabinet sees it, without what is kept only for the order. */
export function unitOf({ commonRank: _commonRank, ...unit }: Omit<UnitDocument, 'organisationId'>): UnitView {
  return unit;
}

export const unitsCollection = defineCollection<UnitDocument>('catalog.units.v2', {
  indexes: [{ fields: ['organisationId', 'name'] }, { fields: ['organisationId', 'commonRank', 'name'] }],
  searchFields: ['name', 'shortName'],
});

/** Каталог → Единицы измерения: one document per live unit. */
export const unitListProjection = documentProjection<UnitDocument>({
  name: 'catalog.units.v2',
  collection: unitsCollection,
  handles: Object.keys(UnitEvents),
  documentId: (recorded) => {
    const event = parseEvent(UnitEvents, recorded);
    return event.type === 'UnitPresetLoaded' ? null : event.data.unitId;
  },
  evolve: (current, recorded) => {
    const event = parseEvent(UnitEvents, recorded);
    switch (event.type) {
      case 'UnitAdded': {
        const { unitId, addedAt, ...fields } = event.data;
        return { ...fields, id: unitId, version: 1, commonRank: commonUnitRank(fields.ffdCode), createdAt: addedAt, updatedAt: addedAt };
      }
      case 'UnitUpdated': {
        if (!current) return null;
        const { unitId, updatedAt, ...fields } = event.data;
        return { ...current, ...fields, id: unitId, version: current.version + 1, commonRank: commonUnitRank(fields.ffdCode), updatedAt };
      }
      case 'UnitDeleted':
      case 'UnitPresetLoaded':
        return null;
    }
  },
});
