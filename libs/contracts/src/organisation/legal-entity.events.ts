import { z } from 'zod';
import { LegalEntityType, TaxSystem } from './legal-entity.http';

/**
 * Events of the legal entities of one organisation, all in one stream `legal-entities-<organisationId>-<organisationId>`
 * (so that «one tax system» and «ИНН unique» hold without races). Each with the version of its current schema.
 */

/**
 * «Токен для работы с Честным Знаком» as stored: AES-256-GCM ciphertext, and for the mask at most its last 4
 * characters (code points: an emoji is 2 UTF-16 units), fewer for a short token.
 */
export const EncryptedSecret = z.object({ ciphertext: z.string().min(1), last4: z.string().refine((tail) => Array.from(tail).length <= 4) });
export type EncryptedSecret = z.infer<typeof EncryptedSecret>;

const legalEntityFields = {
  organisationId: z.uuid(),
  legalEntityId: z.uuid(),
  type: LegalEntityType,
  name: z.string(),
  inn: z.string(),
  kpp: z.string().nullable(),
  ogrn: z.string(),
  legalAddress: z.string(),
  taxSystem: TaxSystem,
  chestnyZnakToken: EncryptedSecret.nullable(),
};

export const LegalEntityAdded = z.object({ ...legalEntityFields, addedAt: z.iso.datetime() });
export type LegalEntityAdded = z.infer<typeof LegalEntityAdded>;

/** The full new values of every field. */
export const LegalEntityUpdated = z.object({ ...legalEntityFields, updatedAt: z.iso.datetime() });
export type LegalEntityUpdated = z.infer<typeof LegalEntityUpdated>;

export const LegalEntityDeleted = z.object({ organisationId: z.uuid(), legalEntityId: z.uuid(), deletedAt: z.iso.datetime() });
export type LegalEntityDeleted = z.infer<typeof LegalEntityDeleted>;

export const LegalEntityEvents = {
  LegalEntityAdded: { version: 1, schema: LegalEntityAdded },
  LegalEntityUpdated: { version: 1, schema: LegalEntityUpdated },
  LegalEntityDeleted: { version: 1, schema: LegalEntityDeleted },
} as const;
