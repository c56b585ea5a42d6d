import { z } from 'zod';

/**
 * `GET /pos/v1/catalog?cursor=&limit=`: a terminal's delta sync of its organisation's units, categories and products.
 * The catalog keeps one feed entry per unit, category and product (a deleted one as a tombstone), each at the position
 * of its last change in the event log; a page is the entries after the cursor in that order, and its cursor the
 * position of its last entry (docs/decisions/0014-terminal-catalog-feed.md).
 */

export const TERMINAL_CATALOG_DEFAULT_LIMIT = 1000;
export const TERMINAL_CATALOG_MAX_LIMIT = 5000;

/** A position in the event log, as the feed orders entries: (transaction id, global position). */
export interface CatalogFeedPosition {
  transactionId: bigint;
  globalPosition: bigint;
}

const KEY_DIGITS = 20;

/** The position as text that sorts as the log does (both numbers zero-padded to 20 digits, the width of numeric(20)). */
export function catalogFeedKey({ transactionId, globalPosition }: CatalogFeedPosition): string {
  return `${transactionId.toString().padStart(KEY_DIGITS, '0')}.${globalPosition.toString().padStart(KEY_DIGITS, '0')}`;
}

/** Before every entry: where a terminal with an empty catalog starts. */
export const CATALOG_FEED_START = catalogFeedKey({ transactionId: 0n, globalPosition: 0n });

/** The cursor a page hands the terminal (opaque to it): the position of the last entry it has, in hexadecimal. */
export function encodeCatalogCursor(feedKey: string): string {
  const [transactionId, globalPosition] = feedKey.split('.').map((digits) => BigInt(digits).toString(16));
  return `c1.${transactionId}.${globalPosition}`;
}

const CURSOR_PATTERN = /^c1\.([0-9a-f]{1,16})\.([0-9a-f]{1,16})$/;

/** The feed key a cursor names; null for anything `encodeCatalogCursor` could not have written. */
export function decodeCatalogCursor(cursor: string): string | null {
  const match = CURSOR_PATTERN.exec(cursor);
  return match ? catalogFeedKey({ transactionId: BigInt(`0x${match[1]}`), globalPosition: BigInt(`0x${match[2]}`) }) : null;
}

const LIMIT_MESSAGE = `Размер страницы — целое число от 1 до ${TERMINAL_CATALOG_MAX_LIMIT}`;

export const TerminalCatalogQuery = z.strictObject({
  /** `cursor` of the last page the terminal applied; absent or empty: the whole catalog, from an empty one. */
  cursor: z
    .string()
    .refine((cursor) => cursor === '' || decodeCatalogCursor(cursor) !== null, { error: 'Неверный курсор каталога: начните синхронизацию заново без cursor' })
    .optional(),
  limit: z.coerce.number({ error: LIMIT_MESSAGE }).int({ error: LIMIT_MESSAGE }).min(1, { error: LIMIT_MESSAGE }).max(TERMINAL_CATALOG_MAX_LIMIT, { error: LIMIT_MESSAGE }).default(TERMINAL_CATALOG_DEFAULT_LIMIT),
});
export type TerminalCatalogQuery = z.infer<typeof TerminalCatalogQuery>;

export const TerminalUnit = z.object({
  id: z.uuid(),
  name: z.string(),
  /** As printed after the quantity: «кг». */
  shortName: z.string(),
  /** Мера количества предмета расчёта: FFD 1.2 tag 2108 (a product's is its unit's). */
  measureCode: z.number().int(),
});
export type TerminalUnit = z.infer<typeof TerminalUnit>;

export const TerminalCategory = z.object({ id: z.uuid(), name: z.string(), parentId: z.uuid().nullable() });
export type TerminalCategory = z.infer<typeof TerminalCategory>;

/** A product with the fiscal codes its receipt line needs. */
export const TerminalProduct = z.object({
  id: z.uuid(),
  /** Наименование предмета расчёта (tag 1030). */
  name: z.string(),
  /** Цена in kopecks. */
  price: z.number().int(),
  unitId: z.uuid(),
  categoryId: z.uuid().nullable(),
  /** Ставка НДС: the value of tag 1199 (11 is 22%, 12 is 22/122). */
  vatCode: z.number().int(),
  /** Предмет расчёта: the value of tag 1212. */
  paymentSubject: z.number().int(),
  /** Маркированный товар: the terminal asks for a marking code (tag 2000) when selling it. */
  marked: z.boolean(),
  barcodes: z.array(z.string()),
  article: z.string().nullable(),
  /** Страна производства: ОКСМ code (tag 1230). */
  countryCode: z.string().nullable(),
});
export type TerminalProduct = z.infer<typeof TerminalProduct>;

export const CATALOG_ENTRY_KINDS = ['unit', 'category', 'product'] as const;
export const CatalogEntryKind = z.enum(CATALOG_ENTRY_KINDS);
export type CatalogEntryKind = z.infer<typeof CatalogEntryKind>;

/** Something the terminal may hold that was deleted: drop it (an id it does not hold is nothing to do). */
export const CatalogTombstone = z.object({ kind: CatalogEntryKind, id: z.uuid() });
export type CatalogTombstone = z.infer<typeof CatalogTombstone>;

/** A page of changes: each unit, category or product at most once, as it is now; apply them in any order. */
export const TerminalCatalogPage = z.object({
  units: z.array(TerminalUnit),
  categories: z.array(TerminalCategory),
  products: z.array(TerminalProduct),
  deleted: z.array(CatalogTombstone),
  /** Pass it back as `cursor`: the changes after this page. */
  cursor: z.string(),
  /** More changes follow: ask again with `cursor` at once. */
  more: z.boolean(),
});
export type TerminalCatalogPage = z.infer<typeof TerminalCatalogPage>;
