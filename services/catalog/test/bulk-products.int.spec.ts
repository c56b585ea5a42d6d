import { randomUUID } from 'node:crypto';
import { failureOf } from '@elk/testing';
import { catalogTestApp } from './catalog-test-app';

describe.each(['embedded', 'distributed'] as const)('catalog bulk product actions (%s)', (mode) => {
  const catalog = catalogTestApp(mode);
  const { stockedMerchant, merchant } = catalog;

  it('changes every selected product in one command, refusing the ones changed meanwhile, not found or out of bounds', async () => {
    const { manager, card, coffee } = await stockedMerchant();
    const latte = await manager.addProduct(card({ name: 'Латте', price: 20_000 }));
    const tea = await manager.addProduct(card({ name: 'Чай', price: 10_000 }));
    const water = await manager.addProduct(card({ name: 'Вода', price: 5_000 }));
    const changedMeanwhile = await manager.updateProduct(tea.id, { ...card({ name: 'Чай', price: 11_000 }), expectedVersion: 1 });

    const raised = await manager.changeInBulk({
      action: { type: 'change-price', price: { by: 'amount', direction: 'down', amount: 6_000 } },
      products: [latte, tea, water, { id: '0b1d7c57-6a0e-4a57-9d6c-7a3e1c1f0b11', version: 1 }].map(({ id, version }) => ({ id, version })),
    });
    expect(raised).toEqual({
      applied: [{ id: latte.id, name: 'Латте' }],
      refused: [
        { id: tea.id, name: 'Чай', reason: 'Товар уже изменили. Обновите страницу и повторите' },
        { id: water.id, name: 'Вода', reason: 'Цена 50,00 ₽ стала бы меньше 0 ₽' },
        { id: '0b1d7c57-6a0e-4a57-9d6c-7a3e1c1f0b11', name: null, reason: 'Товар не найден' },
      ],
    });
    expect((await manager.product(latte.id)).price).toBe(14_000);
    expect((await manager.product(tea.id)).price).toBe(changedMeanwhile.price);

    const moved = await manager.changeInBulk({ action: { type: 'move-to-category', categoryId: coffee.id }, products: [{ id: latte.id, version: 2 }, { id: water.id, version: 1 }] });
    expect(moved.refused).toEqual([]);
    expect((await manager.products({ categoryId: coffee.id })).items.map((product) => product.name)).toEqual(['Вода', 'Латте']);

    const history = await manager.productHistory(latte.id);
    expect(history.items.map((entry) => [entry.action, entry.origin, entry.changes.map((change) => change.field)])).toEqual([
      ['created', undefined, expect.any(Array)],
      ['updated', 'bulk', ['price']],
      ['updated', 'bulk', ['categoryId']],
    ]);

    const removed = await manager.changeInBulk({ action: { type: 'delete' }, products: [{ id: latte.id, version: 3 }, { id: water.id, version: 2 }] });
    expect(removed.applied.map((product) => product.name)).toEqual(['Латте', 'Вода']);
    expect((await manager.products()).items.map((product) => product.name)).toEqual(['Чай']);
    expect((await manager.productHistory(water.id)).items.at(-1)).toMatchObject({ action: 'deleted', origin: 'bulk' });
  });

  it("treats another organisation's products as not found and changes none of them", async () => {
    const { manager, card } = await stockedMerchant();
    const latte = await manager.addProduct(card({ name: 'Латте' }));
    const other = merchant();
    const result = await other.changeInBulk({ action: { type: 'delete' }, products: [{ id: latte.id, version: 1 }] });
    expect(result).toEqual({ applied: [], refused: [{ id: latte.id, name: null, reason: 'Товар не найден' }] });
    expect(await manager.product(latte.id)).toEqual(latte);
  });

  it('replaces a unit in use by another for all its products in one command, then deletes it', async () => {
    const { manager, card, portion } = await stockedMerchant();
    const cup = await manager.addUnit({ name: 'чашка', shortName: 'чаш', ffdCode: 255 });
    const latte = await manager.addProduct(card({ name: 'Латте' }));
    const tea = await manager.addProduct(card({ name: 'Чай' }));

    const self = await failureOf(manager.deleteUnit(portion.id, undefined, portion.id));
    expect(self.details).toMatchObject({ errors: [{ path: 'replaceWith', message: 'Выберите другую единицу измерения: эту вы удаляете' }] });
    expect((await manager.product(latte.id)).unitId).toBe(portion.id);

    await manager.deleteUnit(portion.id, undefined, cup.id);
    expect((await manager.products()).items.map((product) => [product.name, product.unitId])).toEqual([
      ['Латте', cup.id],
      ['Чай', cup.id],
    ]);
    expect((await manager.units()).items.map((unit) => unit.id)).not.toContain(portion.id);
    expect((await manager.productHistory(tea.id)).items.at(-1)).toMatchObject({ action: 'updated', origin: 'replacement', changes: [{ field: 'unitId', from: portion.id, to: cup.id }] });
  });

  it('moves the products of a deleted category to the category chosen instead of its parent', async () => {
    const { manager, card, coffee, beans, drinks } = await stockedMerchant();
    const latte = await manager.addProduct(card({ name: 'Латте', categoryId: beans.id }));
    const tea = await manager.addCategory({ name: 'Чай' });

    await manager.deleteCategory(beans.id, 'refuse', undefined, tea.id);
    expect((await manager.product(latte.id)).categoryId).toBe(tea.id);
    expect((await manager.categories()).items.map((category) => category.name).sort()).toEqual(['Кофе', 'Напитки', 'Чай']);
    // Moving up still goes to the parent; the subcategories follow the mode, the products the replacement.
    const espresso = await manager.addProduct(card({ name: 'Эспрессо', categoryId: coffee.id }));
    await manager.deleteCategory(drinks.id, 'move-contents-up');
    await manager.deleteCategory(coffee.id, 'refuse', undefined, tea.id);
    expect((await manager.product(espresso.id)).categoryId).toBe(tea.id);
  });

  it('undoes an import: deletes what it created, restores what it changed, refuses what was changed since, and answers a retry the same', async () => {
    const { manager, card } = await stockedMerchant();
    const latte = await manager.addProduct(card({ name: 'Латте', price: 20_000, article: 'LAT' }));
    const tea = await manager.addProduct(card({ name: 'Чай', price: 10_000, article: 'TEA' }));
    const importId = randomUUID();
    const row = (line: number, name: string, price: string, article: string) => ({ line, cells: { Наименование: name, Цена: price, 'Единица измерения': 'порция', НДС: '22%', Артикул: article } });
    const imported = await manager.importRows({
      importId,
      apply: true,
      rows: [row(2, 'Латте большой', '250', 'LAT'), row(3, 'Чай', '120', 'TEA'), row(4, 'Раф', '300', 'RAF')],
    });
    expect(imported.results.map((result) => result.outcome)).toEqual(['updated', 'updated', 'created']);
    const raf = imported.results[2]!.productId!;
    // Someone changes the tea after the import: undoing leaves it.
    await manager.updateProduct(tea.id, { ...card({ name: 'Чай', price: 13_000, article: 'TEA' }), expectedVersion: 2 });

    const undone = await manager.undoImport(importId);
    expect(undone).toEqual({
      applied: [
        { id: latte.id, name: 'Латте' },
        { id: raf, name: 'Раф' },
      ],
      refused: [{ id: tea.id, name: 'Чай', reason: 'Товар изменили после загрузки: верните прежние значения вручную' }],
    });
    expect(await manager.product(latte.id)).toMatchObject({ name: 'Латте', price: 20_000, version: 3 });
    expect((await manager.product(tea.id)).price).toBe(13_000);
    expect((await manager.products()).items.map((product) => product.name)).toEqual(['Латте', 'Чай']);
    expect((await manager.productHistory(latte.id)).items.map((entry) => [entry.action, entry.origin])).toEqual([
      ['created', undefined],
      ['updated', 'import'],
      ['updated', 'import-undo'],
    ]);

    expect(await manager.undoImport(importId)).toEqual(undone);
    expect((await manager.product(latte.id)).version).toBe(3);
    // Another organisation does not find it.
    expect((await failureOf(merchant().undoImport(importId))).code).toBe('NOT_FOUND');
  });

  it("refuses the whole action for a unit or category the organisation does not have, changing nothing", async () => {
    const { manager, card } = await stockedMerchant();
    const latte = await manager.addProduct(card({ name: 'Латте' }));
    const foreignUnit = await merchant().addUnit({ name: 'ящик', shortName: 'ящ', ffdCode: 255 });
    const failure = await failureOf(manager.changeInBulk({ action: { type: 'set-unit', unitId: foreignUnit.id }, products: [{ id: latte.id, version: 1 }] }));
    expect(failure.code).toBe('RULE_VIOLATED');
    expect(failure.details).toMatchObject({ errors: [{ path: 'action.unitId', message: 'Единица измерения не найдена: выберите другую' }] });
    expect(await manager.product(latte.id)).toEqual(latte);
  });
});
