import { Inject, Injectable } from '@nestjs/common';
import type { Actor, EmployeePinIssued, IssueEmployeePin } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { EVENT_STORE, busCommandMetadata, readStreamState, type BusHandlerContext } from '@elk/service-kit';
import { accountDecider, accountStreamId } from '../account.decider';
import { EmployeePinIssuer } from '../employee-pin.issuer';

@Injectable()
export class IssueEmployeePinHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly pins: EmployeePinIssuer,
  ) {}

  /** «Отправить новый PIN-код»: the new one replaces the one in force. */
  async execute(command: IssueEmployeePin, actor: Actor, context: BusHandlerContext): Promise<EmployeePinIssued> {
    const { state } = await readStreamState(this.eventStore, accountStreamId(actor.organisationId, command.accountId), accountDecider);
    return this.pins.issue(state, busCommandMetadata(context, actor.organisationId, actor.accountId));
  }
}
