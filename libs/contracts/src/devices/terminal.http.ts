import { z } from 'zod';
import { LegalEntityType, TaxSystem } from '../organisation/legal-entity.http';
import { PaymentMethodsByRole } from '../organisation/sales-point.http';
import { WorkplaceType } from './workplace.events';

/** Bodies of the terminal API /pos/v1 (POS apps: LIFE POS, Альфа Кэш, ВТБ-касса). */

/**
 * Activation codes: 8 characters of Crockford's base32 (no I, L, O, U), sent as «XXXX-XXXX». What a person types is
 * forgiven: lower case, spaces and dashes, O for 0, I and L for 1.
 */
export const ACTIVATION_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ACTIVATION_CODE_LENGTH = 8;

export function normaliseActivationCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

const deviceText = (max: number) => z.string().trim().min(1).max(max);

export const ActivationRequest = z.strictObject({
  code: z
    .string({ error: 'Введите код активации из SMS' })
    .max(32, { error: 'Код активации — 8 символов из SMS' })
    .transform(normaliseActivationCode)
    .refine((code) => code.length === ACTIVATION_CODE_LENGTH && [...code].every((char) => ACTIVATION_CODE_ALPHABET.includes(char)), { error: 'Код активации — 8 символов из SMS' }),
  device: z.strictObject({
    model: deviceText(100),
    serial: deviceText(100),
    appName: deviceText(100),
    appVersion: deviceText(50),
    os: deviceText(100),
  }),
});
export type ActivationRequest = z.infer<typeof ActivationRequest>;

/** The device credential (shown once: ELK keeps only its hash) and where the terminal now stands. */
export const ActivationResponse = z.object({
  credential: z.string(),
  organisationId: z.uuid(),
  workplaceId: z.uuid(),
  salesPointId: z.uuid(),
});
export type ActivationResponse = z.infer<typeof ActivationResponse>;

/** `GET /pos/v1/settings`: what a terminal needs to sell where it stands. */
export const TerminalSettings = z.object({
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  /** The sales point's legal entity: who the receipts are issued by. */
  legalEntity: z.object({ id: z.uuid(), type: LegalEntityType, name: z.string(), inn: z.string(), kpp: z.string().nullable(), taxSystem: TaxSystem }),
  /** The payment methods each role may take here. */
  salesPoint: z.object({ id: z.uuid(), name: z.string(), address: z.string(), paymentMethods: PaymentMethodsByRole }),
  workplace: z.object({ id: z.uuid(), name: z.string(), number: z.number().int(), type: WorkplaceType }),
  /** The extensions switched on for the sales point (СБП, облачная фискализация, …): none yet. */
  extensions: z.object({}),
});
export type TerminalSettings = z.infer<typeof TerminalSettings>;
