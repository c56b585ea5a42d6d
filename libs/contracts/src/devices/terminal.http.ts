import { z } from 'zod';
import { mobilePhone } from '../common/fields';
import { Role } from '../common/roles';
import { LegalEntityType, TaxSystem } from '../organisation/legal-entity.http';
import { PaymentMethod, PaymentMethodsByRole } from '../organisation/sales-point.http';
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

/** The header a terminal presents its cashier's session in, besides the device credential's `Authorization`. */
export const TERMINAL_SESSION_HEADER = 'x-terminal-session';
/** A cashier's shift: a session ends after it, and the terminal asks for the PIN-code again. */
export const TERMINAL_SESSION_TTL_HOURS = 12;

const employeeMessage = 'Укажите телефон сотрудника (+7 9XX XXX-XX-XX) или его идентификатор';

/** Who logs in: the employee's phone (any spelling the cabinet accepts) or id, as one text; normalised. */
export const TerminalEmployee = z
  .string({ error: employeeMessage })
  .max(64, { error: employeeMessage })
  .transform((typed, context) => {
    const id = z.uuid().safeParse(typed.trim());
    if (id.success) return id.data.toLowerCase();
    const phone = mobilePhone.safeParse(typed);
    if (phone.success) return phone.data;
    context.addIssue({ code: 'custom', message: employeeMessage });
    return z.NEVER;
  });

export const TerminalPin = z.string({ error: 'Введите PIN-код из SMS' }).regex(/^\d{4}$/, { error: 'PIN-код — 4 цифры из SMS' });

/** `POST /pos/v1/sessions`: a cashier logs in on the terminal with their PIN-code. */
export const TerminalLogInRequest = z.strictObject({ employee: TerminalEmployee, pin: TerminalPin });
export type TerminalLogInRequest = z.infer<typeof TerminalLogInRequest>;

/** Who is logged in on the terminal, and what they may take there. */
export const TerminalSession = z.object({
  employee: z.object({ id: z.uuid(), name: z.string() }),
  role: Role,
  salesPoint: z.object({ id: z.uuid(), name: z.string() }),
  /** The workplace the terminal was activated for. */
  workplace: z.object({ id: z.uuid(), name: z.string(), number: z.number().int() }),
  /** What the role may take at this sales point (its payment grid). */
  paymentMethods: z.array(PaymentMethod),
  /** False for a Guest: they may look, not sell. */
  canSell: z.boolean(),
  /** The end of the shift: the terminal asks for the PIN-code again after. */
  expiresAt: z.iso.datetime(),
});
export type TerminalSession = z.infer<typeof TerminalSession>;

/** The session's token (sent back in `X-Terminal-Session`) and the session. */
export const TerminalLogIn = z.object({ token: z.string(), session: TerminalSession });
export type TerminalLogIn = z.infer<typeof TerminalLogIn>;
