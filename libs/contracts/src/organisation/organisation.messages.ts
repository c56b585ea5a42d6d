import { z } from 'zod';
import { email, fullName, mobilePhone, organisationName, password } from '../common/fields';

/** Bus subjects and payloads of the organisation service. */
export const OrganisationSubjects = {
  SignUp: 'elk.organisation.cmd.SignUp',
  GetOrganisation: 'elk.organisation.qry.GetOrganisation',
} as const;

/** Creates the organisation and its Owner account. Ids come from the caller (idempotent retries). */
export const SignUp = z.object({
  organisationId: z.uuid(),
  accountId: z.uuid(),
  organisationName,
  fullName,
  phone: mobilePhone,
  email,
  password,
});
export type SignUp = z.infer<typeof SignUp>;

export const GetOrganisation = z.object({ organisationId: z.uuid() });
export const OrganisationView = z.object({
  organisationId: z.uuid(),
  name: z.string(),
  ownerAccountId: z.uuid(),
  registeredAt: z.string(),
});
export type OrganisationView = z.infer<typeof OrganisationView>;
