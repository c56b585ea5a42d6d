import { randomUUID } from 'node:crypto';
import { MessagePattern } from '@nestjs/microservices';
import { Controller, Inject } from '@nestjs/common';
import { DomainError, Login, type LoginResult, IdentitySubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, LOGGER, readStreamState, BusPayload, AnonymousCall, type Clock, type Logger } from '@elk/service-kit';
import { LoginRegistry, loginNameOf } from '../../logins/login.registry';
import { refreshTokenExpiry } from '../../sessions/session';
import { SESSION_STORE, type SessionStore } from '../../sessions/session-store.port';
import { SessionTokens, hashOpaqueToken, newOpaqueToken } from '../../sessions/session-tokens';
import { accountDecider, accountStreamId } from '../account.decider';
import { SecretHasher } from '../secret.hasher';
import { IDENTITY_QUEUE } from '../../identity.queue';

const invalidCredentials = () => new DomainError('INVALID_CREDENTIALS', 'Неверный телефон, email или пароль');

@Controller()
export class LoginHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly logins: LoginRegistry,
    private readonly hasher: SecretHasher,
    private readonly tokens: SessionTokens,
  ) {}

  /**
   * An unknown login, a wrong password, a closed account and one with no password yet (an employee who has not
   * set one) get the same answer after the same argon2 work.
   */
  @MessagePattern(IdentitySubjects.Login, { queue: IDENTITY_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(Login) command: Login): Promise<LoginResult> {
    const name = loginNameOf(command.login);
    const owner = name ? await this.logins.ownerOf(name) : null;
    const account = owner ? (await readStreamState(this.eventStore, accountStreamId(owner.organisationId, owner.accountId), accountDecider)).state : null;
    const passwordHash = account?.status === 'registered' ? account.passwordHash : null;
    const passwordMatches = passwordHash !== null ? await this.hasher.verify(passwordHash, command.password) : await this.hasher.verifyNothing(command.password);
    if (!passwordMatches || account?.status !== 'registered') {
      this.logger.info({ ip: command.ip }, 'login refused');
      throw invalidCredentials();
    }

    const now = this.clock.now();
    const { accountId, organisationId, role } = account;
    const sessionId = randomUUID();
    const refreshToken = newOpaqueToken();
    await this.sessions.create({
      sessionId,
      accountId,
      organisationId,
      createdAt: now.toISOString(),
      refreshTokenHash: hashOpaqueToken(refreshToken),
      rotation: 0,
      expiresAt: refreshTokenExpiry(now),
    });
    this.logger.info({ accountId, sessionId }, 'logged in');
    return { ...(await this.tokens.pair({ accountId, organisationId, role, sessionId }, refreshToken, now)), accountId, organisationId };
  }
}
