import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern } from '@nestjs/microservices';
import { IdentitySubjects, OpenTerminalSession, type OpenedTerminalSession } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, LOGGER, busCommandMetadata, handleCommand, readStreamState, BusPayload, AnonymousCall, type BusHandlerContext, type Clock, type Logger } from '@elk/service-kit';
import { accountDecider, accountStreamId, isPinLocked, pinInvalid, pinLocked, type AccountState } from '../../accounts/account.decider';
import { SecretHasher } from '../../accounts/secret.hasher';
import { LoginRegistry } from '../../logins/login.registry';
import { IDENTITY_QUEUE } from '../../identity.queue';
import { TerminalSessions } from '../terminal-sessions';

@Controller()
export class OpenTerminalSessionHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly logins: LoginRegistry,
    private readonly hasher: SecretHasher,
    private readonly sessions: TerminalSessions,
  ) {}

  /**
   * A cashier's PIN log-in on a terminal of the organisation. Someone the organisation does not employ gets the answer
   * a wrong PIN-code gets, after the same argon2 work, and counts nothing against anybody; a wrong PIN-code of its own
   * employee counts against them, and the fifth in a row locks them on terminals until a new PIN-code is sent.
   */
  @MessagePattern(IdentitySubjects.OpenTerminalSession, { queue: IDENTITY_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(OpenTerminalSession) command: OpenTerminalSession, @Ctx() context: BusHandlerContext): Promise<OpenedTerminalSession> {
    const { device, pin } = command;
    const account = await this.employeeOf(device.organisationId, command.employee);
    if (account?.status !== 'registered' || !account.pin) {
      await this.hasher.verifyNothing(pin);
      throw pinInvalid();
    }
    if (isPinLocked(account)) throw pinLocked();
    const pinMatches = await this.hasher.verify(account.pin.pinHash, pin);
    const now = this.clock.now();
    const streamId = accountStreamId(account.organisationId, account.accountId);
    const tried = await handleCommand(this.eventStore, streamId, accountDecider, { type: 'TryPin', pinMatches, triedAt: now.toISOString() }, busCommandMetadata(context, account.organisationId, account.accountId));
    if (!pinMatches) {
      this.logger.info({ accountId: account.accountId, workplaceId: device.workplaceId }, 'terminal PIN refused');
      throw tried.newState.status === 'registered' && isPinLocked(tried.newState) ? pinLocked() : pinInvalid();
    }
    const { token, record } = await this.sessions.open(device, account, now);
    this.logger.info({ accountId: account.accountId, workplaceId: device.workplaceId }, 'logged in on a terminal');
    return { token, employee: { id: account.accountId, name: account.fullName }, role: account.role, expiresAt: record.expiresAt };
  }

  /** The organisation's employee named by id or by login phone; null for anyone else. */
  private async employeeOf(organisationId: string, employee: string): Promise<AccountState | null> {
    const accountId = employee.startsWith('+') ? (await this.logins.ownerOf({ kind: 'phone', login: employee }))?.accountId : employee;
    if (!accountId) return null;
    const { state } = await readStreamState(this.eventStore, accountStreamId(organisationId, accountId), accountDecider);
    return state.status === 'registered' && state.organisationId === organisationId ? state : null;
  }
}
