import { OrganisationEvents, type OrganisationView } from '@elk/contracts';
import { defineCollection, documentProjection } from '@elk/documents';
import { parseEvent } from '@elk/service-kit';

export const organisationsCollection = defineCollection<OrganisationView>('organisation.organisations');

export const organisationDetailsProjection = documentProjection<OrganisationView>({
  name: 'organisation.organisations.v1',
  collection: organisationsCollection,
  handles: ['OrganisationRegistered'],
  documentId: (recorded) => parseEvent(OrganisationEvents, recorded).data.organisationId,
  evolve: (_organisation, recorded) => {
    const { data } = parseEvent(OrganisationEvents, recorded);
    return { organisationId: data.organisationId, name: data.name, ownerAccountId: data.owner.accountId, registeredAt: data.registeredAt };
  },
});
