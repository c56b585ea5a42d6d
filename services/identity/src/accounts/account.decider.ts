import { AccountEvents, DomainError, type Role } from '@elk/contracts';
import type { Decider, EventOf } from '@elk/service-kit';

export const RESET_CODE_TTL_MS = 10 * 60 * 1000;
export const RESET_CODE_MAX_ATTEMPTS = 5;

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
  /** An employee's account: no password until they set one through «восстановить пароль». */
  | ({ type: 'OpenEmployeeAccount'; accountId: string; organisationId: string; openedAt: string } & AccountProfile)
  | ({ type: 'ChangeProfile'; changedAt: string } & AccountProfile)
  | { type: 'IssuePin'; pinHash: string; issuedAt: string }
  | { type: 'Close'; closedAt: string }
  /** The new password is hashed only once the old one matched. */
  | ({ type: 'ChangePassword'; changedAt: string } & ({ oldPasswordMatches: false } | { oldPasswordMatches: true; newPasswordHash: string }))
  | { type: 'IssuePasswordResetCode'; codeHash: string; issuedAt: string }
  | { type: 'CompletePasswordReset'; codeMatches: boolean; newPasswordHash: string; completedAt: string };

export interface ResetCode {
  codeHash: string;
  expiresAt: string;
  failedAttempts: number;
}

export interface RegisteredAccount extends AccountProfile {
  status: 'registered';
  accountId: string;
  organisationId: string;
  /** Null until an employee sets their first password. */
  passwordHash: string | null;
  /** The one code that may reset the password now; null when none was issued or it was used. */
  resetCode: ResetCode | null;
  /** The POS app PIN-code in force; null before the first one is issued. */
  pin: { pinHash: string; issuedAt: string } | null;
}

/** A deleted employee's account: it answers nothing but Close, and keeps its login names to give them back. */
export type ClosedAccount = Omit<RegisteredAccount, 'status'> & { status: 'closed' };

export type AccountState = { status: 'absent' } | RegisteredAccount | ClosedAccount;

export function accountStreamId(organisationId: string, accountId: string): string {
  return `account-${organisationId}-${accountId}`;
}

export const accountNotFound = () => new DomainError('NOT_FOUND', 'Учётная запись не найдена');

/** No code to check: none issued, already used, or no such account (all answered alike). */
export const noResetCodeError = () => new DomainError('RESET_CODE_INVALID', 'Код недействителен. Запросите новый код', [{ path: 'code', message: 'Код недействителен' }]);

/** The refusal for the wrong code that made `failedAttempts` (raised by the handler once the try is recorded). */
export function wrongResetCodeError(failedAttempts: number): DomainError {
  const left = RESET_CODE_MAX_ATTEMPTS - failedAttempts;
  if (left <= 0) {
    const message = 'Неверный код. Попытки закончились — запросите новый код';
    return new DomainError('RESET_CODE_EXHAUSTED', message, [{ path: 'code', message }]);
  }
  const message = `Неверный код. Осталось попыток: ${left}`;
  return new DomainError('RESET_CODE_INVALID', message, [{ path: 'code', message }]);
}

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
    throw accountNotFound();
  }
  const { accountId } = state;

  switch (command.type) {
    case 'ChangeProfile': {
      const { fullName, phone, email, role, changedAt } = command;
      return sameProfile(state, command) ? [] : [{ type: 'AccountProfileChanged', data: { accountId, fullName, phone, email, role, changedAt } }];
    }

    case 'IssuePin':
      return [{ type: 'AccountPinIssued', data: { accountId, pinHash: command.pinHash, issuedAt: command.issuedAt } }];

    case 'ChangePassword':
      if (!command.oldPasswordMatches) {
        throw new DomainError('WRONG_PASSWORD', 'Неверный текущий пароль', [{ path: 'oldPassword', message: 'Неверный текущий пароль' }]);
      }
      return [{ type: 'AccountPasswordChanged', data: { accountId, passwordHash: command.newPasswordHash, changedAt: command.changedAt } }];

    case 'IssuePasswordResetCode': {
      const expiresAt = new Date(Date.parse(command.issuedAt) + RESET_CODE_TTL_MS).toISOString();
      return [{ type: 'AccountPasswordResetCodeIssued', data: { accountId, codeHash: command.codeHash, issuedAt: command.issuedAt, expiresAt } }];
    }

    case 'CompletePasswordReset': {
      const code = state.resetCode;
      if (!code) throw noResetCodeError();
      if (code.failedAttempts >= RESET_CODE_MAX_ATTEMPTS) {
        const message = 'Превышено число попыток ввода кода. Запросите новый код';
        throw new DomainError('RESET_CODE_EXHAUSTED', message, [{ path: 'code', message }]);
      }
      if (Date.parse(command.completedAt) >= Date.parse(code.expiresAt)) {
        const message = 'Срок действия кода истёк. Запросите новый код';
        throw new DomainError('RESET_CODE_EXPIRED', message, [{ path: 'code', message }]);
      }
      if (!command.codeMatches) {
        return [{ type: 'AccountPasswordResetCodeRejected', data: { accountId, failedAttempts: code.failedAttempts + 1, rejectedAt: command.completedAt } }];
      }
      return [{ type: 'AccountPasswordResetCompleted', data: { accountId, passwordHash: command.newPasswordHash, completedAt: command.completedAt } }];
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
    return { status: 'registered', ...account, resetCode: null, pin: null };
  }
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case 'AccountProfileChanged': {
      const { fullName, phone, email, role } = event.data;
      return { ...state, fullName, phone, email, role };
    }
    case 'AccountPinIssued':
      return { ...state, pin: { pinHash: event.data.pinHash, issuedAt: event.data.issuedAt } };
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
  }
}

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  decide,
  evolve,
  initialState: { status: 'absent' },
  events: AccountEvents,
};
