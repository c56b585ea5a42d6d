import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { DomainError, HEADER_CORRELATION_ID, CatalogSubjects, UndoProductImport, type Actor, type BulkRefusal, type BulkResult } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import {
  CLOCK,
  EVENT_STORE,
  LOGGER,
  busCommandMetadata,
  handleCommand,
  parseEvent,
  readStreamState,
  BusPayload,
  BusActor,
  type BusHandlerContext,
  type Clock,
  type Logger,
} from '@elk/service-kit';
import { CatalogProjections } from '../../catalog.projections';
import { CATALOG_QUEUE } from '../../catalog.queue';
import { inParallel } from '../../in-parallel';
import { ProductWriter } from '../commands/product-writer';
import { PRODUCT_NOT_CHANGED } from '../commands/change-products-in-bulk.handler';
import { productDecider, productFieldsOf, productStreamId, type ProductEvent, type ProductState } from '../product.decider';
import { CHANGED_SINCE_MESSAGE, IMPORT_NOT_FOUND_MESSAGE, productImportDecider, productImportStreamId, undoStep, type WrittenProduct } from './product-import.decider';

const CONCURRENT_PRODUCTS = 16;

type Outcome = { applied: { id: string; name: string } } | { refused: BulkRefusal };

/**
 * «Отменить импорт»: each product the import created is deleted, each it changed gets its values before the import
 * back (through the card's writer, so barcodes and articles are claimed again), while nothing else changed it since;
 * the others are listed with the reason. Every change is marked in the product's history as the undoing of an import.
 * The result is recorded with the import: a retried undo answers it again and changes nothing.
 */
@Controller()
export class UndoProductImportHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly writer: ProductWriter,
    private readonly projections: CatalogProjections,
  ) {}

  @MessagePattern(CatalogSubjects.UndoProductImport, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(UndoProductImport) command: UndoProductImport, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<BulkResult> {
    const { organisationId } = actor;
    const { importId } = command;
    const importStream = productImportStreamId(organisationId, importId);
    const { state } = await readStreamState(this.eventStore, importStream, productImportDecider);
    if (state.undone) return state.undone;
    const written = Object.values(state.products);
    if (written.length === 0) throw new DomainError('NOT_FOUND', IMPORT_NOT_FOUND_MESSAGE);

    const outcomes: Outcome[] = [];
    const changed: Array<{ streamId: string; version: number }> = [];
    await inParallel(
      written.map((product, index) => ({ product, index })),
      CONCURRENT_PRODUCTS,
      async ({ product, index }) => {
        outcomes[index] = await this.undoOne(product, actor, context, changed);
      },
    );
    const result: BulkResult = {
      applied: outcomes.flatMap((outcome) => ('applied' in outcome ? [outcome.applied] : [])),
      refused: outcomes.flatMap((outcome) => ('refused' in outcome ? [outcome.refused] : [])),
    };
    const recorded = await handleCommand(
      this.eventStore,
      importStream,
      productImportDecider,
      { type: 'RecordImportUndone', organisationId, importId, result, at: this.clock.now().toISOString() },
      busCommandMetadata(context, organisationId, actor.accountId),
    );
    await Promise.all(changed.map(({ streamId, version }) => this.projections.waitForStream(streamId, version)));
    return recorded.newState.undone!;
  }

  private async undoOne(written: WrittenProduct, actor: Actor, context: BusHandlerContext, changed: Array<{ streamId: string; version: number }>): Promise<Outcome> {
    const { organisationId } = actor;
    const { productId } = written;
    const streamId = productStreamId(organisationId, productId);
    const { events, version } = await this.eventStore.readStream(streamId);
    const fold = (count: number): ProductState =>
      events.slice(0, count).reduce((state, recorded) => productDecider.evolve(state, parseEvent(productDecider.events, recorded) as ProductEvent), productDecider.initialState);
    const now = fold(events.length).product;
    const beforeImport = written.versionBefore === 0 ? null : fold(written.versionBefore).product;
    const before = beforeImport ? productFieldsOf(beforeImport) : null;
    const name = now?.name ?? before?.name ?? '';
    const step = undoStep(written, now, version, before);
    if (step.kind === 'refuse') return { refused: { id: productId, name, reason: step.reason } };

    const metadata = { ...busCommandMetadata(context, organisationId, actor.accountId), origin: 'import-undo' as const };
    try {
      if (step.kind === 'delete') {
        const at = this.clock.now().toISOString();
        const deleted = await handleCommand(this.eventStore, streamId, productDecider, { type: 'DeleteProduct', organisationId, productId, expectedVersion: written.versionAfter, at }, metadata);
        changed.push({ streamId, version: deleted.nextExpectedVersion });
      } else {
        const restored = await this.writer.save({ productId, fields: step.fields, expectedVersion: written.versionAfter, waitForList: false, origin: 'import-undo' }, actor, context);
        changed.push({ streamId, version: restored.version });
      }
      return { applied: { id: productId, name: step.kind === 'restore' ? step.fields.name : name } };
    } catch (error) {
      if (error instanceof DomainError) return { refused: { id: productId, name, reason: error.code === 'VERSION_CONFLICT' ? CHANGED_SINCE_MESSAGE : error.message } };
      this.logger.error({ err: error, productId, organisationId, correlationId: context.headers[HEADER_CORRELATION_ID] }, 'import undo failed for a product');
      return { refused: { id: productId, name, reason: PRODUCT_NOT_CHANGED } };
    }
  }
}
