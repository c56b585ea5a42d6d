import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { RegisterAccount, IdentitySubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, readStreamState, BusPayload, AnonymousCall, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { IdentityProjections } from '../../identity.projections';
import { LoginRegistry, loginNamesOf } from '../../logins/login.registry';
import { accountDecider, accountStreamId } from '../account.decider';
import { SecretHasher } from '../secret.hasher';
import { IDENTITY_QUEUE } from '../../identity.queue';

@Controller()
export class RegisterAccountHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logins: LoginRegistry,
    private readonly hasher: SecretHasher,
    private readonly projections: IdentityProjections,
  ) {}

  /**
   * Claims the phone and the email first, so that two sign-ups with one phone cannot both succeed, then
   * records the account. A retry with the same accountId is a no-op. Replies once the read model has the
   * account, so that the caller can log in and read it straight away.
   */
  @MessagePattern(IdentitySubjects.RegisterAccount, { queue: IDENTITY_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(RegisterAccount) command: RegisterAccount, @Ctx() context: BusHandlerContext): Promise<{ accountId: string }> {
    const { accountId, organisationId, password, ...details } = command;
    const metadata = busCommandMetadata(context, organisationId, context.actor?.accountId ?? accountId);
    const streamId = accountStreamId(organisationId, accountId);
    const passwordHash = await this.hasher.hash(password);

    const { state } = await readStreamState(this.eventStore, streamId, accountDecider);
    if (state.status === 'absent') {
      await this.logins.claimAll(loginNamesOf(details), { accountId, organisationId }, metadata);
    }

    const registeredAt = this.clock.now().toISOString();
    const result = await handleCommand(this.eventStore, streamId, accountDecider, { type: 'RegisterAccount', accountId, organisationId, ...details, passwordHash, registeredAt }, metadata);
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    return { accountId };
  }
}
