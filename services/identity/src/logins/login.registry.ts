import { Inject, Injectable } from '@nestjs/common';
import { email as emailField, mobilePhone, type LoginKind } from '@elk/contracts';
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

  /** Throws PHONE_TAKEN / EMAIL_TAKEN when another account owns the name; a no-op for its owner. */
  async claim(name: LoginName, owner: LoginOwner, metadata: CommandMetadata): Promise<void> {
    await handleCommand(this.eventStore, loginStreamId(name.kind, name.login), loginDecider, { type: 'ClaimLogin', ...name, ...owner }, metadata);
  }

  async release(name: LoginName, accountId: string, metadata: CommandMetadata): Promise<void> {
    await handleCommand(this.eventStore, loginStreamId(name.kind, name.login), loginDecider, { type: 'ReleaseLogin', ...name, accountId }, metadata);
  }
}
