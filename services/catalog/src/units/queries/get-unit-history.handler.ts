import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor, type GetUnit, type History } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { EVENT_STORE, MESSAGE_BUS, recordHistory, withActorNames, type BusHandlerContext } from '@elk/service-kit';
import { UNIT_NOT_FOUND_MESSAGE, unitDecider, unitsStreamId } from '../unit.decider';

const ACTIONS = { UnitAdded: 'created', UnitUpdated: 'updated', UnitDeleted: 'deleted' } as const;

@Injectable()
export class GetUnitHistoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** «История изменений» of a unit from the organisation's units stream, oldest first; preset units were added by `system`. */
  async execute(query: GetUnit, actor: Actor, context: BusHandlerContext): Promise<History> {
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
