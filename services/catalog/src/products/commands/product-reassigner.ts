import { Inject, Injectable } from '@nestjs/common';
import type { Actor, BulkProductChange } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE, busCommandMetadata, handleCommand, organisationListPage, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { CatalogProjections } from '../../catalog.projections';
import { productDecider, productStreamId, type ProductsUsing } from '../product.decider';
import { productsCollection } from '../queries/product-list.projection';

/** Products changed per round: each round waits for the product list before it looks for more. */
const ROUND = 100;

/**
 * Gives every product of the organisation that uses a unit or a category another one (a unit or category deleted
 * «with its products given to…»), one ProductUpdated each, so every product's history shows it as made by the
 * replacement. Round by round until the product list shows none left; a failure part way leaves the changed ones
 * changed, and repeating the command changes the rest.
 */
@Injectable()
export class ProductReassigner {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: CatalogProjections,
  ) {}

  async reassign(using: ProductsUsing, change: BulkProductChange, actor: Actor, context: BusHandlerContext): Promise<void> {
    const { organisationId } = actor;
    const metadata = { ...busCommandMetadata(context, organisationId, actor.accountId), origin: 'replacement' as const };
    for (;;) {
      const page = await organisationListPage<{ id: string }>(this.documents, productsCollection, organisationId, { limit: ROUND }, { where: using });
      if (page.items.length === 0) return;
      const changed = await Promise.all(
        page.items.map(async ({ id: productId }) => {
          const streamId = productStreamId(organisationId, productId);
          const at = this.clock.now().toISOString();
          const { nextExpectedVersion } = await handleCommand(
            this.eventStore,
            streamId,
            productDecider,
            { type: 'ChangeProduct', organisationId, productId, change, replacing: using, at },
            metadata,
          );
          return { streamId, version: nextExpectedVersion };
        }),
      );
      await Promise.all(changed.map(({ streamId, version }) => this.projections.waitForStream(streamId, version)));
    }
  }
}
