import { AccountEvents, DomainError, INVITATION_TTL_HOURS, type Role } from '@elk/contracts';
import type { Decider, EventOf } from '@elk/service-kit';

/** How long a code sent by SMS (password reset, new login phone) may be entered, and how many wrong tries it takes. */
export const RESET_CODE_TTL_MS = 10 * 60 * 1000;
export const RESET_CODE_MAX_ATTEMPTS = 5;

/** Wrong PIN-codes in a row on terminals that lock the employee out of them until a new PIN-code is sent. */
export const PIN_MAX_FAILED_ATTEMPTS = 5;

/** How long the link of «Пригласить в кабинет» works. */
export const INVITATION_TTL_MS = INVITATION_TTL_HOURS * 60 * 60 * 1000;

export type AccountEvent = EventOf<typeof AccountEvents>;

/** Who the account is: its login names (phone, email) and its role. */
export interface AccountProfile {
  fullName: string;
  phone: string;
  /** Null for an employee added without one. */
  email: string | null;
  role: Role;
}

/** Hashes are computed and checked by the handlers (argon2 is I/O-bound work); the decider gets the results. */
export type AccountCommand =
  | ({ type: 'RegisterAccount'; accountId: string; organisationId: string; passwordHash: string; registeredAt: string } & AccountProfile)
  /** An employee's account: no password until they set one through an invitation or «восстановить пароль». */
  | ({ type: 'OpenEmployeeAccount'; accountId: string; organisationId: string; openedAt: string } & AccountProfile)
  /** The login phone is not among these: it changes only with the code sent to the new one (RequestPhoneChange, ConfirmPhoneChange). */
  | ({ type: 'ChangeProfile'; changedAt: string } & Omit<AccountProfile, 'phone'>)
  | { type: 'RequestPhoneChange'; phone: string; codeHash: string; requestedAt: string }
  | { type: 'ConfirmPhoneChange'; phone: string; codeMatches: boolean; confirmedAt: string }
  | { type: 'IssuePin'; pinHash: string; issuedAt: string }
  /** A PIN-code typed on a terminal; whether it matched the one in force (checked by the handler). */
  | { type: 'TryPin'; pinMatches: boolean; triedAt: string }
  | { type: 'Close'; closedAt: string }
  /** The new password is hashed only once the old one matched. */
  | ({ type: 'ChangePassword'; changedAt: string } & ({ oldPasswordMatches: false } | { oldPasswordMatches: true; newPasswordHash: string }))
  | { type: 'IssuePasswordResetCode'; codeHash: string; issuedAt: string }
  | { type: 'CompletePasswordReset'; codeMatches: boolean; newPasswordHash: string; completedAt: string }
  /** «Пригласить в кабинет»: the hash of the new link's secret; the link before it stops working. */
  | { type: 'IssueInvitation'; tokenHash: string; issuedAt: string }
  /** The secret of the link that was opened matched the invitation in force (checked by the handler). */
  | { type: 'AcceptInvitation'; tokenMatches: boolean; newPasswordHash: string; acceptedAt: string };

/** The invitation in force: one at a time, usable once, until `expiresAt`. */
export interface Invitation {
  tokenHash: string;
  expiresAt: string;
  /** Set once the employee set their password with it: the link then says so rather than «недействительна». */
  acceptedAt: string | null;
}

export interface ResetCode {
  codeHash: string;
  expiresAt: string;
  failedAttempts: number;
}

/** A new login phone waiting for the code sent to it. */
export interface PhoneChange extends ResetCode {
  phone: string;
}

export interface RegisteredAccount extends AccountProfile {
  status: 'registered';
  accountId: string;
  organisationId: string;
  /** Null until an employee sets their first password. */
  passwordHash: string | null;
  /** The one code that may reset the password now; null when none was issued or it was used. */
  resetCode: ResetCode | null;
  phoneChange: PhoneChange | null;
  invitation: Invitation | null;
  /** The POS app PIN-code in force and the wrong ones typed in a row since it was issued; null before the first one. */
  pin: { pinHash: string; issuedAt: string; failedAttempts: number } | null;
}

/** A deleted employee's account: it answers nothing but Close, and keeps its login names to give them back. */
export type ClosedAccount = Omit<RegisteredAccount, 'status'> & { status: 'closed' };

export type AccountState = { status: 'absent' } | RegisteredAccount | ClosedAccount;

