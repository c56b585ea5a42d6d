import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, DeleteCategory, CatalogSubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { DocumentStore } from '@elk/documents';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE, busCommandMetadata, handleCommand, organisationListPage, readStreamState, BusPayload, BusActor, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { CatalogProjections } from '../../catalog.projections';
import { ProductWriter } from '../../products/commands/product-writer';
import { productDecider, productFieldsOf, productStreamId } from '../../products/product.decider';
import { productsCollection } from '../../products/queries/product-list.projection';
import { productNamesUsing } from '../../products/queries/products-in-use';
import { categoriesStreamId, categoryDecider, type CategoryCommand } from '../category.decider';
import { CATALOG_QUEUE } from '../../catalog.queue';

/** Products moved up per round: each round waits for the product list before it looks for more. */
const MOVE_BATCH = 100;

@Controller()
export class DeleteCategoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: CatalogProjections,
    private readonly writer: ProductWriter,
  ) {}

  @MessagePattern(CatalogSubjects.DeleteCategory, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(DeleteCategory) command: DeleteCategory, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<null> {
    const { organisationId } = actor;
    const streamId = categoriesStreamId(organisationId);
    const metadata = busCommandMetadata(context, organisationId, actor.accountId);
    const decision = (productsInCategory: string[]): CategoryCommand => ({
      type: 'DeleteCategory',
      organisationId,
      categoryId: command.categoryId,
      expectedVersion: command.expectedVersion,
      mode: command.mode,
      productsInCategory,
      at: this.clock.now().toISOString(),
    });
    if (command.mode === 'move-contents-up') await this.moveProductsUp(decision, actor, context);
    // Products in its subcategories stay where they are: those subcategories are refused or moved up with it.
    const productsInCategory = await productNamesUsing(this.documents, organisationId, { categoryId: command.categoryId });
    const result = await handleCommand(this.eventStore, streamId, categoryDecider, decision(productsInCategory), metadata);
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    return null;
  }

  /**
   * Gives the category's products its parent (none: the general list), one product change each, so every product's
   * history shows the move. The delete is tried first as if the category were empty: a stale version or a missing
   * category moves nothing. A failure part way leaves the moved products moved, in a category that still exists.
   */
  private async moveProductsUp(decision: (productsInCategory: string[]) => CategoryCommand, actor: Actor, context: BusHandlerContext): Promise<void> {
    const { organisationId } = actor;
    const { categoryId } = decision([]);
    const categories = await readStreamState(this.eventStore, categoriesStreamId(organisationId), categoryDecider);
    categoryDecider.decide(decision([]), categories.state);
    const parentId = categories.state.categories[categoryId]!.parentId;

    for (;;) {
      const page = await organisationListPage<{ id: string }>(this.documents, productsCollection, organisationId, { limit: MOVE_BATCH }, { where: { categoryId } });
      if (page.items.length === 0) return;
      const moved = await Promise.all(
        page.items.map(async ({ id: productId }) => {
          const streamId = productStreamId(organisationId, productId);
          const current = await readStreamState(this.eventStore, streamId, productDecider);
          const { product } = current.state;
          // Deleted or moved already, and the list has not caught up: waiting for the stream is enough.
          if (!product || product.deleted || product.categoryId !== categoryId) return { streamId, version: current.version };
          const fields = { ...productFieldsOf(product), categoryId: parentId };
          const saved = await this.writer.save({ productId, fields, expectedVersion: current.version, waitForList: false, known: current }, actor, context);
          return { streamId, version: saved.version };
        }),
      );
      await Promise.all(moved.map(({ streamId, version }) => this.projections.waitForStream(streamId, version)));
    }
  }
}
