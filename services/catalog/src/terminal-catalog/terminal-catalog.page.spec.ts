import { randomUUID } from 'node:crypto';
import { CATALOG_FEED_START, catalogFeedKey, decodeCatalogCursor } from '@elk/contracts';
import { terminalCatalogPage } from './terminal-catalog.page';
import type { TerminalCatalogEntry } from './terminal-catalog.projection';

const organisationId = randomUUID();
const unitId = randomUUID();
const at = (globalPosition: number) => catalogFeedKey({ transactionId: 7n, globalPosition: BigInt(globalPosition) });

const unit = (position: number): TerminalCatalogEntry => ({ organisationId, kind: 'unit', id: unitId, position: at(position), fields: { name: 'килограмм', shortName: 'кг', ffdCode: 11 } });
const product = (position: number, id = randomUUID(), fields: Partial<Extract<TerminalCatalogEntry, { kind: 'product' }>['fields']> = {}): TerminalCatalogEntry => ({
  organisationId,
  kind: 'product',
  id,
  position: at(position),
  fields: {
    name: 'Кофе',
    description: null,
    price: 25_000,
    unitId,
    vat: 'vat22',
    categoryId: null,
    paymentSubject: 1,
    countryCode: null,
    barcodes: ['4600000000008'],
    article: null,
    marked: false,
    ...fields,
  },
});

describe("a page of the terminals' catalog", () => {
  it('gives each product its fiscal codes as a receipt carries them: tag 1199 for the VAT rate, tag 1212, the unit by id', () => {
    const page = terminalCatalogPage([unit(1), product(2, undefined, { vat: 'vat22/122', paymentSubject: 33, marked: true }), product(3, undefined, { vat: 'none' })], 10, CATALOG_FEED_START);
    expect(page.units).toEqual([{ id: unitId, name: 'килограмм', shortName: 'кг', measureCode: 11 }]);
    expect(page.products.map(({ vatCode, paymentSubject, marked, unitId: unit }) => ({ vatCode, paymentSubject, marked, unit }))).toEqual([
      { vatCode: 12, paymentSubject: 33, marked: true, unit: unitId },
      { vatCode: 6, paymentSubject: 1, marked: false, unit: unitId },
    ]);
    expect(page.products[0]).not.toHaveProperty('description');
  });

  it('takes at most the limit, says more follow when there was one more, and puts the cursor at the last entry given', () => {
    const entries = [unit(1), product(2), product(5), product(9)];
    const first = terminalCatalogPage(entries, 3, CATALOG_FEED_START);
    expect(first.more).toBe(true);
    expect(first.units).toHaveLength(1);
    expect(first.products).toHaveLength(2);
    expect(decodeCatalogCursor(first.cursor)).toBe(at(5));
    const last = terminalCatalogPage(entries.slice(3), 3, at(5));
    expect(last.more).toBe(false);
    expect(decodeCatalogCursor(last.cursor)).toBe(at(9));
  });

  it('ends a page before it passes the bytes a bus reply may carry, yet gives at least one entry', () => {
    const entries = [product(1), product(2), product(3)];
    const size = Buffer.byteLength(JSON.stringify(terminalCatalogPage(entries.slice(0, 1), 1, CATALOG_FEED_START).products[0]));
    const cut = terminalCatalogPage(entries, 1000, CATALOG_FEED_START, 2 * size + 1);
    expect(cut.products).toHaveLength(2);
    expect(cut.more).toBe(true);
    expect(decodeCatalogCursor(cut.cursor)).toBe(at(2));
    const tiny = terminalCatalogPage(entries, 1000, CATALOG_FEED_START, 1);
    expect(tiny.products).toHaveLength(1);
    expect(tiny.more).toBe(true);
  });

  it('leaves the cursor where the terminal stood when nothing changed', () => {
    expect(terminalCatalogPage([], 1000, at(4))).toEqual({ units: [], categories: [], products: [], deleted: [], cursor: expect.any(String), more: false });
    expect(decodeCatalogCursor(terminalCatalogPage([], 1000, at(4)).cursor)).toBe(at(4));
  });

  it('sends a deleted entry as a tombstone of its kind and id', () => {
    const gone = randomUUID();
    const page = terminalCatalogPage([{ organisationId, kind: 'category', id: gone, position: at(3), fields: null }], 10, CATALOG_FEED_START);
    expect(page).toMatchObject({ categories: [], deleted: [{ kind: 'category', id: gone }] });
  });

  it('gives an entry read twice in one page (it changed between two reads) once, as it was last', () => {
    const id = randomUUID();
    const page = terminalCatalogPage([product(2, id, { price: 100 }), product(8, id, { price: 200 })], 10, CATALOG_FEED_START);
    expect(page.products.map((item) => item.price)).toEqual([200]);
    const deleted = terminalCatalogPage([product(2, id), { organisationId, kind: 'product', id, position: at(8), fields: null }], 10, CATALOG_FEED_START);
    expect(deleted).toMatchObject({ products: [], deleted: [{ kind: 'product', id }] });
  });
});
