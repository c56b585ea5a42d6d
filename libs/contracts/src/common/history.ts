import { z } from 'zod';

/** «История изменений»: who changed what and when, read from the resource's event stream. */
export const FieldChange = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
export const HistoryEntry = z.object({
  at: z.string(),
  actor: z.object({ accountId: z.string(), fullName: z.string().nullable() }),
  /**
   * `pin-sent`: «Отправить новый PIN-код», `invited`: «Пригласить в кабинет» (employees); `code-sent`, `activated`,
   * `deactivated`: a workplace's activation code went by SMS, a terminal activated it, it was deactivated.
   */
  action: z.enum(['created', 'updated', 'deleted', 'pin-sent', 'invited', 'code-sent', 'activated', 'deactivated']),
  changes: z.array(FieldChange),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;
export const History = z.object({ items: z.array(HistoryEntry) });
export type History = z.infer<typeof History>;
