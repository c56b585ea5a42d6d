import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { DomainError, HEADER_CORRELATION_ID, ChangeProductsInBulk, CatalogSubjects, type Actor, type BulkRefusal, type BulkResult } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import type { EventStore } from '@elk/eventstore';
import {
  CLOCK,
  DOCUMENT_STORE,
  EVENT_STORE,
  LOGGER,
  busCommandMetadata,
  handleCommand,
  organisationDocument,
  readStreamState,
  BusPayload,
  BusActor,
  type BusHandlerContext,
  type Clock,
  type Logger,
} from '@elk/service-kit';
import { CatalogProjections } from '../../catalog.projections';
import { CATALOG_QUEUE } from '../../catalog.queue';
import { categoriesCollection } from '../../categories/queries/category-list.projection';
import { inParallel } from '../../in-parallel';
import { unitsCollection } from '../../units/queries/unit-list.projection';
import { productDecider, productStreamId, type ProductCommand } from '../product.decider';

/** Products changed at once: each is a read and an append of its own stream. */
const CONCURRENT_PRODUCTS = 16;

/** What the merchant reads for a product that failed on our side: the cause is logged, the others are reported. */
export const PRODUCT_NOT_CHANGED = 'Товар не изменён из-за сбоя на сервере: повторите действие для него';

/**
 * «Все товары» → the selected products → Удалить, Переместить в категорию, Установить НДС, Установить единицу
 * измерения or Изменить цену: each product decided on its own (ProductDeleted or ProductUpdated in its stream, marked
 * as a bulk change for its history), against the version the user saw. A product refused (not found — another
 * organisation's id is not found —, changed meanwhile, a price out of bounds) is listed with the reason; the rest are
 * changed. A unit or category that does not exist refuses the whole action.
 */
@Controller()
export class ChangeProductsInBulkHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly projections: CatalogProjections,
  ) {}

  @MessagePattern(CatalogSubjects.ChangeProductsInBulk, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(ChangeProductsInBulk) command: ChangeProductsInBulk, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<BulkResult> {
    const { organisationId } = actor;
    const { action } = command;
    await this.checkReferences(organisationId, action);
    const metadata = { ...busCommandMetadata(context, organisationId, actor.accountId), origin: 'bulk' as const };
    const at = this.clock.now().toISOString();
    const outcomes: Array<{ applied: { id: string; name: string } } | { refused: BulkRefusal }> = [];
    const written: Array<{ streamId: string; version: number }> = [];

    await inParallel(
      command.products.map((product, index) => ({ ...product, index })),
      CONCURRENT_PRODUCTS,
      async ({ id: productId, version: expectedVersion, index }) => {
        const streamId = productStreamId(organisationId, productId);
        const productCommand: ProductCommand =
          action.type === 'delete'
            ? { type: 'DeleteProduct', organisationId, productId, expectedVersion, at }
            : { type: 'ChangeProduct', organisationId, productId, change: action, expectedVersion, at };
        const nameNow = async () => {
          const { product } = (await readStreamState(this.eventStore, streamId, productDecider)).state;
          return product && !product.deleted ? product.name : null;
        };
        try {
          const result = await handleCommand(this.eventStore, streamId, productDecider, productCommand, metadata);
          written.push({ streamId, version: result.nextExpectedVersion });
          outcomes[index] = { applied: { id: productId, name: result.newState.product!.name } };
        } catch (error) {
          if (error instanceof DomainError) {
            outcomes[index] = { refused: { id: productId, name: error.code === 'NOT_FOUND' ? null : await nameNow(), reason: error.message } };
            return;
          }
          const correlationId = context.headers[HEADER_CORRELATION_ID];
          this.logger.error({ err: error, productId, organisationId, correlationId }, 'bulk product change failed');
          outcomes[index] = { refused: { id: productId, name: await nameNow().catch(() => null), reason: PRODUCT_NOT_CHANGED } };
        }
      },
    );
    await Promise.all(written.map(({ streamId, version }) => this.projections.waitForStream(streamId, version)));
    return {
      applied: outcomes.flatMap((outcome) => ('applied' in outcome ? [outcome.applied] : [])),
      refused: outcomes.flatMap((outcome) => ('refused' in outcome ? [outcome.refused] : [])),
    };
  }

  /** The unit or category the action names must be the organisation's: otherwise nothing is changed. */
  private async checkReferences(organisationId: string, action: ChangeProductsInBulk['action']): Promise<void> {
    if (action.type === 'set-unit' && (await organisationDocument(this.documents, unitsCollection, organisationId, action.unitId)) === null) {
      throw new DomainError('RULE_VIOLATED', 'Единица измерения не найдена: выберите другую', [{ path: 'action.unitId', message: 'Единица измерения не найдена: выберите другую' }]);
    }
    if (action.type === 'move-to-category' && action.categoryId !== null && (await organisationDocument(this.documents, categoriesCollection, organisationId, action.categoryId)) === null) {
      throw new DomainError('RULE_VIOLATED', 'Категория не найдена: выберите другую', [{ path: 'action.categoryId', message: 'Категория не найдена: выберите другую' }]);
    }
  }
}
