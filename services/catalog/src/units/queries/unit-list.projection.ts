import { UnitEvents, type UnitView } from '@elk/contracts';
import { defineCollection, documentProjection } from '@elk/documents';
import { parseEvent } from '@elk/service-kit';

export type UnitDocument = UnitView & { organisationId: string };

export const unitsCollection = defineCollection<UnitDocument>('catalog.units', {
  indexes: [{ fields: ['organisationId', 'name'] }],
  searchFields: ['name', 'shortName'],
});

/** Каталог → Единицы измерения: one document per live unit. */
export const unitListProjection = documentProjection<UnitDocument>({
  name: 'catalog.units.v1',
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
        return { ...fields, id: unitId, version: 1, createdAt: addedAt, updatedAt: addedAt };
      }
      case 'UnitUpdated': {
        if (!current) return null;
        const { unitId, updatedAt, ...fields } = event.data;
        return { ...current, ...fields, id: unitId, version: current.version + 1, updatedAt };
      }
      case 'UnitDeleted':
      case 'UnitPresetLoaded':
        return null;
    }
  },
});
