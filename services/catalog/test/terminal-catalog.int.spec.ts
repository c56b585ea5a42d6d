import { startProjections } from '@elk/documents';
import { failureOf } from '@elk/testing';
import type { TerminalCatalogPage } from '@elk/contracts';
import { catalogProjections } from '../src';
import { terminalCatalogCollection } from '../src/terminal-catalog/terminal-catalog.projection';
import { catalogTestApp, type CatalogMerchant } from './catalog-test-app';

/** What a terminal holds after applying pages: each entry by kind and id. */
type Held = Map<string, unknown>;

function apply(held: Held, page: TerminalCatalogPage): void {
  for (const unit of page.units) held.set(`unit-${unit.id}`, unit);
  for (const category of page.categories) held.set(`category-${category.id}`, category);
  for (const product of page.products) held.set(`product-${product.id}`, product);
  for (const { kind, id } of page.deleted) held.delete(`${kind}-${id}`);
}

/** Pages from `cursor` until no more follow, into `held`; the last cursor and the pages read. */
async function sync(who: CatalogMerchant, held: Held, cursor?: string, limit?: number): Promise<{ cursor: string; pages: TerminalCatalogPage[] }> {
  const pages: TerminalCatalogPage[] = [];
  for (let more = true; more; ) {
    const page = await who.terminalCatalog({ cursor, limit });
    apply(held, page);
    pages.push(page);
    ({ cursor, more } = page);
  }
  return { cursor: cursor!, pages };
}

