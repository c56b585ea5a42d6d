import { VAT_RATE_CODES, encodeCatalogCursor, type TerminalCatalogPage, type TerminalCategory, type TerminalProduct, type TerminalUnit } from '@elk/contracts';
import type { TerminalCatalogEntry } from './terminal-catalog.projection';

/**
 * A page also ends before its entries pass this many bytes of JSON, whatever the limit: it crosses the bus as one reply
 * (NATS refuses messages over its max_payload, 1 MB by default), and 5,000 products with long names, many barcodes and
 * articles would not fit. The terminal asks on while `more`.
 */
export const TERMINAL_CATALOG_PAGE_BYTES = 768 * 1024;

type PageItem = { list: 'units'; item: TerminalUnit } | { list: 'categories'; item: TerminalCategory } | { list: 'products'; item: TerminalProduct } | { list: 'deleted'; item: TerminalCatalogPage['deleted'][number] };

/**
 * A page of the feed from the entries after the terminal's cursor, in position order: at most `limit` of them and
 * `maxBytes` of JSON (one entry more than given tells that more follow), the cursor at the last one given (or where the
 * terminal stood). An entry read twice (it changed between the reads of one page) counts once, as it was last.
 */
export function terminalCatalogPage(entries: readonly TerminalCatalogEntry[], limit: number, after: string, maxBytes = TERMINAL_CATALOG_PAGE_BYTES): TerminalCatalogPage {
  const latest = new Map<string, PageItem>();
  let taken = 0;
  let bytes = 0;
  let cursor = after;
  for (const entry of entries) {
    if (taken === limit) break;
    const item = pageItemOf(entry);
    const size = Buffer.byteLength(JSON.stringify(item.item));
    if (taken > 0 && bytes + size > maxBytes) break;
    latest.set(`${entry.kind}-${entry.id}`, item);
    taken++;
    bytes += size;
    cursor = entry.position;
  }
  const page: TerminalCatalogPage = { units: [], categories: [], products: [], deleted: [], cursor: encodeCatalogCursor(cursor), more: taken < entries.length };
  for (const { list, item } of latest.values()) (page[list] as Array<typeof item>).push(item);
  return page;
}

/** The entry as the terminal reads it: the fiscal codes as the receipt carries them. */
function pageItemOf(entry: TerminalCatalogEntry): PageItem {
  if (entry.fields === null) return { list: 'deleted', item: { kind: entry.kind, id: entry.id } };
  switch (entry.kind) {
    case 'unit': {
      const { name, shortName, ffdCode } = entry.fields;
      return { list: 'units', item: { id: entry.id, name, shortName, measureCode: ffdCode } };
    }
    case 'category': {
      const { name, parentId } = entry.fields;
      return { list: 'categories', item: { id: entry.id, name, parentId } };
    }
    case 'product': {
      const { name, price, unitId, categoryId, vat, paymentSubject, marked, barcodes, article, countryCode } = entry.fields;
      return { list: 'products', item: { id: entry.id, name, price, unitId, categoryId, vatCode: VAT_RATE_CODES[vat].tag1199, paymentSubject, marked, barcodes, article, countryCode } };
    }
  }
}
