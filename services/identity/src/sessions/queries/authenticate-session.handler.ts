import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern } from '@nestjs/microservices';
import { type AuthenticatedSession, IdentitySubjects, AuthenticateSession } from '@elk/contracts';
import { CLOCK, BusPayload, AnonymousCall, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { AccountLookup } from '../../accounts/queries/account.lookup';
import { isExpired, sessionEnded } from '../session';
import { SESSION_STORE, type SessionStore } from '../session-store.port';
import { IDENTITY_QUEUE } from '../../identity.queue';

@Controller()
export class AuthenticateSessionHandler {
  constructor(
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly accounts: AccountLookup,
  ) {}

  /**
   * Asked on every request behind an access token: a revoked session, or one of a closed account, is refused
   * at once, not when its access token expires, and the role is the account's current one, not the one in
   * the token.
   */
  @MessagePattern(IdentitySubjects.AuthenticateSession, { queue: IDENTITY_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(AuthenticateSession) query: { sessionId: string }, @Ctx() context: BusHandlerContext): Promise<AuthenticatedSession> {
    const actor = context.actor;
    const session = await this.sessions.get(query.sessionId);
    if (!session || isExpired(session, this.clock.now()) || (actor && actor.accountId !== session.accountId)) throw sessionEnded();
    const account = await this.accounts.openById(session.accountId);
    if (!account) throw sessionEnded();
    return { sessionId: session.sessionId, accountId: account.accountId, organisationId: account.organisationId, role: account.role };
  }
}
