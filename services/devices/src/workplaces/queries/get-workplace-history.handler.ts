import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { DomainError, GetWorkplaceHistory, DevicesSubjects, type Actor, type GetWorkplace, type History } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { EVENT_STORE, MESSAGE_BUS, recordHistory, withActorNames, BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import { DEVICES_QUEUE } from '../../devices.queue';
import { NOT_FOUND_MESSAGE, workplaceDecider, workplacesStreamId, type WorkplaceEvent } from '../workplace.decider';

const ACTIONS: Record<WorkplaceEvent['type'], 'created' | 'updated' | 'deleted' | 'code-sent' | 'activated' | 'deactivated' | null> = {
  WorkplaceAdded: 'created',
  WorkplaceUpdated: 'updated',
  WorkplaceDeleted: 'deleted',
  WorkplaceActivationCodeIssued: 'code-sent',
  // Wrong tries are the terminal's, not a change of the card.
  WorkplaceActivationFailed: null,
  WorkplaceActivated: 'activated',
  WorkplaceDeactivated: 'deactivated',
};

@Controller()
export class GetWorkplaceHistoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** «История изменений» of one workplace from the organisation's workplaces stream, oldest first. */
  @MessagePattern(DevicesSubjects.GetWorkplaceHistory, { queue: DEVICES_QUEUE })
  async execute(@BusPayload(GetWorkplaceHistory) query: GetWorkplace, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<History> {
    const { events } = await this.eventStore.readStream(workplacesStreamId(actor.organisationId));
    const drafts = recordHistory(events, {
      decider: workplaceDecider,
      recordIn: (state) => state.workplaces[query.workplaceId],
      actionOf: (event) => (event.data.workplaceId === query.workplaceId ? ACTIONS[event.type] : null),
      tracked: ['name', 'number', 'type', 'salesPointId', 'employeeId', 'status'],
    });
    if (drafts.length === 0) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
    return withActorNames(this.bus, drafts, actor, context);
  }
}
