import { OrganisationEvents } from '@elk/contracts';
import { defineIntegrationEvents } from '@elk/service-kit';

/** What organisation publishes on `elk.evt.organisation.<EventType>`: a public contract, fields picked one by one. */
export const organisationIntegrationEvents = defineIntegrationEvents({
  service: 'organisation',
  streamPrefixes: ['organisation-'],
  events: OrganisationEvents,
  publicData: {
    OrganisationRegistered: ({ organisationId, name, owner, registeredAt }) => ({
      organisationId,
      name,
      owner: { accountId: owner.accountId, fullName: owner.fullName, phone: owner.phone, email: owner.email },
      registeredAt,
    }),
  },
});
