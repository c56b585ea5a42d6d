import { z } from 'zod';

/** Events of the organisation service, each with the version of its current schema. */

// Organisation stream: `organisation-<organisationId>-<organisationId>`.

export const OrganisationRegistered = z.object({
  organisationId: z.uuid(),
  name: z.string(),
  owner: z.object({
    accountId: z.uuid(),
    fullName: z.string(),
    phone: z.string(),
    email: z.string(),
  }),
  registeredAt: z.iso.datetime(),
});
export type OrganisationRegistered = z.infer<typeof OrganisationRegistered>;

export const OrganisationEvents = {
  OrganisationRegistered: { version: 1, schema: OrganisationRegistered },
} as const;
