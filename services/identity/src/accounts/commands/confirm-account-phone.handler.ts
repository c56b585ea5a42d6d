import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, ConfirmAccountPhone, IdentitySubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, readStreamState, BusPayload, BusActor, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { IdentityProjections } from '../../identity.projections';
import { LoginRegistry } from '../../logins/login.registry';
import { accountDecider, accountNotFound, accountStreamId, wrongPhoneCodeError, type AccountCommand } from '../account.decider';
import { SecretHasher } from '../secret.hasher';
import { IDENTITY_QUEUE } from '../../identity.queue';

@Controller()
export class ConfirmAccountPhoneHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logins: LoginRegistry,
    private readonly hasher: SecretHasher,
    private readonly projections: IdentityProjections,
  ) {}

  /**
   * A wrong code is recorded (it counts towards the limit) before it is refused. The right one claims the new
   * phone (taken since: refused, the code stays usable), records it, then gives the old phone back.
   */
  @MessagePattern(IdentitySubjects.ConfirmAccountPhone, { queue: IDENTITY_QUEUE })
  async execute(@BusPayload(ConfirmAccountPhone) command: ConfirmAccountPhone, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<void> {
    const { accountId, phone, code } = command;
    const metadata = busCommandMetadata(context, actor.organisationId, actor.accountId);
    const streamId = accountStreamId(actor.organisationId, accountId);
    const { state } = await readStreamState(this.eventStore, streamId, accountDecider);
    if (state.status !== 'registered') throw accountNotFound();
    const pending = state.phoneChange?.phone === phone ? state.phoneChange : null;
    const codeMatches = pending !== null && (await this.hasher.verify(pending.codeHash, code));
    const confirm: AccountCommand = { type: 'ConfirmPhoneChange', phone, codeMatches, confirmedAt: this.clock.now().toISOString() };

    const newLogin = { kind: 'phone' as const, login: phone };
    if (codeMatches) {
      // Expired or used up: refused before the phone is claimed.
      accountDecider.decide(confirm, state);
      await this.logins.claim(newLogin, { accountId, organisationId: actor.organisationId }, metadata);
    }
    const { newEvents, nextExpectedVersion } = await handleCommand(this.eventStore, streamId, accountDecider, confirm, metadata).catch(async (error: unknown) => {
      if (codeMatches) await this.logins.release(newLogin, accountId, metadata);
      throw error;
    });
    for (const event of newEvents) {
      if (event.type === 'AccountPhoneChangeCodeRejected') throw wrongPhoneCodeError(event.data.failedAttempts);
    }
    await this.logins.release({ kind: 'phone', login: state.phone }, accountId, metadata);
    await this.projections.waitForStream(streamId, nextExpectedVersion);
  }
}
