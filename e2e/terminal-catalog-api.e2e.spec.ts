/**
 * The terminal's catalog sync (GET /pos/v1/catalog) over HTTP, in both run modes, through pos-sim's PosTerminal: the
 * whole catalog from empty in pages, then exactly what the cabinet changed (upserts and tombstones), 304 while nothing
 * changed, the same in protobuf, bad queries refused in Russian, and another organisation's catalog never shown.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PosTerminal, type CatalogSync } from '../scripts/pos-sim/pos-terminal';
import { useRunningSystem, type Unit } from './api.harness';
import { activatedTerminal } from './pos-terminal.harness';
import type { RunMode } from './system.harness';

jest.setTimeout(120_000);

const PRODUCTS = '/api/v1/catalog/products';
const CATEGORIES = '/api/v1/catalog/categories';

describe.each<RunMode>(['embedded', 'distributed'])('terminal catalog sync (%s mode)', (mode) => {
  const system = useRunningSystem(mode);
  const { api } = system;

  /** A merchant with the FFD units, two categories and three products, and a terminal activated in JSON. */
  async function stockedMerchant() {
    const owner = await api.signUp();
    const token = owner.accessToken;
    const units: Unit[] = await api.presetUnits(token);
    const kilogram = units.find((unit) => unit.ffdCode === 11)!;
    const piece = units.find((unit) => unit.ffdCode === 0)!;
    const drinks = await api.add(token, CATEGORIES, { name: 'Напитки' });
    const tea = await api.add(token, CATEGORIES, { name: 'Чай', parentId: drinks.id });
    const coffee = await api.add(token, PRODUCTS, {
      name: 'Кофе зерновой',
      price: 125_050,
      unitId: kilogram.id,
      vat: 'vat22/122',
      categoryId: drinks.id,
      paymentSubject: 33,
      countryCode: '643',
      barcodes: ['4600000000008'],
      article: 'КФ-1',
      marked: true,
    });
    const cup = await api.add(token, PRODUCTS, { name: 'Стакан', price: 1_000, unitId: piece.id, vat: 'vat22' });
    const delivery = await api.add(token, PRODUCTS, { name: 'Доставка', price: 30_000, unitId: piece.id, vat: 'none', paymentSubject: 4 });
    const terminal = await activatedTerminal(api, system.url, token);
    return { owner, token, units, kilogram, drinks, tea, coffee, cup, delivery, terminal };
  }

  const nothing: CatalogSync = { pages: 0, units: 0, categories: 0, products: 0, deleted: 0, notModified: true };

  it('syncs the whole catalog from empty in pages, then exactly what changed, and 304 while nothing did', async () => {
    const { token, units, kilogram, drinks, tea, coffee, cup, delivery, terminal } = await stockedMerchant();

    // 24 units, 2 categories and 3 products in pages of 10.
    expect(await terminal.syncCatalog(null, 10)).toEqual({ pages: 3, units: 24, categories: 2, products: 3, deleted: 0, notModified: false });
    expect([...terminal.catalog.units.keys()].sort()).toEqual(units.map((unit) => unit.id).sort());
    expect(terminal.catalog.units.get(kilogram.id)).toEqual({ id: kilogram.id, name: 'килограмм', shortName: 'кг', measureCode: 11 });
    expect(terminal.catalog.categories.get(tea.id)).toEqual({ id: tea.id, name: 'Чай', parentId: drinks.id });
    expect(terminal.catalog.products.get(coffee.id)).toEqual({
      id: coffee.id,
      name: 'Кофе зерновой',
      price: 125_050,
      unitId: kilogram.id,
      categoryId: drinks.id,
      vatCode: 12,
      paymentSubject: 33,
      marked: true,
      barcodes: ['4600000000008'],
      article: 'КФ-1',
      countryCode: '643',
    });
    expect(terminal.catalog.products.get(cup.id)).toMatchObject({ vatCode: 11, paymentSubject: 1, marked: false, categoryId: null, article: null, countryCode: null });
    expect(terminal.catalog.products.get(delivery.id)).toMatchObject({ vatCode: 6, paymentSubject: 4 });

    expect(await terminal.syncCatalog()).toEqual(nothing);

    // The cabinet changes a price, deletes a product and a category: the next sync brings just that.
    const repriced = await api.call('PUT', `${PRODUCTS}/${cup.id}`, token, { name: 'Стакан', price: 1_500, unitId: cup.unitId, vat: 'vat22', expectedVersion: 1 });
    expect(repriced.status).toBe(200);
    expect((await api.call('DELETE', `${PRODUCTS}/${delivery.id}`, token)).status).toBe(204);
    expect((await api.call('DELETE', `${CATEGORIES}/${tea.id}`, token)).status).toBe(204);
    expect(await terminal.syncCatalog()).toEqual({ pages: 1, units: 0, categories: 0, products: 1, deleted: 2, notModified: false });
    expect(terminal.catalog.products.get(cup.id)?.price).toBe(1_500);
    expect([...terminal.catalog.products.keys()].sort()).toEqual([coffee.id, cup.id].sort());
    expect([...terminal.catalog.categories.keys()]).toEqual([drinks.id]);
    expect(await terminal.syncCatalog()).toEqual(nothing);

    // A terminal starting over gets everything as it is now (tombstones too: it may drop what it does not hold).
    const fresh = new PosTerminal(system.url);
    fresh.useCredential(terminal.credential!);
    expect(await fresh.syncCatalog()).toMatchObject({ units: 24, categories: 1, products: 2, deleted: 2 });
    expect(fresh.catalog).toEqual(terminal.catalog);
  });

  it('answers the same pages in protobuf as in JSON, with its own ETag and 304', async () => {
    const { terminal } = await stockedMerchant();
    const protobuf = new PosTerminal(system.url, { format: 'protobuf' });
    protobuf.useCredential(terminal.credential!);

    let cursor: string | undefined;
    for (let more = true; more; ) {
      const json = (await terminal.catalogPage({ cursor, limit: 7 }))!;
      const binary = (await protobuf.catalogPage({ cursor, limit: 7 }))!;
      expect(binary.page).toEqual(json.page);
      expect(binary.etag).toBe(`${json.etag.slice(0, -1)}-pb"`);
      ({ cursor, more } = json.page);
    }
    expect(await protobuf.syncCatalog()).toMatchObject({ products: 3, notModified: false });
    expect(await protobuf.syncCatalog()).toEqual(nothing);
    await terminal.syncCatalog();
    expect(protobuf.catalog).toEqual(terminal.catalog);
    // The JSON tag is not the protobuf answer's: a terminal switching formats gets the page again.
    const last = (await terminal.catalogPage({ cursor: protobuf.catalogCursor! }))!;
    expect(await protobuf.catalogPage({ cursor: protobuf.catalogCursor!, etag: last.etag })).not.toBeNull();
  });

  it('syncs the catalog with npm run pos-sim -- --sync, printing what the terminal holds', async () => {
    const { terminal } = await stockedMerchant();
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['-r', './scripts/run/register-typescript.cjs', 'scripts/pos-sim/pos-sim.ts', '--credential', terminal.credential!, '--url', system.url, '--sync', '--protobuf'],
      { cwd: `${__dirname}/..` },
    );
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Каталог: единиц измерения 24, категорий 2, товаров 3 \(страниц 1, удалённых 0, [\d.]+ с\)$/m);
  });

  it('refuses a forged cursor and a page size out of range in Russian, and a cabinet token or none with 401', async () => {
    const { token, terminal } = await stockedMerchant();
    const forged = await terminal.send('GET', '/pos/v1/catalog?cursor=c1.zz.1');
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { errors: unknown }).errors).toEqual([{ path: 'cursor', message: 'Неверный курсор каталога: начните синхронизацию заново без cursor' }]);
    const tooMany = await terminal.send('GET', '/pos/v1/catalog?limit=5001');
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { errors: unknown }).errors).toEqual([{ path: 'limit', message: 'Размер страницы — целое число от 1 до 5000' }]);
    expect((await terminal.send('GET', '/pos/v1/catalog?shop=1')).status).toBe(400);
    // An empty cursor is the start, as none is.
    const fromStart = await terminal.send('GET', '/pos/v1/catalog?cursor=&limit=5000');
    expect(fromStart.status).toBe(200);
    expect(((await fromStart.json()) as { products: unknown[] }).products).toHaveLength(3);
    expect((await fetch(`${system.url}/pos/v1/catalog`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await fetch(`${system.url}/pos/v1/catalog`)).status).toBe(401);
  });

  it("never shows a terminal another organisation's catalog, whatever cursor it sends", async () => {
    const theirs = await stockedMerchant();
    const owner = await api.signUp('ООО «Лютик»');
    const piece = (await api.presetUnits(owner.accessToken)).find((unit) => unit.ffdCode === 0)!;
    // Added after the units: once it is saved, the feed holds them too.
    const milk = await api.add(owner.accessToken, PRODUCTS, { name: 'Молоко', price: 9_900, unitId: piece.id, vat: 'vat10' });
    const ours = await activatedTerminal(api, system.url, owner.accessToken);
    expect(await ours.syncCatalog()).toMatchObject({ units: 24, categories: 0, products: 1 });
    expect(ours.catalog.products.get(milk.id)).toMatchObject({ name: 'Молоко', vatCode: 2 });
    for (const id of [theirs.coffee.id, theirs.drinks.id, ...theirs.units.map((unit) => unit.id)]) {
      expect([...ours.catalog.units.keys(), ...ours.catalog.categories.keys(), ...ours.catalog.products.keys()]).not.toContain(id);
    }
    // Their terminal's cursor is only a position: from it, this terminal still reads its own organisation's changes.
    await theirs.terminal.syncCatalog();
    await ours.syncCatalog(theirs.terminal.catalogCursor);
    expect([...ours.catalog.products.keys()]).toEqual([milk.id]);
    expect(ours.catalog.categories.size).toBe(0);
  });
});
