import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, AddCategory, type CategoryView, CatalogSubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, BusPayload, BusActor, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { CatalogProjections } from '../../catalog.projections';
import { categoriesStreamId, categoryDecider, categoryFieldsOf } from '../category.decider';
import { categoryView } from '../category.view';
import { CATALOG_QUEUE } from '../../catalog.queue';

@Controller()
export class AddCategoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: CatalogProjections,
  ) {}

  @MessagePattern(CatalogSubjects.AddCategory, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(AddCategory) command: AddCategory, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<CategoryView> {
    const { organisationId } = actor;
    const streamId = categoriesStreamId(organisationId);
    const result = await handleCommand(
      this.eventStore,
      streamId,
      categoryDecider,
      { type: 'AddCategory', organisationId, categoryId: command.categoryId, fields: categoryFieldsOf(command.category), at: this.clock.now().toISOString() },
      busCommandMetadata(context, organisationId, actor.accountId),
    );
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    return categoryView(result.newState.categories[command.categoryId]!);
  }
}
