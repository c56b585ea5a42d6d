import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { AuthenticateTerminalSession, IdentitySubjects, type AuthenticatedTerminalSession } from '@elk/contracts';
import { CLOCK, BusPayload, AnonymousCall, type Clock } from '@elk/service-kit';
import { AccountLookup } from '../../accounts/queries/account.lookup';
import { IDENTITY_QUEUE } from '../../identity.queue';
import { TerminalSessions } from '../terminal-sessions';

@Controller()
export class AuthenticateTerminalSessionHandler {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sessions: TerminalSessions,
    private readonly accounts: AccountLookup,
  ) {}

  /**
   * Asked on every terminal request that needs a cashier: the device's session, while its employee is not deleted and
   * still has the role they logged in with (role changes and deletions also end sessions at once: see TerminalSessions).
   */
  @MessagePattern(IdentitySubjects.AuthenticateTerminalSession, { queue: IDENTITY_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(AuthenticateTerminalSession) query: AuthenticateTerminalSession): Promise<AuthenticatedTerminalSession> {
    const session = await this.sessions.find(query.device, query.token, this.clock.now());
    const account = session && (await this.accounts.openById(session.accountId));
    if (!session || !account || account.role !== session.role || account.organisationId !== session.organisationId) return null;
    return { employee: { id: account.accountId, name: account.fullName }, role: session.role, expiresAt: session.expiresAt };
  }
}
