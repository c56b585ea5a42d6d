import { z } from 'zod';
import { email, enteredPassword, fullName, mobilePhone, password, smsCode } from '../common/fields';
import { Role } from '../common/roles';
import { TerminalDevice, TerminalEmployeeSession } from '../devices/devices.messages';
import { TerminalEmployee, TerminalPin } from '../devices/terminal.http';
import { CabinetUrl, InvitationSent, InvitationToken, TokenPair } from './identity.http';

/** Bus subjects and payloads of the identity service (accounts, credentials, sessions). */
export const IdentitySubjects = {
  RegisterAccount: 'elk.identity.cmd.RegisterAccount',
  Login: 'elk.identity.cmd.Login',
  RefreshSession: 'elk.identity.cmd.RefreshSession',
  Logout: 'elk.identity.cmd.Logout',
  ChangePassword: 'elk.identity.cmd.ChangePassword',
  RequestPasswordReset: 'elk.identity.cmd.RequestPasswordReset',
  ConfirmPasswordReset: 'elk.identity.cmd.ConfirmPasswordReset',
  AuthenticateSession: 'elk.identity.qry.AuthenticateSession',
  GetAccount: 'elk.identity.qry.GetAccount',
  FindLoginOwner: 'elk.identity.qry.FindLoginOwner',
  OpenEmployeeAccount: 'elk.identity.cmd.OpenEmployeeAccount',
  UpdateEmployeeAccount: 'elk.identity.cmd.UpdateEmployeeAccount',
  IssueEmployeePin: 'elk.identity.cmd.IssueEmployeePin',
  CloseEmployeeAccount: 'elk.identity.cmd.CloseEmployeeAccount',
  ConfirmAccountPhone: 'elk.identity.cmd.ConfirmAccountPhone',
  SendActivationCode: 'elk.identity.cmd.SendActivationCode',
  IssueEmployeeInvitation: 'elk.identity.cmd.IssueEmployeeInvitation',
  CheckInvitation: 'elk.identity.qry.CheckInvitation',
  AcceptInvitation: 'elk.identity.cmd.AcceptInvitation',
  OpenTerminalSession: 'elk.identity.cmd.OpenTerminalSession',
  AuthenticateTerminalSession: 'elk.identity.qry.AuthenticateTerminalSession',
  CloseTerminalSession: 'elk.identity.cmd.CloseTerminalSession',
  /** Broadcast once a cashier's terminal session opened or ended: see TerminalAccessChanged (devices.messages.ts). */
  TerminalAccessChanged: 'elk.identity.note.TerminalAccessChanged',
} as const;

/** Ids come from the caller so that a retried command is recognised (idempotent by accountId). */
export const RegisterAccount = z.object({
  accountId: z.uuid(),
  organisationId: z.uuid(),
  fullName,
  phone: mobilePhone,
  email,
  role: Role,
  password,
});
export type RegisterAccount = z.infer<typeof RegisterAccount>;

export const Login = z.object({ login: z.string().min(1).max(254), password: enteredPassword, ip: z.string().optional() });
export type Login = z.infer<typeof Login>;
export const LoginResult = TokenPair.extend({ accountId: z.uuid(), organisationId: z.uuid() });
export type LoginResult = z.infer<typeof LoginResult>;

export const RefreshSession = z.object({ refreshToken: z.string().min(1).max(512) });
export type RefreshSession = z.infer<typeof RefreshSession>;

/** Logout, ChangePassword and AuthenticateSession name the session; the account comes from headers. */
export const Logout = z.object({ sessionId: z.string() });
export const ChangePassword = z.object({ sessionId: z.string(), oldPassword: enteredPassword, newPassword: password });
export type ChangePassword = z.infer<typeof ChangePassword>;

export const RequestPasswordReset = z.object({ phone: mobilePhone });
export const ConfirmPasswordReset = z.object({ phone: mobilePhone, code: smsCode, newPassword: password });
export type ConfirmPasswordReset = z.infer<typeof ConfirmPasswordReset>;

export const AuthenticateSession = z.object({ sessionId: z.string() });
/** The live session behind an access token; the role is the account's current one. */
export const AuthenticatedSession = z.object({
  sessionId: z.string(),
  accountId: z.uuid(),
  organisationId: z.uuid(),
  role: Role,
});
export type AuthenticatedSession = z.infer<typeof AuthenticatedSession>;

export const GetAccount = z.object({ accountId: z.uuid() });
export const AccountView = z.object({
  accountId: z.uuid(),
  organisationId: z.uuid(),
  fullName: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  role: Role,
});
export type AccountView = z.infer<typeof AccountView>;

/**
 * Which account a typed login (phone or email, any spelling) belongs to, for the gateway's attempt counters:
 * every login of one account shares one budget. Null when it is nobody's. Internal: never shown to a caller.
 */
export const FindLoginOwner = z.object({ login: z.string().min(1).max(254) });
export type FindLoginOwner = z.infer<typeof FindLoginOwner>;
export const FoundLoginOwner = z.object({ accountId: z.uuid().nullable() });
export type FoundLoginOwner = z.infer<typeof FoundLoginOwner>;

// Employee accounts, asked for by the organisation service when an employee is added, edited, sent a new
// PIN-code or deleted. The organisation comes from the actor headers (the Owner or Administrator acting);
// the account id is the employee id. Who may do what to whom is the organisation service's rule.

/**
 * Opens the account without a password (the employee sets one through an invitation's link or «восстановить пароль») and sends a
 * 4-digit PIN-code by SMS. Claims the phone and the email as login names: PHONE_TAKEN / EMAIL_TAKEN when
 * another account has them. A retry with the same accountId is a no-op that sends no second PIN.
 */