export function accountStreamId(organisationId: string, accountId: string): string {
  return `account-${organisationId}-${accountId}`;
}

export const accountNotFound = () => new DomainError('NOT_FOUND', 'Учётная запись не найдена');

const invitationError = (code: 'INVITATION_INVALID' | 'INVITATION_USED' | 'INVITATION_EXPIRED', message: string) => new DomainError(code, message, [{ path: 'token', message }]);

/** An unknown, replaced or mistyped link, or a deleted employee's: all answered alike. */
export const invitationInvalid = () =>
  invitationError('INVITATION_INVALID', 'Ссылка-приглашение недействительна: возможно, вам уже отправили новое приглашение. Откройте ссылку из последнего SMS или попросите владельца отправить приглашение ещё раз');

/**
 * Why the link whose secret did (`tokenMatches`) or did not match cannot set a password at `at`; null when it can.
 * Used both to greet the employee on «Задайте пароль» and to accept the password.
 */
export function invitationProblem(state: AccountState, tokenMatches: boolean, at: string): DomainError | null {
  if (state.status !== 'registered' || !state.invitation || !tokenMatches) return invitationInvalid();
  if (state.invitation.acceptedAt !== null) {
    return invitationError('INVITATION_USED', 'Пароль по этой ссылке уже задан. Войдите с телефоном и паролем или восстановите пароль по SMS');
  }
  if (Date.parse(at) >= Date.parse(state.invitation.expiresAt)) {
    return invitationError('INVITATION_EXPIRED', 'Срок действия приглашения истёк (24 часа). Попросите владельца отправить приглашение ещё раз');
  }
  return null;
}

/** An unknown employee, another organisation's, one without a PIN-code and a wrong PIN-code: all answered alike. */
export const pinInvalid = () => new DomainError('PIN_INVALID', 'Неверный сотрудник или PIN-код', [{ path: 'pin', message: 'Неверный сотрудник или PIN-код' }]);

export const pinLocked = () =>
  new DomainError(
    'PIN_LOCKED',
    `PIN-код введён неверно ${PIN_MAX_FAILED_ATTEMPTS} раз подряд: вход на кассах заблокирован. Попросите администратора отправить вам новый PIN-код из личного кабинета`,
  );

export const isPinLocked = (account: RegisteredAccount) => (account.pin?.failedAttempts ?? 0) >= PIN_MAX_FAILED_ATTEMPTS;

/** The error codes of one kind of SMS code. */
interface CodeErrors {
  invalid: 'RESET_CODE_INVALID' | 'PHONE_CODE_INVALID';
  expired: 'RESET_CODE_EXPIRED' | 'PHONE_CODE_EXPIRED';
  exhausted: 'RESET_CODE_EXHAUSTED' | 'PHONE_CODE_EXHAUSTED';
}
const RESET_CODE: CodeErrors = { invalid: 'RESET_CODE_INVALID', expired: 'RESET_CODE_EXPIRED', exhausted: 'RESET_CODE_EXHAUSTED' };
const PHONE_CODE: CodeErrors = { invalid: 'PHONE_CODE_INVALID', expired: 'PHONE_CODE_EXPIRED', exhausted: 'PHONE_CODE_EXHAUSTED' };

const codeError = (code: CodeErrors[keyof CodeErrors], message: string, fieldMessage = message) => new DomainError(code, message, [{ path: 'code', message: fieldMessage }]);

const noCodeError = (errors: CodeErrors) => codeError(errors.invalid, 'Код недействителен. Запросите новый код', 'Код недействителен');

/** No code to check: none issued, already used, or no such account (all answered alike). */
export const noResetCodeError = () => noCodeError(RESET_CODE);

/** The refusal for the wrong code that made `failedAttempts` (raised by the handler once the try is recorded). */
function wrongCodeError(errors: CodeErrors, failedAttempts: number): DomainError {
  const left = RESET_CODE_MAX_ATTEMPTS - failedAttempts;
  if (left <= 0) return codeError(errors.exhausted, 'Неверный код. Попытки закончились — запросите новый код');
  return codeError(errors.invalid, `Неверный код. Осталось попыток: ${left}`);
}
export const wrongResetCodeError = (failedAttempts: number) => wrongCodeError(RESET_CODE, failedAttempts);
export const wrongPhoneCodeError = (failedAttempts: number) => wrongCodeError(PHONE_CODE, failedAttempts);

