import { z } from 'zod';
import { email, enteredPassword, fullName, mobilePhone, organisationName, password, smsCode } from '../common/fields';
import { Role } from '../common/roles';
import { onceValid } from '../common/russian-errors';

/** Bodies of the cabinet API's /api/v1/auth and /api/v1/me endpoints. */

export const SignUpRequest = z.strictObject({
  organisationName,
  fullName,
  phone: mobilePhone,
  email,
  password,
});
export type SignUpRequest = z.infer<typeof SignUpRequest>;

/** Log in by mobile phone or email. */
export const LoginRequest = z.strictObject({
  login: z.string().trim().min(1, { error: 'Введите телефон или email' }).max(254),
  password: enteredPassword,
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** What identity starts or renews a session with. Over HTTP the refresh token travels only in its cookie. */
export const TokenPair = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
});
export type TokenPair = z.infer<typeof TokenPair>;

/** How long a session lasts without a refresh. */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

/**
 * The refresh token lives in an HttpOnly, Secure, SameSite=Strict cookie sent only to the refresh endpoint, out of
 * reach of the page's scripts. The endpoint also wants the CSRF header, which a page of another site cannot send
 * (no CORS here): the cabinet sends it with every refresh.
 */
export const REFRESH_COOKIE = { name: 'elk_refresh', path: '/api/v1/auth/refresh' } as const;
export const CSRF_HEADER = 'X-Requested-With';

/** The body of log-in, sign-up and refresh answers: the access token, which the cabinet keeps in memory only. */
export const AccessTokenResponse = TokenPair.omit({ refreshToken: true });
export type AccessTokenResponse = z.infer<typeof AccessTokenResponse>;

export const SignUpResponse = AccessTokenResponse.extend({ organisationId: z.uuid(), accountId: z.uuid() });
export type SignUpResponse = z.infer<typeof SignUpResponse>;

/** Личные данные. */
export const MeResponse = z.object({
  accountId: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  fullName: z.string(),
  phone: z.string(),
  /** Null for an employee added without one. */
  email: z.string().nullable(),
  role: Role,
});
export type MeResponse = z.infer<typeof MeResponse>;

const samePasswordTwice = <T extends { newPassword: string; newPasswordRepeat: string }>(body: T, ctx: z.core.$RefinementCtx<T>) => {
  if (body.newPassword !== body.newPasswordRepeat) {
    ctx.addIssue({ code: 'custom', path: ['newPasswordRepeat'], message: 'Пароли не совпадают' });
  }
};

export const ChangePasswordRequest = z
  .strictObject({
    oldPassword: enteredPassword,
    newPassword: password,
    newPasswordRepeat: z.string().max(128),
  })
  .superRefine(samePasswordTwice, onceValid('newPassword', 'newPasswordRepeat'));
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const PasswordResetRequest = z.strictObject({ phone: mobilePhone });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

export const PasswordResetConfirm = z
  .strictObject({
    phone: mobilePhone,
    code: smsCode,
    newPassword: password,
    newPasswordRepeat: z.string().max(128),
  })
  .superRefine(samePasswordTwice, onceValid('newPassword', 'newPasswordRepeat'));
export type PasswordResetConfirm = z.infer<typeof PasswordResetConfirm>;

/** What the cabinet reads from the access token. */
export const AccessTokenClaims = z.object({
  sub: z.uuid(),
  org: z.uuid(),
  role: Role,
  sid: z.string(),
});
export type AccessTokenClaims = z.infer<typeof AccessTokenClaims>;

// «Пригласить в кабинет»: an employee sets their password through a one-time link sent by SMS.

/** How long an invitation's link works. */
export const INVITATION_TTL_HOURS = 24;

/** Where the cabinet is served: the invitation's link starts with it. */
export const CabinetUrl = z.url({ protocol: /^https?$/ }).max(200);

/** The link's token as the cabinet read it from the address; what it holds is identity's business. */
export const InvitationToken = z.string().trim().min(1, { error: 'Ссылка-приглашение неполная: откройте её из SMS целиком' }).max(200);

/** The answer to «Пригласить в кабинет»: to which phone the SMS went, and until when its link works. */
export const InvitationSent = z.object({ phone: z.string(), sentAt: z.string(), expiresAt: z.string() });
export type InvitationSent = z.infer<typeof InvitationSent>;

export const InvitationCheckRequest = z.strictObject({ token: InvitationToken });
export type InvitationCheckRequest = z.infer<typeof InvitationCheckRequest>;

/** Whose invitation it is, shown on «Задайте пароль»: the phone is the login they will sign in with. */
export const InvitationView = z.object({ fullName: z.string(), phone: z.string() });
export type InvitationView = z.infer<typeof InvitationView>;

export const InvitationAcceptRequest = z
  .strictObject({
    token: InvitationToken,
    newPassword: password,
    newPasswordRepeat: z.string().max(128),
  })
  .superRefine(samePasswordTwice);
export type InvitationAcceptRequest = z.infer<typeof InvitationAcceptRequest>;
