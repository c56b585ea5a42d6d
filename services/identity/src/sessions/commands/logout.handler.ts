import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@elk/contracts';
import { SESSION_STORE, type SessionStore } from '../session-store.port';

@Injectable()
export class LogoutHandler {
  constructor(@Inject(SESSION_STORE) private readonly sessions: SessionStore) {}

  /** Ends the actor's own session; logging out twice, or out of a session that is gone, is fine. */
  async execute(command: { sessionId: string }, actor: Actor): Promise<void> {
    const session = await this.sessions.get(command.sessionId);
    if (session?.accountId === actor.accountId) await this.sessions.revoke(session.sessionId);
  }
}
