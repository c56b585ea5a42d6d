import { randomUUID } from 'node:crypto';
import { CatalogSubjects, PRODUCT_FILE_COLUMNS, type ImportProductRows, type ImportProductRowsResult, type ProductList, type ProductView } from '@elk/contracts';
import ExcelJS from 'exceljs';
import { gatewayAnswering } from './gateway.harness';

const unitId = randomUUID();
const at = '2025-01-15T10:00:00.000Z';
const product: ProductView = {
  id: randomUUID(),
  version: 1,
  name: 'Кофе «Арабика»; зерно',
  description: null,
  price: 45050,
  unitId,
  vat: 'vat22',
  categoryId: null,
  paymentSubject: 1,
  countryCode: '076',
  barcodes: ['4600000000008'],
  article: '007',
  marked: false,
  createdAt: at,
  updatedAt: at,
};
const HEADER = PRODUCT_FILE_COLUMNS.map((column) => column.header);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const importAnswer: ImportProductRowsResult = {
  results: [
    { line: 2, outcome: 'created' },
    { line: 3, outcome: 'invalid', errors: [{ field: 'Штрихкоды', message: 'Неверная контрольная цифра' }] },
  ],
};

/** Set while a test holds the catalog's answers to import batches, to watch an import in flight. */
let batchGate: Promise<void> | undefined;

const { received, request, signedIn } = gatewayAnswering({
  [CatalogSubjects.GetUnitList]: { items: [{ id: unitId, version: 1, name: 'штука', shortName: 'шт', ffdCode: 0, createdAt: at, updatedAt: at }], total: 1, nextCursor: null },
  [CatalogSubjects.GetCategoryList]: { items: [], total: 0, nextCursor: null },
  /** Two pages when the export searches for «страницы». */
  [CatalogSubjects.GetProductList]: ({ search, cursor }: { search?: string; cursor?: string }): ProductList =>
    search === 'страницы' && cursor === undefined
      ? { items: [{ ...product, name: 'Первая страница' }], total: 2, nextCursor: 'page-2' }
      : { items: [{ ...product, ...(cursor ? { name: 'Вторая страница' } : {}) }], total: search === 'страницы' ? 2 : 1, nextCursor: null },
  [CatalogSubjects.ImportProductRows]: async () => {
    await batchGate;
    return importAnswer;
  },
});

async function xlsxNames(file: Buffer): Promise<unknown[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return workbook.worksheets[0]!.getColumn(1).values.slice(2);
}
const csv = (...lines: string[]) => Buffer.from(lines.join('\r\n'));
const upload = (token: string, body: Buffer, contentType = 'text/csv', query = 'apply=true') =>
  request('POST', `/api/v1/catalog/products/import?${query}`, token, body, { 'content-type': contentType });
const rowsOfTea = (count: number) => csv('Наименование;Цена;Единица измерения;НДС', ...Array.from({ length: count }, (_, index) => `Чай ${index};10;шт;22%`));

