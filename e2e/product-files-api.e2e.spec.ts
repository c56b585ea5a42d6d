/**
 * Каталог → Все товары → Экспорт / Импорт over HTTP: products exported as CSV and Excel with Russian headers and
 * barcodes kept as text, the exported file imported back changing nothing, a file with a new row and a bad one, a
 * preview that writes nothing, a file without a required column or with a NUL character refused, and a text a
 * spreadsheet would run as a formula exported harmless and imported back as it was; in both run modes.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { useRunningSystem, type Unit } from './api.harness';
import type { RunMode } from './system.harness';

jest.setTimeout(120_000);

const PRODUCTS = '/api/v1/catalog/products';
const HEADERS = ['Наименование', 'Описание', 'Цена', 'Единица измерения', 'НДС', 'Категория', 'Предмет расчёта', 'Страна', 'Штрихкоды', 'Артикул', 'Маркировка'];
/** A valid EAN-13 that Excel would show as 4,6E+12 if it took it for a number. */
const BARCODE = '4600000000008';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.each<RunMode>(['embedded', 'distributed'])('product files API (%s mode)', (mode) => {
  const system = useRunningSystem(mode);
  const { api } = system;
  let owner: string;
  let unit: Record<string, Unit>;

  beforeAll(async () => {
    owner = (await api.signUp()).accessToken;
    unit = Object.fromEntries((await api.presetUnits(owner)).map((preset) => [preset.shortName, preset]));
    const drinks = await api.add(owner, '/api/v1/catalog/categories', { name: 'Напитки' });
    const coffee = await api.add(owner, '/api/v1/catalog/categories', { name: 'Кофе', parentId: drinks.id });
    await api.add(owner, PRODUCTS, {
      name: 'Арабика, зёрна',
      description: 'Обжарка «средняя»',
      price: 149_990,
      unitId: unit['кг']!.id,
      vat: 'vat22',
      categoryId: coffee.id,
      countryCode: '076',
      barcodes: [BARCODE],
      article: '007',
    });
    await api.add(owner, PRODUCTS, { name: 'Хлеб ржаной', price: 5_500, unitId: unit['шт']!.id, vat: 'vat10' });
    await api.add(owner, PRODUCTS, { name: 'Молоко 3,2%', price: 8_990, unitId: unit['л']!.id, vat: 'vat10', marked: true });
  });

  const importFile = (file: string, apply: boolean, token = owner) =>
    api.call('POST', `${PRODUCTS}/import?apply=${apply}`, token, file, { 'content-type': 'text/csv; charset=utf-8' });
  /** The file as bytes: fetch's text() would drop the byte order mark Excel needs. */
  const download = async (query: string) => {
    const response = await fetch(`${system.url}${PRODUCTS}/export?${query}`, { headers: { authorization: `Bearer ${owner}` } });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const csvRows = (bytes: Buffer) => Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), { delimiter: ';' }).data;
  const total = async () => (await api.call('GET', PRODUCTS, owner)).body.total;

  it('exports the list as CSV for Russian Excel and imports it back changing nothing', async () => {
    const exported = await download('format=csv');
    expect([exported.response.status, exported.response.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
    expect(exported.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const table = csvRows(exported.bytes);
    expect(table[0]).toEqual(HEADERS);
    expect(table.slice(1)).toEqual([
      ['Арабика, зёрна', 'Обжарка «средняя»', '1499,90', 'килограмм', '22%', 'Напитки / Кофе', 'Товар', 'Бразилия', BARCODE, '007', 'Нет'],
      ['Молоко 3,2%', '', '89,90', 'литр', '10%', '', 'Товар', '', '', '', 'Да'],
      ['Хлеб ржаной', '', '55,00', 'штука или единица', '10%', '', 'Товар', '', '', '', 'Нет'],
    ]);

    const filtered = await download(`format=csv&search=${BARCODE}`);
    expect(csvRows(filtered.bytes).map((row) => row[0])).toEqual(['Наименование', 'Арабика, зёрна']);

    const reimported = await importFile(exported.bytes.toString('utf8'), true);
    expect([reimported.status, reimported.body]).toEqual([200, { importId: expect.any(String), created: 0, updated: 0, unchanged: 3, invalid: 0, errors: [] }]);
  });

  it('exports Excel with a Russian file name and the barcode and article as text', async () => {
    const { response, bytes } = await download('format=xlsx');
    expect([response.status, response.headers.get('content-type')]).toEqual([200, XLSX]);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; .*filename\*=UTF-8''%D0%A2%D0%BE%D0%B2%D0%B0%D1%80%D1%8B%20.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues().slice(1) as unknown[][];
    expect(rows.map((row) => row.slice(1))[0]).toEqual(HEADERS);
    expect(rows[1]!.slice(1, 4)).toEqual(['Арабика, зёрна', 'Обжарка «средняя»', '1499,90']);
    expect(rows[1]!.slice(9, 11)).toEqual([BARCODE, '007']);
  });

  it('imports a new row, refuses a bad barcode naming its line and column, and changes nothing the second time', async () => {
    const file = ['Наименование;Цена;Единица измерения;НДС;Штрихкоды', 'Сыр Российский;450,00;кг;10%;', 'Кефир;90;л;10%;4600000000001'].join('\r\n');
    const before = await total();

    const preview = await importFile(file, false);
    expect([preview.body.created, preview.body.invalid, await total()]).toEqual([1, 1, before]);

    const first = await importFile(file, true);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ importId: expect.any(String), created: 1, updated: 0, unchanged: 0, invalid: 1, errors: [{ line: 3, name: 'Кефир', field: 'Штрихкоды', message: expect.stringMatching(/[а-я]/) }] });
    const cheese = (await api.call('GET', `${PRODUCTS}?search=Российский`, owner)).body.items;
    expect(cheese.map((product: { price: number; unitId: string }) => [product.price, product.unitId])).toEqual([[45_000, unit['кг']!.id]]);

    const again = await importFile(file, true);
    expect([again.body.created, again.body.unchanged, again.body.invalid, await total()]).toEqual([0, 1, 1, before + 1]);
  });

  it('refuses a file without the «Цена» column, naming it', async () => {
    const reply = await importFile('Наименование;Единица измерения;НДС\r\nЧай;шт;10%', true);
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path: 'Цена', message: 'В файле нет столбца «Цена»: он обязателен' }]);
  });

  it('refuses a file with a NUL character in a cell, naming its line and column, and writes none of its rows', async () => {
    const before = await total();
    const file = ['Наименование;Цена;Единица измерения;НДС;Описание', 'Чай чёрный;90;шт;10%;', 'Чай зелёный;95;шт;10%;Листовой\u0000', 'Чай белый;99;шт;10%;'].join('\r\n');
    const reply = await importFile(file, true);
    expect([reply.status, reply.body.errors]).toEqual([400, [{ path: 'Описание', message: 'Строка 3, столбец «Описание»: недопустимый символ NUL (код 0) — удалите его' }]]);
    expect(await total()).toBe(before);
  });

  it('exports a text a spreadsheet would run as a formula with an apostrophe in front, and imports the file back changing nothing', async () => {
    const formula = '=HYPERLINK("http://evil.example","Подробнее")';
    const syrup = await api.add(owner, PRODUCTS, { name: 'Сироп карамельный', description: formula, price: 45_000, unitId: unit['шт']!.id, vat: 'vat22', article: '-100' });
    const exported = await download('format=csv&search=Сироп');
    const [, row] = csvRows(exported.bytes);
    expect([row![1], row![9]]).toEqual([`'${formula}`, "'-100"]);

    const reimported = await importFile(exported.bytes.toString('utf8'), true);
    expect([reimported.status, reimported.body]).toEqual([200, { importId: expect.any(String), created: 0, updated: 0, unchanged: 1, invalid: 0, errors: [] }]);
    const stored = (await api.call('GET', `${PRODUCTS}/${syrup.id}`, owner)).body;
    expect([stored.description, stored.article]).toEqual([formula, '-100']);
  });
});
