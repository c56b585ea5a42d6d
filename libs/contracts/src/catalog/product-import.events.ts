import { z } from 'zod';
import { BulkResult } from '../common/bulk';

/**
 * Events of one product import (Все товары → Импорт), in its stream `catalog-product-import-<organisationId>-<importId>`:
 * what each applied batch wrote, so that the import can be undone while nothing else changed those products.
 */

/** A product the batch wrote: its stream version before the batch's write (0: the batch created it) and after. */
const WrittenProduct = z.object({ productId: z.uuid(), versionBefore: z.int().min(0), versionAfter: z.int().min(1) });

export const ProductImportBatchApplied = z.object({ organisationId: z.uuid(), importId: z.uuid(), products: z.array(WrittenProduct).min(1), appliedAt: z.iso.datetime() });
export type ProductImportBatchApplied = z.infer<typeof ProductImportBatchApplied>;

/** «Отменить импорт» was done, with what it did (a retried undo answers it again). */
export const ProductImportUndone = z.object({ organisationId: z.uuid(), importId: z.uuid(), result: BulkResult, undoneAt: z.iso.datetime() });
export type ProductImportUndone = z.infer<typeof ProductImportUndone>;

export const ProductImportEvents = {
  ProductImportBatchApplied: { version: 1, schema: ProductImportBatchApplied },
  ProductImportUndone: { version: 1, schema: ProductImportUndone },
} as const;
