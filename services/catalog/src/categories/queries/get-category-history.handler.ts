import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { DomainError, type Actor, type GetCategory, type History, CatalogSubjects, GetCategoryHistory } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { EVENT_STORE, MESSAGE_BUS, recordHistory, withActorNames, BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import { CATEGORY_NOT_FOUND_MESSAGE, categoriesStreamId, categoryDecider } from '../category.decider';
import { CATALOG_QUEUE } from '../../catalog.queue';

const ACTIONS = { CategoryAdded: 'created', CategoryUpdated: 'updated', CategoryDeleted: 'deleted' } as const;

@Controller()
export class GetCategoryHistoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** «История изменений» of a category from the organisation's category tree stream, oldest first (moves included). */
  @MessagePattern(CatalogSubjects.GetCategoryHistory, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(GetCategoryHistory) query: GetCategory, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<History> {
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
