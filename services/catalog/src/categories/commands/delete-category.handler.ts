import { Inject, Injectable } from '@nestjs/common';
import type { Actor, DeleteCategory } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { DocumentStore } from '@elk/documents';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE, busCommandMetadata, handleCommand, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { CatalogProjections } from '../../catalog.projections';
import { productNamesUsing } from '../../products/queries/products-in-use';
import { categoriesStreamId, categoryDecider } from '../category.decider';

@Injectable()
export class DeleteCategoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: CatalogProjections,
  ) {}

  async execute(command: DeleteCategory, actor: Actor, context: BusHandlerContext): Promise<null> {
    const { organisationId } = actor;
    const streamId = categoriesStreamId(organisationId);
    // Products in its subcategories stay where they are: those subcategories are refused or moved up with it.
    const productsInCategory = await productNamesUsing(this.documents, organisationId, { categoryId: command.categoryId });
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