/** Throws when `code` may not be tried any more at `at`: too many wrong tries, or expired. */
function checkCodeUsable(code: ResetCode, at: string, errors: CodeErrors): void {
  if (code.failedAttempts >= RESET_CODE_MAX_ATTEMPTS) throw codeError(errors.exhausted, 'Превышено число попыток ввода кода. Запросите новый код');
  if (Date.parse(at) >= Date.parse(code.expiresAt)) throw codeError(errors.expired, 'Срок действия кода истёк. Запросите новый код');
}

const codeExpiry = (issuedAt: string) => new Date(Date.parse(issuedAt) + RESET_CODE_TTL_MS).toISOString();

const sameProfile = (a: AccountProfile, b: AccountProfile) => a.fullName === b.fullName && a.phone === b.phone && a.email === b.email && a.role === b.role;

function decide(command: AccountCommand, state: AccountState): AccountEvent[] {
  if (command.type === 'RegisterAccount' || command.type === 'OpenEmployeeAccount') return register(command, state);
  if (command.type === 'Close') {
    if (state.status === 'absent') throw accountNotFound();
    return state.status === 'closed' ? [] : [{ type: 'AccountClosed', data: { accountId: state.accountId, closedAt: command.closedAt } }];
  }

  // A reset for an unknown or closed account answers like one without a code, so nobody learns which phones exist.
  if (state.status !== 'registered') {
    if (command.type === 'CompletePasswordReset') throw noResetCodeError();
    if (command.type === 'AcceptInvitation') throw invitationInvalid();
    if (command.type === 'TryPin') throw pinInvalid();
    throw accountNotFound();
  }
  const { accountId } = state;

  switch (command.type) {
    case 'ChangeProfile': {
      const { fullName, email, role, changedAt } = command;
      const { phone } = state;
      return sameProfile(state, { ...command, phone }) ? [] : [{ type: 'AccountProfileChanged', data: { accountId, fullName, phone, email, role, changedAt } }];
    }

    case 'RequestPhoneChange': {
      const { phone, codeHash, requestedAt } = command;
      if (phone === state.phone) return [];
      return [{ type: 'AccountPhoneChangeRequested', data: { accountId, phone, codeHash, requestedAt, expiresAt: codeExpiry(requestedAt) } }];
    }

    case 'ConfirmPhoneChange': {
      const pending = state.phoneChange;
      if (!pending || pending.phone !== command.phone) throw noCodeError(PHONE_CODE);
      checkCodeUsable(pending, command.confirmedAt, PHONE_CODE);
      if (!command.codeMatches) {
        return [{ type: 'AccountPhoneChangeCodeRejected', data: { accountId, failedAttempts: pending.failedAttempts + 1, rejectedAt: command.confirmedAt } }];
      }
      const { fullName, email, role } = state;
      return [{ type: 'AccountProfileChanged', data: { accountId, fullName, phone: pending.phone, email, role, changedAt: command.confirmedAt } }];
    }

    case 'IssuePin':
      return [{ type: 'AccountPinIssued', data: { accountId, pinHash: command.pinHash, issuedAt: command.issuedAt } }];

    case 'TryPin': {
      if (!state.pin) throw pinInvalid();
      if (isPinLocked(state)) throw pinLocked();
      const { failedAttempts } = state.pin;
      if (!command.pinMatches) return [{ type: 'AccountPinRejected', data: { accountId, failedAttempts: failedAttempts + 1, rejectedAt: command.triedAt } }];
      return failedAttempts === 0 ? [] : [{ type: 'AccountPinAccepted', data: { accountId, acceptedAt: command.triedAt } }];
    }

    case 'ChangePassword':
      if (!command.oldPasswordMatches) {
        throw new DomainError('WRONG_PASSWORD', 'Неверный текущий пароль', [{ path: 'oldPassword', message: 'Неверный текущий пароль' }]);
      }
      return [{ type: 'AccountPasswordChanged', data: { accountId, passwordHash: command.newPasswordHash, changedAt: command.changedAt } }];

    case 'IssuePasswordResetCode':
      return [{ type: 'AccountPasswordResetCodeIssued', data: { accountId, codeHash: command.codeHash, issuedAt: command.issuedAt, expiresAt: codeExpiry(command.issuedAt) } }];

    case 'CompletePasswordReset': {
      const code = state.resetCode;
      if (!code) throw noResetCodeError();
      checkCodeUsable(code, command.completedAt, RESET_CODE);
      if (!command.codeMatches) {
        return [{ type: 'AccountPasswordResetCodeRejected', data: { accountId, failedAttempts: code.failedAttempts + 1, rejectedAt: command.completedAt } }];
      }
      return [{ type: 'AccountPasswordResetCompleted', data: { accountId, passwordHash: command.newPasswordHash, completedAt: command.completedAt } }];
    }

    case 'IssueInvitation': {
      const expiresAt = new Date(Date.parse(command.issuedAt) + INVITATION_TTL_MS).toISOString();
      return [{ type: 'AccountInvitationIssued', data: { accountId, tokenHash: command.tokenHash, issuedAt: command.issuedAt, expiresAt } }];
    }

    case 'AcceptInvitation': {
      const problem = invitationProblem(state, command.tokenMatches, command.acceptedAt);
      if (problem) throw problem;
      return [{ type: 'AccountInvitationAccepted', data: { accountId, passwordHash: command.newPasswordHash, acceptedAt: command.acceptedAt } }];
    }
  }
}

