import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { DomainError, type Actor, type GetUnit, type History, CatalogSubjects, GetUnitHistory } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { EVENT_STORE, MESSAGE_BUS, recordHistory, withActorNames, BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import { UNIT_NOT_FOUND_MESSAGE, unitDecider, unitsStreamId } from '../unit.decider';
import { CATALOG_QUEUE } from '../../catalog.queue';

const ACTIONS = { UnitAdded: 'created', UnitUpdated: 'updated', UnitDeleted: 'deleted' } as const;

@Controller()
export class GetUnitHistoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** «История изменений» of a unit from the organisation's units stream, oldest first; preset units were added by `system`. */
  @MessagePattern(CatalogSubjects.GetUnitHistory, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(GetUnitHistory) query: GetUnit, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<History> {
    const { events } = await this.eventStore.readStream(unitsStreamId(actor.organisationId));
    const drafts = recordHistory(events, {
      decider: unitDecider,
      recordIn: (state) => state.units[query.unitId],
      actionOf: (event) => (event.type !== 'UnitPresetLoaded' && event.data.unitId === query.unitId ? ACTIONS[event.type] : null),
      tracked: ['name', 'shortName', 'ffdCode'],
    });
    if (drafts.length === 0) throw new DomainError('NOT_FOUND', UNIT_NOT_FOUND_MESSAGE);
    return withActorNames(this.bus, drafts, actor, context);
  }
}
