import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { type TokenPair, IdentitySubjects, RefreshSession } from '@elk/contracts';
import { CLOCK, LOGGER, BusPayload, AnonymousCall, type Clock, type Logger } from '@elk/service-kit';
import { AccountLookup } from '../../accounts/queries/account.lookup';
import { isExpired, refreshTokenExpiry, sessionEnded } from '../session';
import { SESSION_STORE, type SessionStore } from '../session-store.port';
import { SessionTokens, hashOpaqueToken, newOpaqueToken } from '../session-tokens';
import { IDENTITY_QUEUE } from '../../identity.queue';

@Controller()
export class RefreshSessionHandler {
  constructor(
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly accounts: AccountLookup,
    private readonly tokens: SessionTokens,
  ) {}

  /**
   * Swaps the refresh token for a new one. A token that was already swapped means two parties hold the
   * session (one of them stole it): the session is ended for both.
   */
  @MessagePattern(IdentitySubjects.RefreshSession, { queue: IDENTITY_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(RefreshSession) command: { refreshToken: string }): Promise<TokenPair> {
    const now = this.clock.now();
    const presentedHash = hashOpaqueToken(command.refreshToken);
    const session = await this.sessions.findByRefreshTokenHash(presentedHash);
    if (!session) throw sessionEnded();
    if (session.refreshTokenHash !== presentedHash) return this.endStolen(session.sessionId, session.accountId);
    if (isExpired(session, now)) {
      await this.sessions.revoke(session.sessionId);
      throw sessionEnded();
    }
    const account = await this.accounts.openById(session.accountId);
    if (!account) throw sessionEnded();

    const refreshToken = newOpaqueToken();
    const rotated = await this.sessions.rotate(session.sessionId, session.rotation, { refreshTokenHash: hashOpaqueToken(refreshToken), expiresAt: refreshTokenExpiry(now) });
    // Another refresh with the same token got there first: the same token was used twice.
    if (!rotated) return this.endStolen(session.sessionId, session.accountId);
    return this.tokens.pair({ accountId: account.accountId, organisationId: account.organisationId, role: account.role, sessionId: session.sessionId }, refreshToken, now);
  }

  private async endStolen(sessionId: string, accountId: string): Promise<never> {
    await this.sessions.revoke(sessionId);
    this.logger.warn({ sessionId, accountId }, 'rotated refresh token used again: session revoked');
    throw sessionEnded();
  }
}