/** A retry of the same registration or opening (same id, organisation, names and role) is a no-op. */
function register(command: Extract<AccountCommand, { type: 'RegisterAccount' | 'OpenEmployeeAccount' }>, state: AccountState): AccountEvent[] {
  const { accountId, organisationId, fullName, phone, email, role } = command;
  if (state.status === 'absent') {
    const [passwordHash, registeredAt] = command.type === 'RegisterAccount' ? [command.passwordHash, command.registeredAt] : [null, command.openedAt];
    return [{ type: 'AccountRegistered', data: { accountId, organisationId, fullName, phone, email, role, passwordHash, registeredAt } }];
  }
  if (state.status === 'closed') throw new DomainError('RULE_VIOLATED', 'Учётная запись с этим идентификатором удалена');
  if (state.organisationId === organisationId && sameProfile(state, command)) return [];
  throw new DomainError('RULE_VIOLATED', 'Учётная запись с этим идентификатором уже зарегистрирована');
}

function evolve(state: AccountState, event: AccountEvent): AccountState {
  if (event.type === 'AccountRegistered') {
    const { registeredAt: _registeredAt, ...account } = event.data;
    return { status: 'registered', ...account, resetCode: null, phoneChange: null, invitation: null, pin: null };
  }
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case 'AccountProfileChanged': {
      const { fullName, phone, email, role } = event.data;
      return { ...state, fullName, phone, email, role, phoneChange: phone === state.phone ? state.phoneChange : null };
    }
    case 'AccountPhoneChangeRequested': {
      const { phone, codeHash, expiresAt } = event.data;
      return { ...state, phoneChange: { phone, codeHash, expiresAt, failedAttempts: 0 } };
    }
    case 'AccountPhoneChangeCodeRejected':
      return state.phoneChange ? { ...state, phoneChange: { ...state.phoneChange, failedAttempts: event.data.failedAttempts } } : state;
    case 'AccountPinIssued':
      return { ...state, pin: { pinHash: event.data.pinHash, issuedAt: event.data.issuedAt, failedAttempts: 0 } };
    case 'AccountPinRejected':
      return state.pin ? { ...state, pin: { ...state.pin, failedAttempts: event.data.failedAttempts } } : state;
    case 'AccountPinAccepted':
      return state.pin ? { ...state, pin: { ...state.pin, failedAttempts: 0 } } : state;
    case 'AccountClosed':
      return { ...state, status: 'closed' };
    case 'AccountPasswordChanged':
      return { ...state, passwordHash: event.data.passwordHash };
    case 'AccountPasswordResetCodeIssued':
      return { ...state, resetCode: { codeHash: event.data.codeHash, expiresAt: event.data.expiresAt, failedAttempts: 0 } };
    case 'AccountPasswordResetCodeRejected':
      return state.resetCode ? { ...state, resetCode: { ...state.resetCode, failedAttempts: event.data.failedAttempts } } : state;
    case 'AccountPasswordResetCompleted':
      return { ...state, passwordHash: event.data.passwordHash, resetCode: null };
    case 'AccountInvitationIssued':
      return { ...state, invitation: { tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt, acceptedAt: null } };
    case 'AccountInvitationAccepted':
      return { ...state, passwordHash: event.data.passwordHash, invitation: state.invitation && { ...state.invitation, acceptedAt: event.data.acceptedAt } };
  }
}

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  decide,
  evolve,
  initialState: { status: 'absent' },
  events: AccountEvents,
};
