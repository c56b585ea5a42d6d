import { z } from 'zod';

/** «История изменений»: who changed what and when, read from the resource's event stream. */
/**
 * What made a change when it was not a card saved by hand: a bulk action on selected records, a product file, the
 * undoing of a product file's import, a unit or category replaced by another for all its products.
 */
export const CHANGE_ORIGINS = ['bulk', 'import', 'import-undo', 'replacement'] as const;
export const ChangeOrigin = z.enum(CHANGE_ORIGINS);
export type ChangeOrigin = z.infer<typeof ChangeOrigin>;

export const FieldChange = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
export const HistoryEntry = z.object({
  at: z.string(),
  actor: z.object({ accountId: z.string(), fullName: z.string().nullable() }),
  /**
   * `pin-sent`: «Отправить новый PIN-код», `invited`: «Пригласить в кабинет» (employees); `code-sent`, `activated`,
   * `deactivated`: a workplace's activation code went by SMS, a terminal activated it, it was deactivated; `reported`,
   * `moved`: a terminal reported a fiscal register or bank terminal for the first time, or from another workplace.
   */
  action: z.enum(['created', 'updated', 'deleted', 'pin-sent', 'invited', 'code-sent', 'activated', 'deactivated', 'reported', 'moved']),
  changes: z.array(FieldChange),
  origin: ChangeOrigin.optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;
export const History = z.object({ items: z.array(HistoryEntry) });
export type History = z.infer<typeof History>;
