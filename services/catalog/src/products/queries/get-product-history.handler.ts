import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { DomainError, type Actor, type GetProduct, type History, CatalogSubjects, GetProductHistory } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { EVENT_STORE, MESSAGE_BUS, recordHistory, withActorNames, BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import { PRODUCT_NOT_FOUND_MESSAGE, productDecider, productStreamId } from '../product.decider';
import { CATALOG_QUEUE } from '../../catalog.queue';

const ACTIONS = { ProductAdded: 'created', ProductUpdated: 'updated', ProductDeleted: 'deleted' } as const;

@Controller()
export class GetProductHistoryHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** «История изменений» of a product from its stream, oldest first; the price first among the changes of an edit. */
  @MessagePattern(CatalogSubjects.GetProductHistory, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(GetProductHistory) query: GetProduct, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<History> {
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
