import { DomainError, ProductImportEvents, type BulkResult, type ProductFields } from '@elk/contracts';
import type { Decider, EventOf } from '@elk/service-kit';
import type { ProductRecord } from '../product.decider';

export type ProductImportEvent = EventOf<typeof ProductImportEvents>;

/** A product an import wrote: its version before the import's first write (0: created by it) and after its last. */
export interface WrittenProduct {
  productId: string;
  versionBefore: number;
  versionAfter: number;
}

export type ProductImportCommand =
  | { type: 'RecordImportBatch'; organisationId: string; importId: string; products: WrittenProduct[]; at: string }
  /** `result`: what undoing did to each product, worked out by the handler with `undoStep`. */
  | { type: 'RecordImportUndone'; organisationId: string; importId: string; result: BulkResult; at: string };

export interface ProductImportState {
  /** By product id, in the order the import first wrote them. */
  products: Readonly<Record<string, WrittenProduct>>;
  /** What «Отменить импорт» did, once it was done. */
  undone: BulkResult | null;
}

export function productImportStreamId(organisationId: string, importId: string): string {
  return `catalog-product-import-${organisationId}-${importId}`;
}

export const IMPORT_NOT_FOUND_MESSAGE = 'Загрузка не найдена или ничего не изменила';
const ALREADY_UNDONE_MESSAGE = 'Загрузку уже отменили';
export const CHANGED_SINCE_MESSAGE = 'Товар изменили после загрузки: верните прежние значения вручную';
export const DELETED_SINCE_MESSAGE = 'Товар удалили после загрузки';

function decide(command: ProductImportCommand, state: ProductImportState): ProductImportEvent[] {
  const { organisationId, importId } = command;
  switch (command.type) {
    case 'RecordImportBatch':
      if (state.undone) throw new DomainError('RULE_VIOLATED', ALREADY_UNDONE_MESSAGE);
      if (command.products.length === 0) return [];
      return [{ type: 'ProductImportBatchApplied', data: { organisationId, importId, products: command.products, appliedAt: command.at } }];
    case 'RecordImportUndone':
      // A retried undo: the first one's result stands.
      if (state.undone) return [];
      if (Object.keys(state.products).length === 0) throw new DomainError('NOT_FOUND', IMPORT_NOT_FOUND_MESSAGE);
      return [{ type: 'ProductImportUndone', data: { organisationId, importId, result: command.result, undoneAt: command.at } }];
  }
}

function evolve(state: ProductImportState, event: ProductImportEvent): ProductImportState {
  switch (event.type) {
    case 'ProductImportBatchApplied': {
      const products = { ...state.products };
      for (const written of event.data.products) {
        const earlier = products[written.productId];
        products[written.productId] = { ...written, versionBefore: earlier ? earlier.versionBefore : written.versionBefore };
      }
      return { ...state, products };
    }
    case 'ProductImportUndone':
      return { ...state, undone: event.data.result };
  }
}

/** What undoing the import does to one product it wrote. */
export type UndoStep = { kind: 'delete' } | { kind: 'restore'; fields: ProductFields } | { kind: 'refuse'; reason: string };

/**
 * One product's undo: a product the import created is deleted, one it changed gets `before` (its fields before the
 * import) back — while the product is as the import left it (`version` is its stream's version now); otherwise refused.
 */
export function undoStep(written: WrittenProduct, product: ProductRecord | null, version: number, before: ProductFields | null): UndoStep {
  if (!product || product.deleted) return { kind: 'refuse', reason: DELETED_SINCE_MESSAGE };
  if (version !== written.versionAfter) return { kind: 'refuse', reason: CHANGED_SINCE_MESSAGE };
  return before === null ? { kind: 'delete' } : { kind: 'restore', fields: before };
}

export const productImportDecider: Decider<ProductImportCommand, ProductImportEvent, ProductImportState> = {
  decide,
  evolve,
  initialState: { products: {}, undone: null },
  events: ProductImportEvents,
};
