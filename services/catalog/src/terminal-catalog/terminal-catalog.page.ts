import { VAT_RATE_CODES, encodeCatalogCursor, type TerminalCatalogPage } from '@elk/contracts';
import type { TerminalCatalogEntry } from './terminal-catalog.projection';

/**
 * A page of the feed from the entries after the terminal's cursor, in position order: at most `limit` of them (one
 * more tells that more follow), the cursor at the last one given (or where the terminal stood). An entry read twice
 * (it changed between the reads of one page) counts once, as it was last.
 */
export function terminalCatalogPage(entries: readonly TerminalCatalogEntry[], limit: number, after: string): TerminalCatalogPage {
  const taken = entries.slice(0, limit);
  const latest = new Map(taken.map((entry) => [`${entry.kind}-${entry.id}`, entry]));
  const page: TerminalCatalogPage = { units: [], categories: [], products: [], deleted: [], cursor: encodeCatalogCursor(taken.at(-1)?.position ?? after), more: entries.length > limit };
  for (const entry of latest.values()) addTo(page, entry);
  return page;
}

/** The entry as the terminal reads it: the fiscal codes as the receipt carries them. */
function addTo(page: TerminalCatalogPage, entry: TerminalCatalogEntry): void {
  if (entry.fields === null) {
    page.deleted.push({ kind: entry.kind, id: entry.id });
    return;
  }
  switch (entry.kind) {
    case 'unit': {
      const { name, shortName, ffdCode } = entry.fields;
      page.units.push({ id: entry.id, name, shortName, measureCode: ffdCode });
      return;
    }
    case 'category': {
      const { name, parentId } = entry.fields;
      page.categories.push({ id: entry.id, name, parentId });
      return;
    }
    case 'product': {
      const { name, price, unitId, categoryId, vat, paymentSubject, marked, barcodes, article, countryCode } = entry.fields;
      page.products.push({ id: entry.id, name, price, unitId, categoryId, vatCode: VAT_RATE_CODES[vat].tag1199, paymentSubject, marked, barcodes, article, countryCode });
      return;
    }
  }
}
