import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor, type GetEmployee, type History } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { EVENT_STORE, MESSAGE_BUS, parseEvent, type BusHandlerContext } from '@elk/service-kit';
import { changesBetween, withActorNames, type HistoryDraft } from '../../shared/history';
import { employeeDecider, employeesStreamId, NOT_FOUND_MESSAGE, type EmployeeEvent } from '../employee.decider';

const TRACKED = ['lastName', 'firstName', 'patronymic', 'phone', 'email', 'role'] as const;
const ACTIONS = { EmployeeAdded: 'created', EmployeeUpdated: 'updated', EmployeePinSent: 'pin-sent', EmployeeDeleted: 'deleted' } as const;

@Injectable()
export class GetEmployeeHistoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** «История изменений» of one employee from the organisation's employees stream, oldest first. */
  async execute(query: GetEmployee, actor: Actor, context: BusHandlerContext): Promise<History> {
    const { events } = await this.eventStore.readStream(employeesStreamId(actor.organisationId));
    const entries: HistoryDraft[] = [];
    let state = employeeDecider.initialState;
    for (const recorded of events) {
      const event = parseEvent(employeeDecider.events, recorded) as EmployeeEvent;
      const before = state.employees[query.employeeId];
      state = employeeDecider.evolve(state, event);
      if (event.data.employeeId !== query.employeeId) continue;
      const action = ACTIONS[event.type];
      const changes = action === 'created' || action === 'updated' ? changesBetween(before, state.employees[query.employeeId]!, TRACKED) : [];
      entries.push({ at: recorded.recordedAt.toISOString(), accountId: recorded.metadata.actor, action, changes });
    }
    if (entries.length === 0) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
    return withActorNames(this.bus, entries, actor, context);
  }
}
