import { DomainError, LoginEvents, type LoginKind } from '@elk/contracts';
import type { Decider, EventOf } from '@elk/service-kit';

/**
 * A login name (a normalised phone or email) identifies one account across all organisations: the first
 * LoginClaimed in its stream wins, and the store's expected-version check settles a race.
 */
export type LoginEvent = EventOf<typeof LoginEvents>;

export type LoginCommand =
  | { type: 'ClaimLogin'; kind: LoginKind; login: string; accountId: string; organisationId: string }
  | { type: 'ReleaseLogin'; kind: LoginKind; login: string; accountId: string };

export interface LoginOwner {
  accountId: string;
  organisationId: string;
}

export type LoginState = { owner: LoginOwner | null };

export function loginStreamId(kind: LoginKind, login: string): string {
  return `login-${kind}-${login}`;
}

const TAKEN = {
  phone: () => new DomainError('PHONE_TAKEN', 'Этот телефон уже зарегистрирован', [{ path: 'phone', message: 'Этот телефон уже зарегистрирован' }]),
  email: () => new DomainError('EMAIL_TAKEN', 'Этот email уже зарегистрирован', [{ path: 'email', message: 'Этот email уже зарегистрирован' }]),
} satisfies Record<LoginKind, () => DomainError>;

function decide(command: LoginCommand, state: LoginState): LoginEvent[] {
  const { kind, login, accountId } = command;
  if (command.type === 'ReleaseLogin') {
    return state.owner?.accountId === accountId ? [{ type: 'LoginReleased', data: { kind, login, accountId } }] : [];
  }
  if (!state.owner) return [{ type: 'LoginClaimed', data: { kind, login, accountId, organisationId: command.organisationId } }];
  if (state.owner.accountId === accountId) return [];
  throw TAKEN[kind]();
}

function evolve(_state: LoginState, event: LoginEvent): LoginState {
  switch (event.type) {
    case 'LoginClaimed':
      return { owner: { accountId: event.data.accountId, organisationId: event.data.organisationId } };
    case 'LoginReleased':
      return { owner: null };
  }
}

export const loginDecider: Decider<LoginCommand, LoginEvent, LoginState> = {
  decide,
  evolve,
  initialState: { owner: null },
  events: LoginEvents,
};
