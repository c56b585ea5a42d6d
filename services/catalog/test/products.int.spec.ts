import type { AddProductRequest, ProductView } from '@elk/contracts';
import { startProjections } from '@elk/documents';
import { failureOf } from '@elk/testing';
import { catalogProjections } from '../src';
import { productsCollection } from '../src/products/queries/product-list.projection';
import { OWNER_NAME, catalogTestApp } from './catalog-test-app';

describe.each(['embedded', 'distributed'] as const)('catalog products (%s)', (mode) => {
  const catalog = catalogTestApp(mode);
  const { stockedMerchant } = catalog;

  const names = (products: { items: ProductView[] }) => products.items.map((product) => product.name);

  it('adds a product with every field and finds it by a fragment of its name, a barcode or its article', async () => {
    const { manager, portion, beans } = await stockedMerchant();
    const everyField: AddProductRequest = {
      name: 'Кофе в зёрнах Арабика 1 кг',
      description: 'Колумбия, средняя обжарка',
      price: 149_990,
      unitId: portion.id,
      vat: 'vat10',
      categoryId: beans.id,
      paymentSubject: 33,
      countryCode: '170',
      barcodes: ['4600000000008', '96385074'],
      article: 'ARB-1000',
      marked: true,
    };
    const product = await manager.addProduct(everyField);
    expect(product).toMatchObject({ ...everyField, version: 1 });
    expect(await manager.product(product.id)).toEqual(product);
    await manager.addProduct({ name: 'Чай зелёный', price: 35_000, unitId: portion.id, vat: 'none', barcodes: ['00000000'] });

    for (const search of ['арабика', '96385074', 'arb-1000', '0000000008', '600000']) {
      expect(names(await manager.products({ search }))).toEqual(['Кофе в зёрнах Арабика 1 кг']);
    }
    // The barcodes are searched as they read, not as the JSON of a list.
    for (const search of ['"', '["', '","', '"96385074"']) expect((await manager.products({ search })).total).toBe(0);
    expect((await manager.products({ search: '96385074' })).items[0]).not.toHaveProperty('barcodeText');
    expect(await manager.product(product.id)).not.toHaveProperty('barcodeText');
    expect((await manager.products({ search: 'Чай' })).items[0]).toMatchObject({ barcodes: [], article: null, categoryId: null, countryCode: null });
  });

  it('refuses a bad card field by field, and barcodes and articles another product has, naming it', async () => {
    const { manager, card } = await stockedMerchant();
    const cappuccino = await manager.addProduct(card({ name: 'Капучино', barcodes: ['4600000000008'], article: 'KAP-1' }));

    const checksum = await failureOf(manager.addProduct(card({ barcodes: ['4600000000009'] })));
    expect(checksum.code).toBe('VALIDATION_FAILED');
    expect(checksum.details).toMatchObject({ errors: [{ path: 'product.barcodes.0', message: 'Неверный штрихкод 4600000000009: не сходится контрольная цифра' }] });
    const oldVat = await failureOf(manager.addProduct(card({ vat: 'vat20' as AddProductRequest['vat'] })));
    expect(oldVat.details).toMatchObject({ errors: [{ path: 'product.vat', message: 'Ставка НДС 20% не применяется с 1 января 2026 года: выберите 22%' }] });
    const quotes = await failureOf(manager.addProduct(card({ name: 'Кофе "Арабика"' })));
    expect(quotes.details).toMatchObject({ errors: [{ path: 'product.name', message: 'Наименование не может содержать кавычки и символы " \' « » „ “ ” ‘ ’ ` < > \\, табуляцию и переносы строк' }] });
    const unknownUnit = await failureOf(manager.addProduct(card({ unitId: '0b1d7c57-6a0e-4a57-9d6c-7a3e1c1f0b11' })));
    expect(unknownUnit.code).toBe('RULE_VIOLATED');
    expect(unknownUnit.details).toMatchObject({ errors: [{ path: 'unitId', message: 'Единица измерения не найдена: выберите другую' }] });

    const twins = await failureOf(manager.addProduct(card({ name: 'Латте', barcodes: ['5901234123457', '4600000000008'], article: 'Kap-1' })));
    expect(twins.code).toBe('RULE_VIOLATED');
    expect(twins.details).toMatchObject({
      errors: [
        { path: 'barcodes', message: 'Штрихкод 4600000000008 уже есть у товара «Капучино»' },
        { path: 'article', message: 'Артикул Kap-1 уже есть у товара «Капучино»' },
      ],
    });
    // The refused card held on to nothing: its free barcode goes to the next product at once.
    await manager.addProduct(card({ name: 'Раф', barcodes: ['5901234123457'] }));
    // A barcode and an article edited away are free for another product.
    await manager.updateProduct(cappuccino.id, { ...card({ name: 'Капучино' }), expectedVersion: 1 });
    const latte = await manager.addProduct(card({ name: 'Латте', barcodes: ['4600000000008'], article: 'KAP-1' }));
    expect(latte).toMatchObject({ barcodes: ['4600000000008'], article: 'KAP-1' });
    expect(names(await manager.products())).toEqual(['Капучино', 'Латте', 'Раф']);
  });

  it('gives a barcode to exactly one of several products added at the same moment', async () => {
    const { manager, card } = await stockedMerchant();
    const attempts = await Promise.allSettled(['Первый', 'Второй', 'Третий', 'Четвёртый'].map((name) => manager.addProduct(card({ name, barcodes: ['4006381333931'] }))));
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    expect((await manager.products({ search: '4006381333931' })).total).toBe(1);
  });

  it('filters by a category with everything under it, sorts by name or price and pages with a cursor', async () => {
    const { manager, drinks, coffee, beans, card } = await stockedMerchant();
    await manager.addProduct(card({ name: 'Эспрессо', price: 15_000, categoryId: coffee.id }));
    await manager.addProduct(card({ name: 'Арабика в зёрнах', price: 149_990, categoryId: beans.id }));
    await manager.addProduct(card({ name: 'Лимонад', price: 20_000, categoryId: drinks.id }));
    await manager.addProduct(card({ name: 'Круассан', price: 9_000 }));

    expect(names(await manager.products({ categoryId: drinks.id }))).toEqual(['Арабика в зёрнах', 'Лимонад', 'Эспрессо']);
    expect(names(await manager.products({ categoryId: coffee.id }))).toEqual(['Арабика в зёрнах', 'Эспрессо']);
    expect(names(await manager.products({ categoryId: beans.id }))).toEqual(['Арабика в зёрнах']);
    expect(names(await manager.products({ sort: 'price' }))).toEqual(['Круассан', 'Эспрессо', 'Лимонад', 'Арабика в зёрнах']);

    const first = await manager.products({ sort: 'price', limit: 3 });
    expect(first.total).toBe(4);
    const second = await manager.products({ sort: 'price', limit: 3, cursor: first.nextCursor });
    expect(names(second)).toEqual(['Арабика в зёрнах']);
    expect(second.nextCursor).toBeNull();
  });

  it('edits the price, shows it in the history, deletes the product and frees its barcode', async () => {
    const { manager, card } = await stockedMerchant();
    const latte = await manager.addProduct(card({ name: 'Латте', price: 22_000, barcodes: ['4006381333931'] }));
    const dearer = await manager.updateProduct(latte.id, { ...card({ name: 'Латте', price: 24_500, barcodes: ['4006381333931'] }), expectedVersion: 1 });
    expect(dearer).toMatchObject({ price: 24_500, version: 2 });
    expect((await manager.product(latte.id)).price).toBe(24_500);
    const stale = await failureOf(manager.updateProduct(latte.id, { ...card({ name: 'Латте', price: 1 }), expectedVersion: 1 }));
    expect(stale.code).toBe('VERSION_CONFLICT');

    await manager.deleteProduct(latte.id, 2);
    expect((await failureOf(manager.product(latte.id))).code).toBe('NOT_FOUND');
    expect((await manager.products()).total).toBe(0);
    const history = await manager.productHistory(latte.id);
    expect(history.items.map((entry) => entry.action)).toEqual(['created', 'updated', 'deleted']);
    expect(history.items[1]).toMatchObject({
      actor: { accountId: manager.accountId, fullName: OWNER_NAME },
      changes: [{ field: 'price', from: 22_000, to: 24_500 }],
    });

    const successor = await manager.addProduct(card({ name: 'Латте новый', barcodes: ['4006381333931'] }));
    expect(successor.barcodes).toEqual(['4006381333931']);
  });

  it('refuses to delete a unit or a category while products use them, naming the products', async () => {
    const { manager, portion, coffee, card } = await stockedMerchant();
    const espresso = await manager.addProduct(card({ name: 'Эспрессо', categoryId: coffee.id }));

    const unit = await failureOf(manager.deleteUnit(portion.id));
    expect(unit.code).toBe('RULE_VIOLATED');
    expect(unit.message).toBe('Единица измерения используется в товарах: «Эспрессо». Сначала укажите в них другую единицу измерения');
    const category = await failureOf(manager.deleteCategory(coffee.id));
    expect(category.message).toBe(
      'В категории есть товары: «Эспрессо». Перенесите их в другую категорию или удалите категорию, перенеся её товары на уровень выше',
    );

    await manager.deleteProduct(espresso.id);
    await manager.deleteCategory(coffee.id, 'move-contents-up');
    await manager.deleteUnit(portion.id);
    expect((await manager.units()).total).toBe(0);
  });

  it("deletes a category moving its products and subcategories one level up; each moved product's history shows it", async () => {
    const { manager, drinks, coffee, beans, card } = await stockedMerchant();
    const inCoffee = [];
    for (let index = 0; index < 130; index += 1) inCoffee.push(await manager.addProduct(card({ name: `Кофе №${index}`, categoryId: coffee.id })));
    const inBeans = await manager.addProduct(card({ name: 'Арабика', categoryId: beans.id }));

    await manager.updateCategory(coffee.id, { name: 'Кофе и какао', parentId: drinks.id, expectedVersion: 1 });
    const stale = await failureOf(manager.deleteCategory(coffee.id, 'move-contents-up', 1));
    expect(stale.code).toBe('VERSION_CONFLICT');
    expect((await manager.product(inCoffee[0]!.id)).categoryId).toBe(coffee.id);

    await manager.deleteCategory(coffee.id, 'move-contents-up');
    expect((await manager.products({ categoryId: drinks.id, limit: 200 })).total).toBe(131);
    for (const product of inCoffee) expect((await manager.product(product.id)).categoryId).toBe(drinks.id);
    expect((await manager.product(inBeans.id)).categoryId).toBe(beans.id);
    expect((await manager.category(beans.id)).parentId).toBe(drinks.id);
    const history = await manager.productHistory(inCoffee[0]!.id);
    expect(history.items.at(-1)).toMatchObject({ action: 'updated', changes: [{ field: 'categoryId', from: coffee.id, to: drinks.id }] });

    // A top-level category's products go to the general list.
    await manager.deleteCategory(drinks.id, 'move-contents-up');
    expect((await manager.product(inCoffee[0]!.id)).categoryId).toBeNull();
    expect((await manager.category(beans.id)).parentId).toBeNull();
  });

  it('shows another organisation nothing and lets it change nothing; its barcodes and articles are its own', async () => {
    const { manager, card } = await stockedMerchant();
    const product = await manager.addProduct(card({ name: 'Капучино', barcodes: ['4600000000008'], article: 'KAP-1' }));
    const stranger = await stockedMerchant();

    expect((await stranger.manager.products({ search: '4600000000008' })).total).toBe(0);
    for (const attempt of [
      stranger.manager.product(product.id),
      stranger.manager.productHistory(product.id),
      stranger.manager.updateProduct(product.id, { ...stranger.card(), expectedVersion: 1 }),
      stranger.manager.deleteProduct(product.id),
    ]) {
      expect((await failureOf(attempt)).code).toBe('NOT_FOUND');
    }
    const foreignUnit = await failureOf(stranger.manager.addProduct(card({ name: 'Чужой' })));
    expect(foreignUnit.details).toMatchObject({ errors: [{ path: 'unitId' }] });
    await stranger.manager.addProduct(stranger.card({ name: 'Капучино', barcodes: ['4600000000008'], article: 'KAP-1' }));
    expect(await manager.product(product.id)).toEqual(product);
  });

  it('rebuilds the same documents when the projection replays the events', async () => {
    const { manager, coffee, card } = await stockedMerchant();
    const flat = await manager.addProduct(card({ name: 'Флэт уайт', price: 26_000, categoryId: coffee.id, barcodes: ['036000291452'] }));
    await manager.updateProduct(flat.id, { ...card({ name: 'Флэт уайт', price: 27_000, categoryId: coffee.id }), expectedVersion: 1 });
    const gone = await manager.addProduct(card({ name: 'Сезонный' }));
    await manager.deleteProduct(gone.id);
    await catalog.stop();

    const { documentStore, eventStore } = catalog.infrastructure;
    const products = async () =>
      (await documentStore.collection(productsCollection).find({ where: { organisationId: manager.organisationId }, limit: 1000 })).items.map((document) => document.data);
    const before = await products();
    expect(before.map((product) => [product.name, product.price, product.barcodes])).toEqual([['Флэт уайт', 27_000, []]]);

    const runner = await startProjections(eventStore, documentStore, catalogProjections);
    try {
      await runner.rebuild('catalog.products.v2');
    } finally {
      await runner.stop();
    }
    expect(await products()).toEqual(before);
  });
});
