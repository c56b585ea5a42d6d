import { z } from 'zod';
import { Role } from '../common/roles';

/**
 * Events of the identity service. Each event type has the version of its current schema; an old version
 * read back is lifted by an upcaster before parsing. Secrets appear only as argon2id hashes.
 */

const instant = z.iso.datetime();

// Account stream: `account-<organisationId>-<accountId>`.

export const AccountRegistered = z.object({
  accountId: z.uuid(),
  organisationId: z.uuid(),
  fullName: z.string(),
  phone: z.string(),
  /** Null for an employee added without an email. */
  email: z.string().nullable(),
  role: Role,
  /** Null for an employee's account: they set a password through an invitation's link or «восстановить пароль», both by SMS. */
  passwordHash: z.string().nullable(),
  registeredAt: instant,
});
export type AccountRegistered = z.infer<typeof AccountRegistered>;

export const AccountPasswordChanged = z.object({
  accountId: z.uuid(),
  passwordHash: z.string(),
  changedAt: instant,
});
export type AccountPasswordChanged = z.infer<typeof AccountPasswordChanged>;

export const AccountPasswordResetCodeIssued = z.object({
  accountId: z.uuid(),
  codeHash: z.string(),
  issuedAt: instant,
  expiresAt: instant,
});
export type AccountPasswordResetCodeIssued = z.infer<typeof AccountPasswordResetCodeIssued>;

/** A wrong reset code was entered; `failedAttempts` counts the wrong tries of the current code. */
export const AccountPasswordResetCodeRejected = z.object({
  accountId: z.uuid(),
  failedAttempts: z.number().int().min(1),
  rejectedAt: instant,
});
export type AccountPasswordResetCodeRejected = z.infer<typeof AccountPasswordResetCodeRejected>;

export const AccountPasswordResetCompleted = z.object({
  accountId: z.uuid(),
  passwordHash: z.string(),
  completedAt: instant,
});
export type AccountPasswordResetCompleted = z.infer<typeof AccountPasswordResetCompleted>;

/** The employee's card was edited: the account follows (login names moved, the role read by every session). */
export const AccountProfileChanged = z.object({
  accountId: z.uuid(),
  fullName: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  role: Role,
  changedAt: instant,
});
export type AccountProfileChanged = z.infer<typeof AccountProfileChanged>;

/**
 * A new login phone was asked for (by the account or by whoever edits its employee card): it becomes the login
 * only once the code sent to it is entered (AccountProfileChanged then). A new request replaces the one before.
 */
export const AccountPhoneChangeRequested = z.object({
  accountId: z.uuid(),
  phone: z.string(),
  codeHash: z.string(),
  requestedAt: instant,
  expiresAt: instant,
});
export type AccountPhoneChangeRequested = z.infer<typeof AccountPhoneChangeRequested>;

/** A wrong code for the pending phone change; `failedAttempts` counts them since the code was sent. */
export const AccountPhoneChangeCodeRejected = z.object({
  accountId: z.uuid(),
  failedAttempts: z.number().int().min(1),
  rejectedAt: instant,
});
export type AccountPhoneChangeCodeRejected = z.infer<typeof AccountPhoneChangeCodeRejected>;

/** A new 4-digit PIN-code for the POS app; the one before it stops working. */
export const AccountPinIssued = z.object({
  accountId: z.uuid(),
  pinHash: z.string(),
  issuedAt: instant,
});
export type AccountPinIssued = z.infer<typeof AccountPinIssued>;

/** A wrong PIN-code typed on a terminal; `failedAttempts` counts them in a row since the PIN-code was issued. */
export const AccountPinRejected = z.object({
  accountId: z.uuid(),
  failedAttempts: z.number().int().min(1),
  rejectedAt: instant,
});
export type AccountPinRejected = z.infer<typeof AccountPinRejected>;

/** The right PIN-code after wrong ones: the count of wrong ones in a row starts again. */
export const AccountPinAccepted = z.object({
  accountId: z.uuid(),
  acceptedAt: instant,
});
export type AccountPinAccepted = z.infer<typeof AccountPinAccepted>;

/**
 * «Пригласить в кабинет»: a one-time link to set a password went by SMS. Only the argon2id hash of the link's
 * secret is kept; a new invitation replaces the one before, so its link stops working.
 */
export const AccountInvitationIssued = z.object({
  accountId: z.uuid(),
  tokenHash: z.string(),
  issuedAt: instant,
  expiresAt: instant,
});
export type AccountInvitationIssued = z.infer<typeof AccountInvitationIssued>;

/** The employee set their password through the invitation's link, which is used up. */
export const AccountInvitationAccepted = z.object({
  accountId: z.uuid(),
  passwordHash: z.string(),
  acceptedAt: instant,
});
export type AccountInvitationAccepted = z.infer<typeof AccountInvitationAccepted>;

/** The employee was deleted: sessions revoked, login names given back, no login from now on. */
export const AccountClosed = z.object({
  accountId: z.uuid(),
  closedAt: instant,
});
export type AccountClosed = z.infer<typeof AccountClosed>;

export const AccountEvents = {
  AccountRegistered: { version: 1, schema: AccountRegistered },
  AccountPasswordChanged: { version: 1, schema: AccountPasswordChanged },
  AccountPasswordResetCodeIssued: { version: 1, schema: AccountPasswordResetCodeIssued },
  AccountPasswordResetCodeRejected: { version: 1, schema: AccountPasswordResetCodeRejected },
  AccountPasswordResetCompleted: { version: 1, schema: AccountPasswordResetCompleted },
  AccountProfileChanged: { version: 1, schema: AccountProfileChanged },
  AccountPhoneChangeRequested: { version: 1, schema: AccountPhoneChangeRequested },
  AccountPhoneChangeCodeRejected: { version: 1, schema: AccountPhoneChangeCodeRejected },
  AccountPinIssued: { version: 1, schema: AccountPinIssued },
  AccountPinRejected: { version: 1, schema: AccountPinRejected },
  AccountPinAccepted: { version: 1, schema: AccountPinAccepted },
  AccountInvitationIssued: { version: 1, schema: AccountInvitationIssued },
  AccountInvitationAccepted: { version: 1, schema: AccountInvitationAccepted },
  AccountClosed: { version: 1, schema: AccountClosed },
} as const;

// Login stream: `login-<kind>-<normalised phone or email>`, one per login name, global (logging in names
// no organisation). Whoever appends LoginClaimed first owns the name.

export const LoginKind = z.enum(['phone', 'email']);
export type LoginKind = z.infer<typeof LoginKind>;

export const LoginClaimed = z.object({
  kind: LoginKind,
  login: z.string(),
  accountId: z.uuid(),
  organisationId: z.uuid(),
});
export type LoginClaimed = z.infer<typeof LoginClaimed>;

/** A claim given back (a registration that failed on its other login name). */
export const LoginReleased = z.object({
  kind: LoginKind,
  login: z.string(),
  accountId: z.uuid(),
});
export type LoginReleased = z.infer<typeof LoginReleased>;

export const LoginEvents = {
  LoginClaimed: { version: 1, schema: LoginClaimed },
  LoginReleased: { version: 1, schema: LoginReleased },
} as const;
