import { Controller, Inject } from '@nestjs/common';
import { BusPayload, BusActor } from '@elk/service-kit';
import { MessagePattern } from '@nestjs/microservices';
import { type Actor, Logout, IdentitySubjects } from '@elk/contracts';
import { SESSION_STORE, type SessionStore } from '../session-store.port';
import { IDENTITY_QUEUE } from '../../identity.queue';

@Controller()
export class LogoutHandler {
  constructor(@Inject(SESSION_STORE) private readonly sessions: SessionStore) {}

  /** Ends the actor's own session; logging out twice, or out of a session that is gone, is fine. */
  @MessagePattern(IdentitySubjects.Logout, { queue: IDENTITY_QUEUE })
  async execute(@BusPayload(Logout) command: { sessionId: string }, @BusActor() actor: Actor): Promise<void> {
    const session = await this.sessions.get(command.sessionId);
    if (session?.accountId === actor.accountId) await this.sessions.revoke(session.sessionId);
  }
}
