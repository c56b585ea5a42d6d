import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor, type GetCategory, type History } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { EVENT_STORE, MESSAGE_BUS, recordHistory, withActorNames, type BusHandlerContext } from '@elk/service-kit';
import { CATEGORY_NOT_FOUND_MESSAGE, categoriesStreamId, categoryDecider } from '../category.decider';

const ACTIONS = { CategoryAdded: 'created', CategoryUpdated: 'updated', CategoryDeleted: 'deleted' } as const;

@Injectable()
export class GetCategoryHistoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** «История изменений» of a category from the organisation's category tree stream, oldest first (moves included). */
  async execute(query: GetCategory, actor: Actor, context: BusHandlerContext): Promise<History> {
    const { events } = await this.eventStore.readStream(categoriesStreamId(actor.organisationId));
    const drafts = recordHistory(events, {
      decider: categoryDecider,
      recordIn: (state) => state.categories[query.categoryId],
      actionOf: (event) => (event.data.categoryId === query.categoryId ? ACTIONS[event.type] : null),
      tracked: ['name', 'description', 'parentId'],
    });
    if (drafts.length === 0) throw new DomainError('NOT_FOUND', CATEGORY_NOT_FOUND_MESSAGE);
    return withActorNames(this.bus, drafts, actor, context);
  }
}
