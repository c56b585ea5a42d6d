import { AccountEvents, DomainError, type Role } from '@elk/contracts';
import type { Decider, EventOf } from '@elk/service-kit';

export const RESET_CODE_TTL_MS = 10 * 60 * 1000;
export const RESET_CODE_MAX_ATTEMPTS = 5;

export type AccountEvent = EventOf<typeof AccountEvents>;

/** Hashes are computed and checked by the handlers (argon2 is I/O-bound work); the decider gets the results. */
export type AccountCommand =
  | {
      type: 'RegisterAccount';
      accountId: string;
      organisationId: string;
      fullName: string;
      phone: string;
      email: string;
      role: Role;
      passwordHash: string;
      registeredAt: string;
    }
  | { type: 'ChangePassword'; oldPasswordMatches: boolean; newPasswordHash: string; changedAt: string }
  | { type: 'IssuePasswordResetCode'; codeHash: string; issuedAt: string }
  | { type: 'CompletePasswordReset'; codeMatches: boolean; newPasswordHash: string; completedAt: string };

export interface ResetCode {
  codeHash: string;
  expiresAt: string;
  failedAttempts: number;
}

export interface RegisteredAccount {
  status: 'registered';
  accountId: string;
  organisationId: string;
  fullName: string;
  phone: string;
  email: string;
  role: Role;
  passwordHash: string;
  /** The one code that may reset the password now; null when none was issued or it was used. */
  resetCode: ResetCode | null;
}

export type AccountState = { status: 'absent' } | RegisteredAccount;

export function accountStreamId(organisationId: string, accountId: string): string {
  return `account-${organisationId}-${accountId}`;
}

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

function decide(command: AccountCommand, state: AccountState): AccountEvent[] {
  if (command.type === 'RegisterAccount') {
    const { type: _type, ...data } = command;
    if (state.status === 'absent') return [{ type: 'AccountRegistered', data }];
    const same = state.organisationId === data.organisationId && state.phone === data.phone && state.email === data.email && state.role === data.role;
    if (same) return [];
    throw new DomainError('RULE_VIOLATED', 'Учётная запись с этим идентификатором уже зарегистрирована');
  }

  // A reset for an unknown account answers like one without a code, so nobody learns which phones exist.
  if (state.status === 'absent') {
    if (command.type === 'CompletePasswordReset') throw noResetCodeError();
    throw new DomainError('NOT_FOUND', 'Учётная запись не найдена');
  }
  const { accountId } = state;

  switch (command.type) {
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

function evolve(state: AccountState, event: AccountEvent): AccountState {
  if (event.type === 'AccountRegistered') {
    const { registeredAt: _registeredAt, ...account } = event.data;
    return { status: 'registered', ...account, resetCode: null };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
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