describe.each(['embedded', 'distributed'] as const)("the terminals' catalog feed (%s)", (mode) => {
  const catalog = catalogTestApp(mode);
  const { start, stockedMerchant } = catalog;

  it('gives everything from empty in pages, then only what changed since the cursor, deletions as tombstones', async () => {
    const { manager, portion, drinks, coffee, beans, card } = await stockedMerchant();
    const latte = await manager.addProduct(card({ name: 'Латте', price: 25_000, categoryId: coffee.id, vat: 'vat22/122', paymentSubject: 33, marked: true, barcodes: ['4600000000008'] }));
    const cake = await manager.addProduct(card({ name: 'Пирожное' }));

    const held: Held = new Map();
    const first = await sync(manager, held, undefined, 2);
    expect(first.pages.map((page) => page.more)).toEqual([true, true, false]);
    expect(first.pages.at(-1)).toMatchObject({ products: [{ id: latte.id }, { id: cake.id }], more: false });
    expect(held.get(`unit-${portion.id}`)).toEqual({ id: portion.id, name: 'порция', shortName: 'порц', measureCode: 255 });
    expect(held.get(`category-${beans.id}`)).toEqual({ id: beans.id, name: 'Зерновой', parentId: coffee.id });
    expect(held.get(`product-${latte.id}`)).toEqual({
      id: latte.id,
      name: 'Латте',
      price: 25_000,
      unitId: portion.id,
      categoryId: coffee.id,
      vatCode: 12,
      paymentSubject: 33,
      marked: true,
      barcodes: ['4600000000008'],
      article: null,
      countryCode: null,
    });
    expect(held.size).toBe(6);

    // Nothing changed: an empty last page, the cursor where it was.
    expect(await manager.terminalCatalog({ cursor: first.cursor })).toEqual({ units: [], categories: [], products: [], deleted: [], cursor: first.cursor, more: false });

    await manager.updateProduct(cake.id, { ...card({ name: 'Пирожное', price: 150 }), expectedVersion: 1 });
    await manager.deleteProduct(latte.id);
    await manager.deleteCategory(beans.id);
    const delta = await sync(manager, held, first.cursor);
    expect(delta.pages).toEqual([
      {
        units: [],
        categories: [],
        products: [expect.objectContaining({ id: cake.id, price: 150 })],
        deleted: [
          { kind: 'product', id: latte.id },
          { kind: 'category', id: beans.id },
        ],
        cursor: delta.cursor,
        more: false,
      },
    ]);
    expect([...held.keys()].sort()).toEqual([`unit-${portion.id}`, `category-${drinks.id}`, `category-${coffee.id}`, `product-${cake.id}`].sort());
  });

  it('shows one organisation none of another organisation entries, from any cursor', async () => {
    const ours = await stockedMerchant();
    const theirs = await stockedMerchant();
    await theirs.manager.addProduct(theirs.card({ name: 'Чужой товар' }));
    const held: Held = new Map();
    await sync(ours.manager, held);
    expect([...held.keys()].some((key) => key.endsWith(theirs.portion.id) || key.endsWith(theirs.drinks.id))).toBe(false);
    expect(held.size).toBe(4);
  });

  it('misses no change made while a terminal pages through, however the writers interleave with its pages', async () => {
    const { manager, card } = await stockedMerchant();
    const products = await Promise.all(Array.from({ length: 30 }, (_, index) => manager.addProduct(card({ name: `Товар ${index}`, price: index }))));
    const held: Held = new Map();
    let cursor: string | undefined;
    let more = true;
    // Writers change products the terminal got already and products still ahead of it, while it reads pages of 4.
    const writers = Promise.all(
      products.map(async (product, index) => {
        await manager.updateProduct(product.id, { ...card({ name: `Товар ${index}`, price: 1_000 + index }), expectedVersion: 1 });
        if (index % 5 === 0) await manager.deleteProduct(product.id);
      }),
    );
    let written = false;
    void writers.then(() => (written = true));
    while (!written || more) {
      const page = await manager.terminalCatalog({ cursor, limit: 4 });
      apply(held, page);
      ({ cursor, more } = page);
    }
    await writers;
    await sync(manager, held, cursor);

    const live = (await manager.products({ limit: 200 })).items;
    expect(live).toHaveLength(24);
    const heldProducts = [...held.entries()].filter(([key]) => key.startsWith('product-')).map(([, product]) => product);
    expect(heldProducts).toHaveLength(24);
    expect(heldProducts).toEqual(expect.arrayContaining(live.map((product) => expect.objectContaining({ id: product.id, price: product.price }))));
  });

  it('refuses a cursor it could not have written', async () => {
    const { manager } = await stockedMerchant();
    const refused = await failureOf(manager.terminalCatalog({ cursor: 'c1.x.1' }));
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.details).toMatchObject({ errors: [{ path: 'cursor', message: 'Неверный курсор каталога: начните синхронизацию заново без cursor' }] });
  });

  it('rebuilds the same entries at the same positions when replayed, so the cursors terminals hold stay good', async () => {
    const { manager, card } = await stockedMerchant();
    const gone = await manager.addProduct(card({ name: 'Сезонный' }));
    await manager.updateProduct(gone.id, { ...card({ name: 'Сезонный', price: 500 }), expectedVersion: 1 });
    await manager.deleteProduct(gone.id);
    await manager.addProduct(card({ name: 'Круассан' }));
    const held: Held = new Map();
    const { cursor } = await sync(manager, held);
    await catalog.stop();

    const { documentStore, eventStore } = catalog.infrastructure;
    const snapshot = async () => (await documentStore.collection(terminalCatalogCollection).find({ where: { organisationId: manager.organisationId }, sort: [{ field: 'position' }], limit: 100 })).items.map((item) => item.data);
    const before = await snapshot();
    expect(before.filter((entry) => entry.fields === null)).toEqual([expect.objectContaining({ kind: 'product', id: gone.id })]);
    const runner = await startProjections(eventStore, documentStore, catalogProjections);
    try {
      await runner.rebuild('catalog.terminal-catalog.v1');
    } finally {
      await runner.stop();
    }
    expect(await snapshot()).toEqual(before);

    await start();
    expect(await manager.terminalCatalog({ cursor })).toMatchObject({ units: [], categories: [], products: [], deleted: [], cursor, more: false });
  });
});
