import { Inject, Injectable } from '@nestjs/common';
import { DomainError, HEADER_CORRELATION_ID, IdentitySubjects, type RegisterAccount, type SignUp } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { BusTimeoutError, type MessageBus } from '@elk/messaging';
import { EVENT_STORE, MESSAGE_BUS, busCommandMetadata, handleCommand, type BusHandlerContext } from '@elk/service-kit';
import { CLOCK, type Clock } from '../../clock';
import { OrganisationProjections } from '../../organisation.projections';
import { organisationDecider, organisationStreamId } from '../organisation.decider';

export interface SignUpResult {
  organisationId: string;
  accountId: string;
}

@Injectable()
export class SignUpHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: OrganisationProjections,
  ) {}

  /**
   * The Owner's account first, so that a taken phone or email fails the sign-up before anything is stored
   * here; then the organisation. Both steps are idempotent by id, so a retried sign-up completes a half-done one.
   */
  async execute(command: SignUp, context: BusHandlerContext): Promise<SignUpResult> {
    const { organisationId, accountId, organisationName, fullName, phone, email, password } = command;
    const metadata = busCommandMetadata(context, organisationId, accountId);
    const registerAccount: RegisterAccount = { accountId, organisationId, fullName, phone, email, role: 'owner', password };
    try {
      await this.bus.request(IdentitySubjects.RegisterAccount, registerAccount, { headers: { [HEADER_CORRELATION_ID]: metadata.correlationId } });
    } catch (error) {
      if (error instanceof BusTimeoutError) throw new DomainError('SERVICE_UNAVAILABLE', 'Сервис временно недоступен, повторите попытку позже');
      throw error;
    }

    const streamId = organisationStreamId(organisationId);
    const result = await handleCommand(
      this.eventStore,
      streamId,
      organisationDecider,
      { type: 'RegisterOrganisation', organisationId, name: organisationName, owner: { accountId, fullName, phone, email }, registeredAt: this.clock.now().toISOString() },
      metadata,
    );
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    return { organisationId, accountId };
  }
}
