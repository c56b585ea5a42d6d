import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, type EmployeeAccountOpened, OpenEmployeeAccount, IdentitySubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, readStreamState, BusPayload, BusActor, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { IdentityProjections } from '../../identity.projections';
import { LoginRegistry, loginNamesOf } from '../../logins/login.registry';
import { accountDecider, accountStreamId } from '../account.decider';
import { EmployeePinIssuer } from '../employee-pin.issuer';
import { IDENTITY_QUEUE } from '../../identity.queue';

@Controller()
export class OpenEmployeeAccountHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logins: LoginRegistry,
    private readonly pins: EmployeePinIssuer,
    private readonly projections: IdentityProjections,
  ) {}

  /**
   * Claims the phone (and the email) for the new account, records it without a password and sends its first
   * PIN-code. A retry finds the PIN-code sent and sends nothing. When the SMS cannot be sent the account is
   * closed again and its phone and email given back, so the admin can simply try again.
   */
  @MessagePattern(IdentitySubjects.OpenEmployeeAccount, { queue: IDENTITY_QUEUE })
  async execute(@BusPayload(OpenEmployeeAccount) command: OpenEmployeeAccount, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<EmployeeAccountOpened> {
    const { accountId, ...profile } = command;
    const { organisationId } = actor;
    const metadata = busCommandMetadata(context, organisationId, actor.accountId);
    const streamId = accountStreamId(organisationId, accountId);

    const { state } = await readStreamState(this.eventStore, streamId, accountDecider);
    if (state.status === 'absent') await this.logins.claimAll(loginNamesOf(profile), { accountId, organisationId }, metadata);
    const opened = await handleCommand(
      this.eventStore,
      streamId,
      accountDecider,
      { type: 'OpenEmployeeAccount', accountId, organisationId, ...profile, openedAt: this.clock.now().toISOString() },
      metadata,
    );
    await this.projections.waitForStream(streamId, opened.nextExpectedVersion);

    const account = opened.newState;
    if (account.status === 'registered' && account.pin) return { accountId, pinSentAt: account.pin.issuedAt };
    try {
      return { accountId, pinSentAt: (await this.pins.issue(account, metadata)).sentAt };
    } catch (error) {
      // Without its first PIN-code the employee is not added (the organisation records nothing), so the
      // account must not keep holding the phone: the admin's next attempt would find it taken.
      await handleCommand(this.eventStore, streamId, accountDecider, { type: 'Close', closedAt: this.clock.now().toISOString() }, metadata);
      await this.logins.releaseAll(loginNamesOf(profile), accountId, metadata);
      throw error;
    }
  }
}
