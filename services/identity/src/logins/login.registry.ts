import { Inject, Injectable } from '@nestjs/common';
import { DomainError, email as emailField, mobilePhone, type LoginKind } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { EVENT_STORE, handleCommand, readStreamState, type CommandMetadata } from '@elk/service-kit';
import { loginDecider, loginStreamId, type LoginOwner } from './login.decider';

export interface LoginName {
  kind: LoginKind;
  login: string;
}

/** What a person typed to log in, normalised as it was registered; null when it is neither a phone nor an email. */
export function loginNameOf(typed: string): LoginName | null {
  if (typed.includes('@')) {
    const parsed = emailField.safeParse(typed);
    return parsed.success ? { kind: 'email', login: parsed.data } : null;
  }
  const parsed = mobilePhone.safeParse(typed);
  return parsed.success ? { kind: 'phone', login: parsed.data } : null;
}

/** The names an account logs in with: its phone, and its email when it has one. */
export function loginNamesOf(account: { phone: string; email: string | null }): LoginName[] {
  const phone: LoginName = { kind: 'phone', login: account.phone };
  return account.email === null ? [phone] : [phone, { kind: 'email', login: account.email }];
}

export const sameLoginName = (a: LoginName, b: LoginName) => a.kind === b.kind && a.login === b.login;

const isLoginTaken = (error: unknown) => error instanceof DomainError && (error.code === 'PHONE_TAKEN' || error.code === 'EMAIL_TAKEN');

/**
 * Login names (phones and emails) and the accounts that own them, read from the login streams: consistent
 * right after a registration, unlike a projection.
 */
@Injectable()
export class LoginRegistry {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async ownerOf(name: LoginName): Promise<LoginOwner | null> {
    const { state } = await readStreamState(this.eventStore, loginStreamId(name.kind, name.login), loginDecider);
    return state.owner;
  }

  /** Throws PHONE_TAKEN / EMAIL_TAKEN when another account owns the name, without claiming it. */
  async checkFree(name: LoginName, owner: LoginOwner): Promise<void> {
    const { state } = await readStreamState(this.eventStore, loginStreamId(name.kind, name.login), loginDecider);
    loginDecider.decide({ type: 'ClaimLogin', ...name, ...owner }, state);
  }

  /** Throws PHONE_TAKEN / EMAIL_TAKEN when another account owns the name; a no-op for its owner. */
  async claim(name: LoginName, owner: LoginOwner, metadata: CommandMetadata): Promise<void> {
    await handleCommand(this.eventStore, loginStreamId(name.kind, name.login), loginDecider, { type: 'ClaimLogin', ...name, ...owner }, metadata);
  }

  /**
   * All or nothing: when one name is taken, the ones this call did get are given back and every taken one is
   * refused with its field error. Only for names the account does not hold yet (or got from an earlier,
   * failed attempt of the same command): those are the ones given back.
   */
  async claimAll(names: LoginName[], owner: LoginOwner, metadata: CommandMetadata): Promise<void> {
    const outcomes = await Promise.allSettled(names.map((name) => this.claim(name, owner, metadata)));
    const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    if (refusals.length === 0) return;
    const claimed = names.filter((_, index) => outcomes[index]?.status === 'fulfilled');
    await this.releaseAll(claimed, owner.accountId, metadata);

    const unexpected = refusals.find((error) => !isLoginTaken(error));
    if (unexpected) throw unexpected;
    const taken = refusals as DomainError[];
    throw new DomainError(taken[0]!.code, taken.map((error) => error.message).join('. '), taken.flatMap((error) => error.errors ?? []));
  }

  async releaseAll(names: LoginName[], accountId: string, metadata: CommandMetadata): Promise<void> {
    await Promise.all(names.map((name) => this.release(name, accountId, metadata)));
  }

  async release(name: LoginName, accountId: string, metadata: CommandMetadata): Promise<void> {
    await handleCommand(this.eventStore, loginStreamId(name.kind, name.login), loginDecider, { type: 'ReleaseLogin', ...name, accountId }, metadata);
  }
}
