import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor, type GetProduct, type History } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { EVENT_STORE, MESSAGE_BUS, recordHistory, withActorNames, type BusHandlerContext } from '@elk/service-kit';
import { PRODUCT_NOT_FOUND_MESSAGE, productDecider, productStreamId } from '../product.decider';

const ACTIONS = { ProductAdded: 'created', ProductUpdated: 'updated', ProductDeleted: 'deleted' } as const;

@Injectable()
export class GetProductHistoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** «История изменений» of a product from its stream, oldest first; the price first among the changes of an edit. */
  async execute(query: GetProduct, actor: Actor, context: BusHandlerContext): Promise<History> {
    const { events } = await this.eventStore.readStream(productStreamId(actor.organisationId, query.productId));
    const drafts = recordHistory(events, {
      decider: productDecider,
      recordIn: (state) => state.product ?? undefined,
      actionOf: (event) => ACTIONS[event.type],
      tracked: ['price', 'name', 'description', 'unitId', 'vat', 'categoryId', 'paymentSubject', 'countryCode', 'barcodes', 'article', 'marked'],
    });
    if (drafts.length === 0) throw new DomainError('NOT_FOUND', PRODUCT_NOT_FOUND_MESSAGE);
    return withActorNames(this.bus, drafts, actor, context);
  }
}
