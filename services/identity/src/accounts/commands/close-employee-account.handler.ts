import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, CloseEmployeeAccount, IdentitySubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, BusPayload, BusActor, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { IdentityProjections } from '../../identity.projections';
import { LoginRegistry, loginNamesOf } from '../../logins/login.registry';
import { SESSION_STORE, type SessionStore } from '../../sessions/session-store.port';
import { TerminalSessions } from '../../terminal-sessions/terminal-sessions';
import { accountDecider, accountStreamId } from '../account.decider';
import { IDENTITY_QUEUE } from '../../identity.queue';

@Controller()
export class CloseEmployeeAccountHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logins: LoginRegistry,
    private readonly projections: IdentityProjections,
    private readonly terminalSessions: TerminalSessions,
  ) {}

  /**
   * The employee was deleted: the account is closed, every session of it (cabinet and terminals) ends at once and its phone and email
   * are given back for others to use. Each step is idempotent, so a retry finishes what a failed call began.
   */
  @MessagePattern(IdentitySubjects.CloseEmployeeAccount, { queue: IDENTITY_QUEUE })
  async execute(@BusPayload(CloseEmployeeAccount) command: CloseEmployeeAccount, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<void> {
    const metadata = busCommandMetadata(context, actor.organisationId, actor.accountId);
    const streamId = accountStreamId(actor.organisationId, command.accountId);
    const closed = await handleCommand(this.eventStore, streamId, accountDecider, { type: 'Close', closedAt: this.clock.now().toISOString() }, metadata);
    await this.sessions.revokeAllOf(command.accountId);
    await this.terminalSessions.endAllOf(actor.organisationId, command.accountId);
    // Closed now (or before, on a retry), the account still names the phone and email to give back.
    if (closed.newState.status === 'closed') await this.logins.releaseAll(loginNamesOf(closed.newState), command.accountId, metadata);
    await this.projections.waitForStream(streamId, closed.nextExpectedVersion);
  }
}