export const OpenEmployeeAccount = z.object({
  accountId: z.uuid(),
  fullName: z.string().min(1).max(200),
  phone: mobilePhone,
  email: email.nullable(),
  role: Role,
});
export type OpenEmployeeAccount = z.infer<typeof OpenEmployeeAccount>;
export const EmployeeAccountOpened = z.object({ accountId: z.uuid(), pinSentAt: z.string() });
export type EmployeeAccountOpened = z.infer<typeof EmployeeAccountOpened>;

/**
 * New name, email and role, at once; a changed email is claimed first (EMAIL_TAKEN). A changed phone does not
 * change the login yet: a code goes by SMS to the new phone (PHONE_TAKEN when it is someone else's login), the
 * old phone is told, and the phone changes with ConfirmAccountPhone. `pendingPhone` names it.
 */
export const UpdateEmployeeAccount = OpenEmployeeAccount;
export type UpdateEmployeeAccount = OpenEmployeeAccount;
export const EmployeeAccountUpdated = z.object({ pendingPhone: z.string().nullable() });
export type EmployeeAccountUpdated = z.infer<typeof EmployeeAccountUpdated>;

/** The code sent to the pending phone: right, the phone becomes the login (PHONE_TAKEN if it was taken since). */
export const ConfirmAccountPhone = z.object({ accountId: z.uuid(), phone: mobilePhone, code: smsCode });
export type ConfirmAccountPhone = z.infer<typeof ConfirmAccountPhone>;

/** Replaces the PIN-code and sends the new one by SMS to the account's phone. */
export const IssueEmployeePin = z.object({ accountId: z.uuid() });
export type IssueEmployeePin = z.infer<typeof IssueEmployeePin>;
export const EmployeePinIssued = z.object({ phone: z.string(), sentAt: z.string() });
export type EmployeePinIssued = z.infer<typeof EmployeePinIssued>;

/**
 * A workplace's activation code, by SMS to the employee's phone (from devices, which never learns the phone). An
 * employee without a PIN-code yet (the Owner) gets one in the same SMS, as the manual says.
 */
export const SendActivationCode = z.object({ accountId: z.uuid(), activationCode: z.string().regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/), workplaceName: z.string().max(128) });
export type SendActivationCode = z.infer<typeof SendActivationCode>;
export const ActivationCodeSent = z.object({ sentAt: z.string(), pinIncluded: z.boolean() });
export type ActivationCodeSent = z.infer<typeof ActivationCodeSent>;

/**
 * «Пригласить в кабинет»: an SMS with a one-time link `<cabinetUrl>/invitation#<token>` that sets the account's
 * password, valid 24 hours; it replaces the invitation before it. `cabinetUrl` is where the cabinet is served.
 */
export const IssueEmployeeInvitation = z.object({ accountId: z.uuid(), cabinetUrl: CabinetUrl });
export type IssueEmployeeInvitation = z.infer<typeof IssueEmployeeInvitation>;
export const EmployeeInvitationIssued = InvitationSent;
export type EmployeeInvitationIssued = InvitationSent;

/** Anonymous: whose invitation the token is, or INVITATION_INVALID / INVITATION_USED / INVITATION_EXPIRED. */
export const CheckInvitation = z.object({ token: InvitationToken });
export type CheckInvitation = z.infer<typeof CheckInvitation>;

/** Anonymous: sets the password and uses the invitation up; the answer names the login to sign in with. */
export const AcceptInvitation = z.object({ token: InvitationToken, newPassword: password });
export type AcceptInvitation = z.infer<typeof AcceptInvitation>;
export const InvitationAccepted = z.object({ phone: z.string() });
export type InvitationAccepted = z.infer<typeof InvitationAccepted>;

/** Revokes every session of the account at once, gives its login names back and refuses logins after. Idempotent. */
export const CloseEmployeeAccount = z.object({ accountId: z.uuid() });
export type CloseEmployeeAccount = z.infer<typeof CloseEmployeeAccount>;

// Terminal sessions: a cashier's PIN log-in on a terminal the gateway authenticated by its device credential (the
// device is the caller's proof, so these take no actor). One session per device: a new log-in replaces it.

/**
 * Checks the PIN-code (5 wrong ones in a row lock the employee on terminals until a new PIN-code is sent) and opens
 * the device's session. An unknown employee, another organisation's, one without a PIN-code and a wrong PIN-code get
 * the same PIN_INVALID; a locked one PIN_LOCKED.
 */
export const OpenTerminalSession = z.object({ device: TerminalDevice, employee: TerminalEmployee, pin: TerminalPin });
export type OpenTerminalSession = z.infer<typeof OpenTerminalSession>;
export const OpenedTerminalSession = TerminalEmployeeSession.extend({ token: z.string() });
export type OpenedTerminalSession = z.infer<typeof OpenedTerminalSession>;

/** The device's session that `token` opens; null when it ended (log-out, expiry, a role change, the employee deleted) or is another device's. */
export const AuthenticateTerminalSession = z.object({ device: TerminalDevice, token: z.string().max(200) });
export type AuthenticateTerminalSession = z.infer<typeof AuthenticateTerminalSession>;
export const AuthenticatedTerminalSession = TerminalEmployeeSession.nullable();
export type AuthenticatedTerminalSession = z.infer<typeof AuthenticatedTerminalSession>;

/** Log-out: ends the device's session if `token` is its; idempotent. */
export const CloseTerminalSession = AuthenticateTerminalSession;
export type CloseTerminalSession = AuthenticateTerminalSession;
