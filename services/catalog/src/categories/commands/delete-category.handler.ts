import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, DeleteCategory, CatalogSubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { DocumentStore } from '@elk/documents';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE, busCommandMetadata, handleCommand, readStreamState, BusPayload, BusActor, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { CatalogProjections } from '../../catalog.projections';
import { ProductReassigner } from '../../products/commands/product-reassigner';
import { productNamesUsing } from '../../products/queries/products-in-use';
import { categoriesStreamId, categoryDecider, type CategoryCommand } from '../category.decider';
import { CATALOG_QUEUE } from '../../catalog.queue';

@Controller()
export class DeleteCategoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: CatalogProjections,
    private readonly products: ProductReassigner,
  ) {}

  /**
   * With `replaceWith`, the category's own products go to that category first; with `move-contents-up`, to its parent
   * (none: the general list). Each product is a change of its own, so its history shows the move. The delete is tried
   * first as if the category were empty: a stale version, a missing category or a bad replacement moves nothing. A
   * failure part way leaves the moved products moved, in a category that still exists.
   */
  @MessagePattern(CatalogSubjects.DeleteCategory, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(DeleteCategory) command: DeleteCategory, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<null> {
    const { organisationId } = actor;
    const { categoryId } = command;
    const streamId = categoriesStreamId(organisationId);
    const decision = (productsInCategory: string[]): CategoryCommand => ({
      type: 'DeleteCategory',
      organisationId,
      categoryId,
      expectedVersion: command.expectedVersion,
      mode: command.mode,
      productsInCategory,
      replaceWith: command.replaceWith,
      at: this.clock.now().toISOString(),
    });
    if (command.replaceWith !== undefined || command.mode === 'move-contents-up') {
      const categories = await readStreamState(this.eventStore, streamId, categoryDecider);
      categoryDecider.decide(decision([]), categories.state);
      const target = command.replaceWith ?? categories.state.categories[categoryId]!.parentId;
      await this.products.reassign({ categoryId }, { type: 'move-to-category', categoryId: target }, actor, context);
    }
    // Products in its subcategories stay where they are: those subcategories are refused or moved up with it.
    const productsInCategory = await productNamesUsing(this.documents, organisationId, { categoryId });
    const result = await handleCommand(this.eventStore, streamId, categoryDecider, decision(productsInCategory), busCommandMetadata(context, organisationId, actor.accountId));
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    return null;
  }
}
