import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, type EmployeeAccountUpdated, UpdateEmployeeAccount, IdentitySubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, readStreamState, BusPayload, BusActor, type BusHandlerContext, type Clock, type CommandMetadata } from '@elk/service-kit';
import { IdentityProjections } from '../../identity.projections';
import { LoginRegistry, loginNamesOf, sameLoginName, type LoginName } from '../../logins/login.registry';
import { accountDecider, accountNotFound, accountStreamId, type RegisteredAccount } from '../account.decider';
import { LoginChangeSms, newPhoneCode } from '../login-change.sms';
import { SecretHasher } from '../secret.hasher';
import { TerminalSessions } from '../../terminal-sessions/terminal-sessions';
import { IDENTITY_QUEUE } from '../../identity.queue';

const without = (names: LoginName[], others: LoginName[]) => names.filter((name) => !others.some((other) => sameLoginName(name, other)));

@Controller()
export class UpdateEmployeeAccountHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logins: LoginRegistry,
    private readonly projections: IdentityProjections,
    private readonly hasher: SecretHasher,
    private readonly loginChangeSms: LoginChangeSms,
    private readonly terminalSessions: TerminalSessions,
  ) {}

  /**
   * A new email is claimed first (taken by another account: refused, nothing changed), then the profile is
   * recorded, then the email it no longer has is given back, and the phone is told. Every cabinet session reads the new role; terminal sessions end. A new phone
   * only gets a code (see requestPhoneChange), sent before anything is recorded: whoever holds the login phone
   * can reset the password, so the phone changes only once the code sent to it comes back.
   */
  @MessagePattern(IdentitySubjects.UpdateEmployeeAccount, { queue: IDENTITY_QUEUE })
  async execute(@BusPayload(UpdateEmployeeAccount) command: UpdateEmployeeAccount, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<EmployeeAccountUpdated> {
    const { accountId, phone, ...profile } = command;
    const metadata = busCommandMetadata(context, actor.organisationId, actor.accountId);
    const streamId = accountStreamId(actor.organisationId, accountId);

    const { state } = await readStreamState(this.eventStore, streamId, accountDecider);
    if (state.status !== 'registered') throw accountNotFound();
    const phoneChanges = phone !== state.phone;
    if (phoneChanges) await this.logins.checkFree({ kind: 'phone', login: phone }, { accountId, organisationId: actor.organisationId });

    const withEmail = { phone: state.phone, email: profile.email };
    const added = without(loginNamesOf(withEmail), loginNamesOf(state));
    const dropped = without(loginNamesOf(state), loginNamesOf(withEmail));
    await this.logins.claimAll(added, { accountId, organisationId: actor.organisationId }, metadata);
    const changed = await (async () => {
      if (phoneChanges) await this.requestPhoneChange(state, phone, metadata);
      return handleCommand(this.eventStore, streamId, accountDecider, { type: 'ChangeProfile', ...profile, changedAt: this.clock.now().toISOString() }, metadata);
    })().catch(async (error: unknown) => {
      await this.logins.releaseAll(added, accountId, metadata);
      throw error;
    });
    await this.logins.releaseAll(dropped, accountId, metadata);
    await this.projections.waitForStream(streamId, changed.nextExpectedVersion);
    // A terminal session carries what the old role might take there.
    if (profile.role !== state.role) await this.terminalSessions.endAllOf(actor.organisationId, accountId);
    if (profile.email !== state.email) await this.loginChangeSms.sendEmailChanged({ phone: state.phone, newEmail: profile.email }, metadata.correlationId);
    return { pendingPhone: phoneChanges ? phone : null };
  }

  /** The code goes first and its hash is recorded once it went: an SMS that failed changes nothing. */
  private async requestPhoneChange(account: RegisteredAccount, phone: string, metadata: CommandMetadata): Promise<void> {
    const code = newPhoneCode();
    const codeHash = await this.hasher.hash(code);
    await this.loginChangeSms.sendPhoneCode({ oldPhone: account.phone, newPhone: phone, code }, metadata.correlationId);
    const streamId = accountStreamId(account.organisationId, account.accountId);
    await handleCommand(this.eventStore, streamId, accountDecider, { type: 'RequestPhoneChange', phone, codeHash, requestedAt: this.clock.now().toISOString() }, metadata);
  }
}
