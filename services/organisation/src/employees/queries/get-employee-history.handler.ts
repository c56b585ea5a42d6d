import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { DomainError, type Actor, type GetEmployee, type History, GetEmployeeHistory, OrganisationSubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { EVENT_STORE, MESSAGE_BUS, recordHistory, withActorNames, BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import { employeeDecider, employeesStreamId, NOT_FOUND_MESSAGE } from '../employee.decider';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

const ACTIONS = { EmployeeAdded: 'created', EmployeeUpdated: 'updated', EmployeePinSent: 'pin-sent', EmployeeInvited: 'invited', EmployeeDeleted: 'deleted' } as const;

@Controller()
export class GetEmployeeHistoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** «История изменений» of one employee from the organisation's employees stream, oldest first. */
  @MessagePattern(OrganisationSubjects.GetEmployeeHistory, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(GetEmployeeHistory) query: GetEmployee, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<History> {
    const { events } = await this.eventStore.readStream(employeesStreamId(actor.organisationId));
    const drafts = recordHistory(events, {
      decider: employeeDecider,
      recordIn: (state) => state.employees[query.employeeId],
      actionOf: (event) => (event.data.employeeId === query.employeeId ? ACTIONS[event.type] : null),
      tracked: ['lastName', 'firstName', 'patronymic', 'phone', 'email', 'role'],
    });
    if (drafts.length === 0) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
    return withActorNames(this.bus, drafts, actor, context);
  }
}
