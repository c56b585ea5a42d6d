import { categoryPaths, isValidBarcode, productFileRow, type ImportProductRowsResult, type ProductFileRow } from '@elk/contracts';
import type { GlobalCheckpoint } from '@elk/eventstore';
import { failureOf } from '@elk/testing';
import { ProductWriter } from '../src/products/commands/product-writer';
import { ROW_NOT_WRITTEN } from '../src/products/import/import-product-rows.handler';
import { catalogTestApp } from './catalog-test-app';

/** The EAN-13 that starts with these twelve digits. */
function ean13(first12: string): string {
  return [...'0123456789'].map((digit) => `${first12}${digit}`).find(isValidBarcode)!;
}

const row = (line: number, cells: Partial<ProductFileRow>) => ({
  line,
  cells: { Наименование: 'Товар', Цена: '100', 'Единица измерения': 'порц', НДС: '22%', Категория: '', Штрихкоды: '', Артикул: '', ...cells },
});

describe.each(['embedded', 'distributed'] as const)('catalog product import (%s)', (mode) => {
  const catalog = catalogTestApp(mode);
  const { stockedMerchant } = catalog;

  const outcomes = ({ results }: ImportProductRowsResult) => results.map(({ line, outcome }) => [line, outcome]);

  /** Events of the organisation in the store the describe block's tests share. */
  async function eventCount(organisationId: string): Promise<number> {
    let count = 0;
    for (let after: GlobalCheckpoint | undefined; ; ) {
      const page = await catalog.infrastructure.eventStore.readAll({ after, maxCount: 1000 });
      if (page.length === 0) return count;
      count += page.filter((event) => event.metadata.organisationId === organisationId).length;
      const { transactionId, globalPosition } = page.at(-1)!;
      after = { transactionId, globalPosition };
    }
  }

  it('creates the good rows, reports each bad one with its line and column, and a second import changes nothing', async () => {
    const { manager, portion, coffee } = await stockedMerchant();
    const rows = [
      row(2, { Наименование: 'Капучино', Цена: '250,50', Категория: 'Напитки / Кофе', Штрихкоды: '4600000000008', Артикул: 'KAP-1' }),
      row(3, { Наименование: 'Чай', Цена: '1 200' }),
      row(4, { Наименование: 'Латте', Цена: 'дорого' }),
      row(5, { Наименование: 'Раф', 'Единица измерения': 'ведро' }),
      row(6, { Наименование: 'Мокко', Категория: 'Напитки / Чай' }),
      row(7, { Наименование: 'Американо', Штрихкоды: '4600000000009' }),
      row(8, { Наименование: 'Эспрессо "Двойной"' }),
    ];
    const errorsOfBadRows = [
      { line: 4, name: 'Латте', errors: [{ field: 'Цена', message: 'Цена — сумма в рублях, например 123,45' }] },
      { line: 5, name: 'Раф', errors: [{ field: 'Единица измерения', message: expect.stringContaining('«ведро» не найдена') }] },
      { line: 6, name: 'Мокко', errors: [{ field: 'Категория', message: expect.stringContaining('Категории «Напитки / Чай» нет') }] },
      { line: 7, name: 'Американо', errors: [{ field: 'Штрихкоды', message: 'Неверный штрихкод 4600000000009: не сходится контрольная цифра' }] },
      { line: 8, name: 'Эспрессо "Двойной"', errors: [{ field: 'Наименование', message: expect.stringContaining('Наименование не может содержать кавычки') }] },
    ];
    const before = await eventCount(manager.organisationId);

    const preview = await manager.importRows({ rows, apply: false });
    expect(outcomes(preview)).toEqual([
      [2, 'created'],
      [3, 'created'],
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'invalid'],
      [7, 'invalid'],
      [8, 'invalid'],
    ]);
    expect(preview.results.filter((result) => result.outcome === 'invalid')).toEqual(errorsOfBadRows.map((bad) => expect.objectContaining(bad)));
    expect(await eventCount(manager.organisationId)).toBe(before);
    expect((await manager.products()).total).toBe(0);

    const applied = await manager.importRows({ rows, apply: true });
    expect(outcomes(applied)).toEqual(outcomes(preview));
    expect(applied.results.filter((result) => result.outcome === 'invalid')).toEqual(errorsOfBadRows.map((bad) => expect.objectContaining(bad)));
    const products = await manager.products();
    expect(products.items).toEqual([
      expect.objectContaining({ name: 'Капучино', price: 25_050, unitId: portion.id, categoryId: coffee.id, barcodes: ['4600000000008'], article: 'KAP-1' }),
      expect.objectContaining({ name: 'Чай', price: 120_000, categoryId: null, barcodes: [], article: null }),
    ]);
    expect(applied.results[0]!.productId).toBe(products.items[0]!.id);

    const afterFirst = await eventCount(manager.organisationId);
    expect(afterFirst).toBeGreaterThan(before);
    const again = await manager.importRows({ rows, apply: true });
    expect(outcomes(again).slice(0, 2)).toEqual([
      [2, 'unchanged'],
      [3, 'unchanged'],
    ]);
    expect(await eventCount(manager.organisationId)).toBe(afterFirst);
  }, 30_000);

  it('updates a product matched by its article or, without one, by a barcode; the new price shows in its history', async () => {
    const { manager, portion } = await stockedMerchant();
    const latte = await manager.addProduct({ name: 'Латте', price: 22_000, unitId: portion.id, vat: 'vat22', barcodes: ['4006381333931'] });
    await manager.importRows({ rows: [row(2, { Наименование: 'Капучино', Цена: '250', Артикул: 'KAP-1' })], apply: true });

    const result = await manager.importRows({
      rows: [row(2, { Наименование: 'Капучино', Цена: '260', Артикул: 'kap-1' }), row(3, { Наименование: 'Латте', Цена: '245', Штрихкоды: '4006381333931' })],
      apply: true,
    });
    expect(outcomes(result)).toEqual([
      [2, 'updated'],
      [3, 'updated'],
    ]);
    expect(result.results[1]!.productId).toBe(latte.id);
    const history = await manager.productHistory(latte.id);
    expect(history.items.at(-1)).toMatchObject({ action: 'updated', changes: [{ field: 'price', from: 22_000, to: 24_500 }] });
    expect((await manager.products()).items.map(({ name, price, article }) => [name, price, article])).toEqual([
      ['Капучино', 26_000, 'kap-1'],
      ['Латте', 24_500, null],
    ]);
  });

  it('refuses a row whose article and barcode name different products, and lets a later row update an earlier one', async () => {
    const { manager, portion } = await stockedMerchant();
    await manager.addProduct({ name: 'Латте', price: 22_000, unitId: portion.id, vat: 'vat22', barcodes: ['4006381333931'] });
    await manager.addProduct({ name: 'Капучино', price: 25_000, unitId: portion.id, vat: 'vat22', article: 'KAP-1' });

    const result = await manager.importRows({
      rows: [
        row(2, { Наименование: 'Раф', Артикул: 'KAP-1', Штрихкоды: '4006381333931' }),
        row(3, { Наименование: 'Мокко', Цена: '300', Артикул: 'MOK-1' }),
        row(4, { Наименование: 'Мокко', Цена: '310', Артикул: 'MOK-1' }),
      ],
      apply: true,
    });
    expect(result.results[0]).toEqual({
      line: 2,
      outcome: 'invalid',
      name: 'Раф',
      errors: [
        {
          field: 'Штрихкоды',
          message: 'Строка подходит к разным товарам: артикул kap-1 — у товара «Капучино», штрихкод 4006381333931 — у товара «Латте». Исправьте артикул или штрихкоды',
        },
      ],
    });
    expect(outcomes(result).slice(1)).toEqual([
      [3, 'created'],
      [4, 'updated'],
    ]);
    expect(result.results[2]!.productId).toBe(result.results[1]!.productId);
    expect((await manager.products({ search: 'Мокко' })).items).toEqual([expect.objectContaining({ price: 31_000, version: 2 })]);
  });

  it('imports an export of the catalog back with nothing changed', async () => {
    const { manager, portion, beans, card } = await stockedMerchant();
    await manager.addProduct({
      ...card({ name: 'Кофе в зёрнах Арабика 1 кг', price: 149_990, categoryId: beans.id, vat: 'vat10/110' }),
      description: 'Колумбия, средняя обжарка',
      paymentSubject: 33,
      countryCode: '036',
      barcodes: ['4600000000008', '96385074'],
      article: 'ARB-1000',
      marked: true,
    });
    await manager.addProduct(card({ name: 'Чай', price: 35_000, unitId: portion.id, vat: 'none' }));
    const names = {
      unitNames: new Map((await manager.units({ limit: 100 })).items.map((unit) => [unit.id, unit.name])),
      categoryPaths: categoryPaths((await manager.categories({ limit: 100 })).items),
    };
    const exported = (await manager.products()).items.map((product, index) => ({ line: index + 2, cells: productFileRow(product, names) }));
    const before = await eventCount(manager.organisationId);

    const result = await manager.importRows({ rows: exported, apply: true });
    expect(outcomes(result)).toEqual([
      [2, 'unchanged'],
      [3, 'unchanged'],
    ]);
    expect(await eventCount(manager.organisationId)).toBe(before);
  });

  it('refuses a row with a NUL character in a cell under its column and writes the others', async () => {
    const { manager } = await stockedMerchant();
    const rows = [row(2, { Наименование: 'Чай' }), row(3, { Наименование: 'Кофе', Описание: 'Зёрна\u0000' }), row(4, { Наименование: 'Какао' })];
    const applied = await manager.importRows({ rows, apply: true });
    expect(applied.results.map(({ line, outcome, errors }) => [line, outcome, errors])).toEqual([
      [2, 'created', undefined],
      [3, 'invalid', [{ field: 'Описание', message: 'В тексте недопустимый символ NUL (код 0) — удалите его' }]],
      [4, 'created', undefined],
    ]);
    expect((await manager.products()).items.map((product) => product.name)).toEqual(['Какао', 'Чай']);
  });

  it('reports a row that failed to write for an unexpected reason and the rows written around it, and logs the cause', async () => {
    const { manager } = await stockedMerchant();
    const writer = catalog.app.get(ProductWriter);
    const save = writer.save.bind(writer);
    jest.spyOn(writer, 'save').mockImplementation((product, ...rest) =>
      product.fields.name === 'Кофе' ? Promise.reject(new Error('connection terminated')) : save(product, ...rest),
    );
    const rows = [row(2, { Наименование: 'Чай' }), row(3, { Наименование: 'Кофе' }), row(4, { Наименование: 'Какао' })];

    const applied = await manager.importRows({ rows, apply: true });
    expect(applied.results.map(({ line, outcome, errors }) => [line, outcome, errors])).toEqual([
      [2, 'created', undefined],
      [3, 'invalid', [{ field: null, message: ROW_NOT_WRITTEN }]],
      [4, 'created', undefined],
    ]);
    expect(catalog.infrastructure.logs.entries()).toContainEqual(
      expect.objectContaining({ msg: 'product import row failed', line: 3, err: expect.objectContaining({ message: 'connection terminated' }) }),
    );
    expect((await manager.products()).items.map((product) => product.name)).toEqual(['Какао', 'Чай']);
  });

  it('refuses a batch whose header lacks a required column or has an unknown one, saying so once', async () => {
    const { manager } = await stockedMerchant();
    const failure = await failureOf(manager.importRows({ rows: [{ line: 2, cells: { Наименование: 'Чай', Цена: '100', НДС: '22%', Остаток: '5' } }], apply: false }));
    expect(failure.code).toBe('VALIDATION_FAILED');
    expect(failure.details).toMatchObject({
      errors: [
        { path: 'Единица измерения', message: 'В файле нет столбца «Единица измерения»: он обязателен' },
        { path: 'Остаток', message: expect.stringContaining('Неизвестный столбец «Остаток»') },
      ],
    });
  });
});

// How many rows a second the import writes is measured by `npm run bench:catalog`; here, that the gateway's full batch
// (500 rows) crosses the bus and is written whole, and that the next batch follows it.
describe('catalog product import of full batches (distributed)', () => {
  const { stockedMerchant } = catalogTestApp('distributed');

  it("imports a batch of 500 rows, the gateway's batch, then the next one", async () => {
    const { manager } = await stockedMerchant();
    const rows = Array.from({ length: 550 }, (_, index) =>
      row(index + 2, { Наименование: `Товар ${index}`, Цена: `${index},99`, Штрихкоды: ean13(`460${String(index).padStart(9, '0')}`), Артикул: `ART-${index}` }),
    );
    const created: number[] = [];
    for (const batch of [rows.slice(0, 500), rows.slice(500)]) {
      const { results } = await manager.importRows({ rows: batch, apply: true });
      created.push(results.filter((result) => result.outcome === 'created').length);
    }
    expect(created).toEqual([500, 50]);
    expect((await manager.products()).total).toBe(550);
  }, 120_000);
});
