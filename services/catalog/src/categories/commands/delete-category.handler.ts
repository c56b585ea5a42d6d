import { Inject, Injectable } from '@nestjs/common';
import type { Actor, DeleteCategory } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { CatalogProjections } from '../../catalog.projections';
import { categoriesStreamId, categoryDecider } from '../category.decider';

@Injectable()
export class DeleteCategoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: CatalogProjections,
  ) {}

  async execute(command: DeleteCategory, actor: Actor, context: BusHandlerContext): Promise<null> {
    const { organisationId } = actor;
    const streamId = categoriesStreamId(organisationId);
    // No products yet: with them, the names of the products in this category come from the products' read model
    // (`catalog.products`, where `categoryId` is this one), and the decider refuses the delete while there are any.
    const productsInCategory: string[] = [];
    const result = await handleCommand(
      this.eventStore,
      streamId,
      categoryDecider,
      {
        type: 'DeleteCategory',
        organisationId,
        categoryId: command.categoryId,
        expectedVersion: command.expectedVersion,
        mode: command.mode,
        productsInCategory,
        at: this.clock.now().toISOString(),
      },
      busCommandMetadata(context, organisationId, actor.accountId),
    );
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    return null;
  }
}
