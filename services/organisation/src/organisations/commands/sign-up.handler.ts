import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { HEADER_CORRELATION_ID, IdentitySubjects, type RegisterAccount, SignUp, OrganisationSubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { CLOCK, EVENT_STORE, MESSAGE_BUS, busCommandMetadata, handleCommand, requestService, BusPayload, AnonymousCall, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { OrganisationProjections } from '../../organisation.projections';
import { employeeDecider, employeesStreamId } from '../../employees/employee.decider';
import { organisationDecider, organisationStreamId } from '../organisation.decider';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

export interface SignUpResult {
  organisationId: string;
  accountId: string;
}

@Controller()
export class SignUpHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: OrganisationProjections,
  ) {}

  /**
   * The Owner's account first, so that a taken phone or email fails the sign-up before anything is stored
   * here; then the organisation, then the Owner in its employees. Every step is idempotent by id, so a retried
   * sign-up completes a half-done one.
   */
  @MessagePattern(OrganisationSubjects.SignUp, { queue: ORGANISATION_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(SignUp) command: SignUp, @Ctx() context: BusHandlerContext): Promise<SignUpResult> {
    const { organisationId, accountId, organisationName, fullName, phone, email, password } = command;
    const metadata = busCommandMetadata(context, organisationId, accountId);
    const registerAccount: RegisterAccount = { accountId, organisationId, fullName, phone, email, role: 'owner', password };
    await requestService(this.bus, IdentitySubjects.RegisterAccount, registerAccount, { [HEADER_CORRELATION_ID]: metadata.correlationId });

    const at = this.clock.now().toISOString();
    const streamId = organisationStreamId(organisationId);
    const registered = await handleCommand(
      this.eventStore,
      streamId,
      organisationDecider,
      { type: 'RegisterOrganisation', organisationId, name: organisationName, owner: { accountId, fullName, phone, email }, registeredAt: at },
      metadata,
    );
    const rosterId = employeesStreamId(organisationId);
    const roster = await handleCommand(this.eventStore, rosterId, employeeDecider, { type: 'AddOwner', organisationId, employeeId: accountId, fullName, phone, email, at }, metadata);
    await Promise.all([this.projections.waitForStream(streamId, registered.nextExpectedVersion), this.projections.waitForStream(rosterId, roster.nextExpectedVersion)]);
    return { organisationId, accountId };
  }
}
