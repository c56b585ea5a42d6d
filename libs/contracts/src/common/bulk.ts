import { z } from 'zod';

/**
 * What one command over many records did: the records it changed, and those it refused, each with a Russian reason.
 * A refusal of one record never stops the others.
 */
export const BulkRefusal = z.object({
  id: z.uuid(),
  /** null when the record is not found (or is another organisation's). */
  name: z.string().nullable(),
  reason: z.string(),
});
export type BulkRefusal = z.infer<typeof BulkRefusal>;

export const BulkResult = z.object({
  applied: z.array(z.object({ id: z.uuid(), name: z.string() })),
  refused: z.array(BulkRefusal),
});
export type BulkResult = z.infer<typeof BulkResult>;

/** The most records one bulk command takes: more is a 400. */
export const MAX_BULK_IDS = 1000;

/** The ids a bulk command names: 1 to MAX_BULK_IDS uuids; repeats count once. */
export const bulkIds = (what: string) =>
  z
    .array(z.uuid({ error: 'Идентификатор — uuid' }))
    .min(1, { error: `Выберите хотя бы ${what}` })
    .max(MAX_BULK_IDS, { error: `За один раз — не больше ${MAX_BULK_IDS}` })
    .transform((ids) => [...new Set(ids)]);
