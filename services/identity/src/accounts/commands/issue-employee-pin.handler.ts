import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, type EmployeePinIssued, IssueEmployeePin, IdentitySubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { EVENT_STORE, busCommandMetadata, readStreamState, BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import { accountDecider, accountStreamId } from '../account.decider';
import { EmployeePinIssuer } from '../employee-pin.issuer';
import { IDENTITY_QUEUE } from '../../identity.queue';

@Controller()
export class IssueEmployeePinHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly pins: EmployeePinIssuer,
  ) {}

  /** «Отправить новый PIN-код»: the new one replaces the one in force. */
  @MessagePattern(IdentitySubjects.IssueEmployeePin, { queue: IDENTITY_QUEUE })
  async execute(@BusPayload(IssueEmployeePin) command: IssueEmployeePin, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<EmployeePinIssued> {
    const { state } = await readStreamState(this.eventStore, accountStreamId(actor.organisationId, command.accountId), accountDecider);
    return this.pins.issue(state, busCommandMetadata(context, actor.organisationId, actor.accountId));
  }
}
