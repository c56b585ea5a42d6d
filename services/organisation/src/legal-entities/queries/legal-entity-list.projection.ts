import { LegalEntityEvents, type LegalEntityView } from '@elk/contracts';
import { defineCollection, documentProjection } from '@elk/documents';
import { parseEvent } from '@elk/service-kit';
import { maskedToken } from '../legal-entity.view';

/** The card as the list shows it; the token only masked (its ciphertext stays in the events). */
export type LegalEntityDocument = LegalEntityView & { organisationId: string };

export const legalEntitiesCollection = defineCollection<LegalEntityDocument>('organisation.legal-entities', {
  indexes: [{ fields: ['organisationId', 'name'] }],
  searchFields: ['name', 'inn'],
});

export const legalEntityListProjection = documentProjection<LegalEntityDocument>({
  name: 'organisation.legal-entities.v1',
  collection: legalEntitiesCollection,
  handles: Object.keys(LegalEntityEvents),
  documentId: (recorded) => parseEvent(LegalEntityEvents, recorded).data.legalEntityId,
  evolve: (current, recorded) => {
    const event = parseEvent(LegalEntityEvents, recorded);
    switch (event.type) {
      case 'LegalEntityAdded': {
        const { legalEntityId, addedAt, chestnyZnakToken, ...fields } = event.data;
        return { ...fields, id: legalEntityId, version: 1, chestnyZnakToken: maskedToken(chestnyZnakToken), createdAt: addedAt, updatedAt: addedAt };
      }
      case 'LegalEntityUpdated': {
        if (!current) return null;
        const { legalEntityId, updatedAt, chestnyZnakToken, ...fields } = event.data;
        return { ...current, ...fields, id: legalEntityId, version: current.version + 1, chestnyZnakToken: maskedToken(chestnyZnakToken), updatedAt };
      }
      case 'LegalEntityDeleted':
        return null;
    }
  },
});
