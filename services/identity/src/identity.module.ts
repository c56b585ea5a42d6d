import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { DocumentStore } from '@elk/documents';
import { CLOCK, DOCUMENT_STORE, LOGGER, eventRelayProvider, systemClock, type Clock, type Logger } from '@elk/service-kit';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { ChangePasswordHandler } from './accounts/commands/change-password.handler';
import { CloseEmployeeAccountHandler } from './accounts/commands/close-employee-account.handler';
import { ConfirmAccountPhoneHandler } from './accounts/commands/confirm-account-phone.handler';
import { ConfirmPasswordResetHandler } from './accounts/commands/confirm-password-reset.handler';
import { SendActivationCodeHandler } from './accounts/commands/send-activation-code.handler';
import { IssueEmployeePinHandler } from './accounts/commands/issue-employee-pin.handler';
import { LoginHandler } from './accounts/commands/login.handler';
import { OpenEmployeeAccountHandler } from './accounts/commands/open-employee-account.handler';
import { RegisterAccountHandler } from './accounts/commands/register-account.handler';
import { RequestPasswordResetHandler } from './accounts/commands/request-password-reset.handler';
import { UpdateEmployeeAccountHandler } from './accounts/commands/update-employee-account.handler';
import { AcceptInvitationHandler } from './accounts/commands/accept-invitation.handler';
import { IssueEmployeeInvitationHandler } from './accounts/commands/issue-employee-invitation.handler';
import { EmployeePinIssuer } from './accounts/employee-pin.issuer';
import { InvitationLinks } from './accounts/invitation-links';
import { CheckInvitationHandler } from './accounts/queries/check-invitation.handler';
import { PasswordResetSmsSender } from './accounts/password-reset-sms.sender';
import { LoginChangeSms } from './accounts/login-change.sms';
import { AccountLookup } from './accounts/queries/account.lookup';
import { GetAccountHandler } from './accounts/queries/get-account.handler';
import { OWASP_COST, SecretHasher, secretHashCost } from './accounts/secret.hasher';
import { SmsSender } from './accounts/sms.sender';
import { identityIntegrationEvents } from './identity.integration-events';
import { IdentityProjections } from './identity.projections';
import { LoginRegistry } from './logins/login.registry';
import { FindLoginOwnerHandler } from './logins/queries/find-login-owner.handler';
import { LogoutHandler } from './sessions/commands/logout.handler';
import { RefreshSessionHandler } from './sessions/commands/refresh-session.handler';
import { DocumentSessionStore } from './sessions/document-session.store';
import { AuthenticateSessionHandler } from './sessions/queries/authenticate-session.handler';
import { RedisSessionStore } from './sessions/redis-session.store';
import { SESSION_STORE, type SessionStore } from './sessions/session-store.port';
import { SessionTokens } from './sessions/session-tokens';
import { CloseTerminalSessionHandler } from './terminal-sessions/commands/close-terminal-session.handler';
import { OpenTerminalSessionHandler } from './terminal-sessions/commands/open-terminal-session.handler';
import { AuthenticateTerminalSessionHandler } from './terminal-sessions/queries/authenticate-terminal-session.handler';
import { TerminalSessions } from './terminal-sessions/terminal-sessions';

export interface IdentityModuleOptions {
  /** HS256 key of the access tokens (at least 32 characters); whoever verifies them needs the same. */
  jwtSecret: string;
  /** Sessions go to this Redis (distributed mode); without it they are documents in the documents store. */
  redisUrl?: string;
  /** Prefix of the session keys in Redis (default `elk:identity:`); tests use their own. */
  redisKeyPrefix?: string;
  /** Where the time comes from; tests move it forward. */
  clock?: Clock;
  /** Integration events go to `<prefix>.identity.<EventType>` (default `elk.evt`); tests use their own stream's. */
  eventSubjectPrefix?: string;
}

const JwtSecret = z.string().min(32, { error: 'JWT secret: at least 32 characters' });

/**
 * Accounts, credentials, cabinet sessions and terminal (PIN) sessions, served on the bus. Needs InfrastructureModule (event store, documents
 * store, bus, logger) from the composition root. Relays its events to the bus as integration events.
 */
@Module({})
export class IdentityModule implements OnApplicationShutdown {
  constructor(@Inject(SESSION_STORE) private readonly sessions: SessionStore) {}

  static forRoot(options: IdentityModuleOptions): DynamicModule {
    const jwtSecret = JwtSecret.parse(options.jwtSecret);
    return {
      module: IdentityModule,
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: SessionTokens, useValue: new SessionTokens(jwtSecret) },
        {
          provide: SESSION_STORE,
          inject: [DOCUMENT_STORE],
          useFactory: (documents: DocumentStore): SessionStore | Promise<SessionStore> =>
            options.redisUrl ? new RedisSessionStore(new Redis(options.redisUrl), options.redisKeyPrefix) : DocumentSessionStore.open(documents),
        },
        {
          provide: SecretHasher,
          inject: [LOGGER],
          useFactory: (logger: Logger): SecretHasher => {
            const cost = secretHashCost(process.env);
            if (cost !== OWASP_COST) logger.warn({ module: 'identity', secretHashCost: cost }, 'ELK_SECRET_HASH_COST=test: passwords and codes get WEAK argon2id hashes, for test runs only');
            return new SecretHasher(cost);
          },
        },
        LoginRegistry,
        AccountLookup,
        IdentityProjections,
        eventRelayProvider(identityIntegrationEvents, { subjectPrefix: options.eventSubjectPrefix }),
        SmsSender,
        PasswordResetSmsSender,
        EmployeePinIssuer,
        InvitationLinks,
        LoginChangeSms,
        TerminalSessions,
      ],
      controllers: [
        RegisterAccountHandler,
        LoginHandler,
        ChangePasswordHandler,
        RequestPasswordResetHandler,
        ConfirmPasswordResetHandler,
        OpenEmployeeAccountHandler,
        UpdateEmployeeAccountHandler,
        ConfirmAccountPhoneHandler,
        IssueEmployeePinHandler,
        SendActivationCodeHandler,
        CloseEmployeeAccountHandler,
        IssueEmployeeInvitationHandler,
        CheckInvitationHandler,
        AcceptInvitationHandler,
        GetAccountHandler,
        FindLoginOwnerHandler,
        RefreshSessionHandler,
        LogoutHandler,
        AuthenticateSessionHandler,
        OpenTerminalSessionHandler,
        AuthenticateTerminalSessionHandler,
        CloseTerminalSessionHandler,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sessions.close();
  }
}
