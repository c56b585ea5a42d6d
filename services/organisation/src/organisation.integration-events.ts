import { LegalEntityEvents, OrganisationEvents, type LegalEntityAdded } from '@elk/contracts';
import { defineIntegrationEvents } from '@elk/service-kit';

/** A legal entity's public fields: never the Честный Знак token, not even its ciphertext. */
const publicLegalEntity = ({ organisationId, legalEntityId, type, name, inn, kpp, ogrn, legalAddress, taxSystem }: Omit<LegalEntityAdded, 'addedAt'>) => ({
  organisationId,
  legalEntityId,
  type,
  name,
  inn,
  kpp,
  ogrn,
  legalAddress,
  taxSystem,
});

/** What organisation publishes on `elk.evt.organisation.<EventType>`: a public contract, fields picked one by one. */
export const organisationIntegrationEvents = defineIntegrationEvents({
  service: 'organisation',
  streamPrefixes: ['organisation-', 'legal-entities-'],
  events: { ...OrganisationEvents, ...LegalEntityEvents },
  publicData: {
    OrganisationRegistered: ({ organisationId, name, owner, registeredAt }) => ({
      organisationId,
      name,
      owner: { accountId: owner.accountId, fullName: owner.fullName, phone: owner.phone, email: owner.email },
      registeredAt,
    }),
    LegalEntityAdded: (data) => ({ ...publicLegalEntity(data), addedAt: data.addedAt }),
    LegalEntityUpdated: (data) => ({ ...publicLegalEntity(data), updatedAt: data.updatedAt }),
    LegalEntityDeleted: ({ organisationId, legalEntityId, deletedAt }) => ({ organisationId, legalEntityId, deletedAt }),
  },
});