describe('product files at the gateway', () => {
  it('exports the filtered list as CSV that Russian Excel opens: BOM, «;», quoted where needed', async () => {
    const { token } = await signedIn('cashier');
    const response = await request('GET', '/api/v1/catalog/products/export?format=csv&search=кофе&sort=price', token);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="products-\d{4}-\d\d-\d\d\.csv"; filename\*=UTF-8''%D0%A2%D0%BE%D0%B2%D0%B0%D1%80%D1%8B%20/);
    expect(response.body.split('\r\n')).toEqual([
      '\uFEFF' + HEADER.join(';'),
      '"Кофе «Арабика»; зерно";;450,50;штука;22%;;Товар;Бразилия;4600000000008;007;Нет',
    ]);
    expect(received.find((call) => call.subject === CatalogSubjects.GetProductList)?.data).toEqual({ search: 'кофе', sort: 'price', limit: 200 });
  });

  it.each(['csv', 'xlsx'])('exports every page of the list as %s, not only the first', async (format) => {
    const { token } = await signedIn('owner');
    const response = await request('GET', `/api/v1/catalog/products/export?format=${format}&search=страницы`, token);
    expect(response.statusCode).toBe(200);
    const pages = received.filter((call) => call.subject === CatalogSubjects.GetProductList).map((call) => call.data);
    expect(pages).toEqual([
      { search: 'страницы', sort: 'name', limit: 200 },
      { search: 'страницы', sort: 'name', limit: 200, cursor: 'page-2' },
    ]);
    const names = format === 'csv' ? response.body.split('\r\n').slice(1).map((line) => line.split(';')[0]) : await xlsxNames(response.rawPayload);
    expect(names).toEqual(['Первая страница', 'Вторая страница']);
  });

  it('exports XLSX with barcodes and articles as text cells', async () => {
    const { token } = await signedIn('cashier');
    const response = await request('GET', '/api/v1/catalog/products/export?format=xlsx', token);
    expect([response.statusCode, response.headers['content-type']]).toEqual([200, XLSX]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect([sheet.getCell('A2').value, sheet.getCell('I2').value, sheet.getCell('J2').value]).toEqual(['Кофе «Арабика»; зерно', '4600000000008', '007']);
  });

  it('sends the rows of a CSV with «,» to the catalog, numbered as lines of the file, and sums up the answer', async () => {
    const { token } = await signedIn('manager');
    const response = await upload(token, csv('Наименование,Цена,Единица измерения,НДС,Штрихкоды', 'Чай,100,шт,22%,', '', 'Сок,"1 200,50",шт,22%,123'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ created: 1, updated: 0, unchanged: 0, invalid: 1, errors: [{ line: 3, field: 'Штрихкоды', message: 'Неверная контрольная цифра' }] });
    const sent = received.map((call) => call.data as ImportProductRows);
    expect(sent).toEqual([
      {
        apply: true,
        rows: [
          { line: 2, cells: { Наименование: 'Чай', Цена: '100', 'Единица измерения': 'шт', НДС: '22%', Штрихкоды: '' } },
          { line: 4, cells: { Наименование: 'Сок', Цена: '1 200,50', 'Единица измерения': 'шт', НДС: '22%', Штрихкоды: '123' } },
        ],
      },
    ]);
  });

  it('reads the first sheet of an XLSX file as text, in batches of 500 rows', async () => {
    const { token } = await signedIn('owner');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Лист1');
    sheet.addRow(['Наименование', 'Цена', 'Единица измерения', 'НДС', 'Артикул']);
    for (let index = 1; index <= 501; index += 1) sheet.addRow([`Товар ${index}`, 12.5, 'шт', '22%', index]);
    const response = await upload(token, Buffer.from(await workbook.xlsx.writeBuffer()), XLSX, 'apply=false');
    expect(response.statusCode).toBe(200);
    const batches = received.map((call) => call.data as ImportProductRows);
    expect(batches.map((batch) => [batch.apply, batch.rows.length])).toEqual([
      [false, 500],
      [false, 1],
    ]);
    expect(batches[1]!.rows[0]).toEqual({ line: 502, cells: { Наименование: 'Товар 501', Цена: '12.5', 'Единица измерения': 'шт', НДС: '22%', Артикул: '501' } });
  });

  it('takes a file far larger than 64 KiB, up to 20 MB, on the import route only', async () => {
    const { token } = await signedIn('owner');
    const big = rowsOfTea(6_000);
    expect(big.length).toBeGreaterThan(128 * 1024);
    expect((await upload(token, big)).statusCode).toBe(200);
    const tooBig = await upload(token, Buffer.alloc(21 * 1024 * 1024, 'а'));
    expect([tooBig.statusCode, tooBig.json().detail]).toEqual([413, 'Запрос слишком большой: не более 20480 КБ']);
    const elsewhere = await request('POST', '/api/v1/catalog/products', token, csv('Наименование;Цена'), { 'content-type': 'text/csv' });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().detail).toBe('Отправьте данные в формате JSON (Content-Type: application/json)');
  });

  it('refuses a file without a required column or with an unknown one, per header in Russian, asking no service', async () => {
    const { token } = await signedIn('owner');
    const response = await upload(token, csv('Наименование;Единица измерения;НДС;Цвет', 'Чай;шт;22%;зелёный'));
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { path: 'Цена', message: 'В файле нет столбца «Цена»: он обязателен' },
      { path: 'Цвет', message: expect.stringMatching(/^Неизвестный столбец «Цвет»/) },
    ]);
    expect(received).toEqual([]);
  });

  it('refuses what is not a product file: JSON, a broken workbook, a file with no products', async () => {
    const { token } = await signedIn('owner');
    const json = await request('POST', '/api/v1/catalog/products/import', token, { rows: [] });
    expect(json.json().detail).toMatch(/^Отправьте файл CSV/);
    expect((await upload(token, Buffer.from('not a zip'), XLSX)).json().detail).toBe('Не удалось прочитать файл Excel: сохраните его как .xlsx и загрузите снова');
    expect((await upload(token, csv('Наименование;Цена;Единица измерения;НДС', ';;;'))).json().detail).toBe('В файле нет ни одного товара');
    expect(received).toEqual([]);
  });

  it('tells how far an import named by an importId got, only to its organisation', async () => {
    const { token } = await signedIn('manager');
    const importId = randomUUID();
    const progressOf = async (bearer = token) => (await request('GET', `/api/v1/catalog/products/import/${importId}`, bearer)).json();
    let openGate!: () => void;
    batchGate = new Promise((resolve) => (openGate = resolve));
    const running = upload(token, rowsOfTea(501), 'text/csv', `apply=true&importId=${importId}`);
    while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    expect(await progressOf()).toEqual({ processedRows: 0, totalRows: 501, status: 'running' });
    expect((await upload(token, rowsOfTea(1), 'text/csv', `apply=true&importId=${importId}`)).statusCode).toBe(409);
    batchGate = undefined;
    openGate();
    expect((await running).statusCode).toBe(200);
    expect(await progressOf()).toEqual({ processedRows: 501, totalRows: 501, status: 'done' });
    expect((await progressOf((await signedIn('owner')).token)).detail).toBe('Загрузка не найдена');
  });

  it('lets a cashier export but not import', async () => {
    const { token } = await signedIn('cashier');
    expect((await upload(token, csv('Наименование;Цена;Единица измерения;НДС', 'Чай;1;шт;22%'))).statusCode).toBe(403);
    expect(received).toEqual([]);
  });
});
