import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor, type GetSalesPoint, type History } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { EVENT_STORE, MESSAGE_BUS, parseEvent, type BusHandlerContext } from '@elk/service-kit';
import { changesBetween, withActorNames, type HistoryDraft } from '../../shared/history';
import { NOT_FOUND_MESSAGE, salesPointDecider, salesPointStreamId, type SalesPointEvent } from '../sales-point.decider';

const TRACKED = ['name', 'legalEntityId', 'address', 'brand', 'paymentMethods'] as const;

@Injectable()
export class GetSalesPointHistoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** «История изменений» from the sales point's stream (in the actor's organisation only), oldest first. */
  async execute(query: GetSalesPoint, actor: Actor, context: BusHandlerContext): Promise<History> {
    const { events } = await this.eventStore.readStream(salesPointStreamId(actor.organisationId, query.salesPointId));
    const entries: HistoryDraft[] = [];
    let state = salesPointDecider.initialState;
    for (const recorded of events) {
      const event = parseEvent(salesPointDecider.events, recorded) as SalesPointEvent;
      const before = state.point ?? undefined;
      state = salesPointDecider.evolve(state, event);
      const after = state.point!;
      const at = recorded.recordedAt.toISOString();
      const accountId = recorded.metadata.actor;
      if (event.type === 'SalesPointAdded') entries.push({ at, accountId, action: 'created', changes: changesBetween(undefined, after, TRACKED) });
      else if (event.type === 'SalesPointDeleted') entries.push({ at, accountId, action: 'deleted', changes: [] });
      else entries.push({ at, accountId, action: 'updated', changes: changesBetween(before, after, TRACKED) });
    }
    if (entries.length === 0) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
    return withActorNames(this.bus, entries, actor, context);
  }
}
