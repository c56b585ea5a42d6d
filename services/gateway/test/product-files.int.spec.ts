import { randomUUID } from 'node:crypto';
import { CatalogSubjects, PRODUCT_FILE_COLUMNS, type ImportProductRows, type ImportProductRowsResult, type ProductList, type ProductView } from '@elk/contracts';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
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
/** A description a spreadsheet would run as a formula, a clickable link, were it written as it is. */
const FORMULA = '=HYPERLINK("http://evil.example","Подробнее")';
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
/** Set while a test has the catalog fail the batch that starts with this line. */
let failingBatchLine: number | undefined;

const { received, logs, request, signedIn } = gatewayAnswering({
  [CatalogSubjects.GetUnitList]: { items: [{ id: unitId, version: 1, name: 'штука', shortName: 'шт', ffdCode: 0, createdAt: at, updatedAt: at }], total: 1, nextCursor: null },
  [CatalogSubjects.GetCategoryList]: { items: [], total: 0, nextCursor: null },
  /** Two pages when the export searches for «страницы»; texts that look like formulas for «формулы». */
  [CatalogSubjects.GetProductList]: ({ search, cursor }: { search?: string; cursor?: string }): ProductList => {
    if (search === 'формулы') return { items: [{ ...product, description: FORMULA, article: '-007' }], total: 1, nextCursor: null };
    return search === 'страницы' && cursor === undefined
      ? { items: [{ ...product, name: 'Первая страница' }], total: 2, nextCursor: 'page-2' }
      : { items: [{ ...product, ...(cursor ? { name: 'Вторая страница' } : {}) }], total: search === 'страницы' ? 2 : 1, nextCursor: null };
  },
  [CatalogSubjects.ImportProductRows]: async ({ rows }: ImportProductRows) => {
    await batchGate;
    if (rows[0]!.line === failingBatchLine) throw new Error('database unavailable');
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
const REQUIRED_HEADER = 'Наименование;Цена;Единица измерения;НДС';
const rowsOfTea = (count: number) => csv(REQUIRED_HEADER, ...Array.from({ length: count }, (_, index) => `Чай ${index};10;шт;22%`));


/** A workbook of one product sheet, as Excel would save it. */
async function productWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Товары');
  sheet.addRow(['Наименование', 'Цена', 'Единица измерения', 'НДС']);
  sheet.addRow(['Чай', 10, 'шт', '22%']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The zip with a part's size, as its local header and the directory declare it, set to `size`: a zip that lies. */
function declaringSize(zip: Buffer, fileName: string, size: number): Buffer {
  const lying = Buffer.from(zip);
  const name = Buffer.from(fileName);
  const records = [
    { signature: 0x04034b50, sizeAt: 22, nameAt: 30 },
    { signature: 0x02014b50, sizeAt: 24, nameAt: 46 },
  ];
  for (const { signature, sizeAt, nameAt } of records) {
    const marker = Buffer.alloc(4);
    marker.writeUInt32LE(signature);
    for (let at = lying.indexOf(marker); at !== -1; at = lying.indexOf(marker, at + 4)) {
      if (lying.subarray(at + nameAt, at + nameAt + name.length).equals(name)) lying.writeUInt32LE(size, at + sizeAt);
    }
  }
  return lying;
}

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
      { search: 'страницы', limit: 200 },
      { search: 'страницы', limit: 200, cursor: 'page-2' },
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
    const report = response.json();
    expect(report).toEqual({ importId: expect.any(String), created: 1, updated: 0, unchanged: 0, invalid: 1, errors: [{ line: 3, field: 'Штрихкоды', message: 'Неверная контрольная цифра' }] });
    const sent = received.map((call) => call.data as ImportProductRows);
    // The rows go under the import's id, which the answer names for «Отменить импорт».
    expect(sent).toEqual([
      {
        importId: report.importId,
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

  it('refuses a header of absurdly many columns at once, with a short answer, before reading the rows', async () => {
    const { token } = await signedIn('owner');
    for (const columns of [50_000, 1_600_000]) {
      const file = csv(`${'Цвет;'.repeat(columns - 1)}Цвет`, 'Чай;1;шт;22%');
      // The gateway runs in this process: its CPU time, which a loaded machine does not stretch as it does the wall
      // clock, tells a linear refusal (well under a second) from one that does work per pair of columns (minutes).
      const cpuBefore = process.cpuUsage();
      const response = await upload(token, file);
      const cpu = process.cpuUsage(cpuBefore);
      expect([response.statusCode, response.json().detail]).toEqual([400, `В файле ${columns} столбцов, а в файле товаров их не больше 256: оставьте только столбцы товаров`]);
      expect(response.body.length).toBeLessThan(1024);
      expect((cpu.user + cpu.system) / 1000).toBeLessThan(5_000);
    }
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Товары').addRow(Array.from({ length: 300 }, () => 'Цвет'));
    const wideSheet = await upload(token, Buffer.from(await workbook.xlsx.writeBuffer()), XLSX);
    expect([wideSheet.statusCode, wideSheet.json().detail]).toEqual([400, 'В файле 300 столбцов, а в файле товаров их не больше 256: оставьте только столбцы товаров']);
    expect(received).toEqual([]);
  });

  it('refuses a file of more than 200 000 lines, blank ones included', async () => {
    const { token } = await signedIn('owner');
    for (const line of ['Чай;1;шт;22%', ';;;']) {
      const response = await upload(token, csv(REQUIRED_HEADER, Array.from({ length: 200_000 }, () => line).join('\r\n')));
      expect([response.statusCode, response.json().detail]).toEqual([400, 'В файле больше 200000 строк: разделите товары на несколько файлов']);
    }
    expect(received).toEqual([]);
  });

  it('lists the first 20 unknown columns, each cut to 50 characters, and counts the rest', async () => {
    const { token } = await signedIn('owner');
    const unknown = ['Ж'.repeat(10_000), ...Array.from({ length: 199 }, (_, index) => `Цвет ${index}`)];
    const response = await upload(token, csv(`${REQUIRED_HEADER};${unknown.join(';')}`, 'Чай;1;шт;22%'));
    expect(response.statusCode).toBe(400);
    const { errors, detail } = response.json();
    expect(errors).toHaveLength(21);
    expect(errors[0]).toEqual({ path: `${'Ж'.repeat(50)}…`, message: expect.stringMatching(new RegExp(`^Неизвестный столбец «Ж{50}…»\\. Столбцы файла: «Наименование»`)) });
    expect(errors[19].path).toBe('Цвет 18');
    expect(errors[20]).toEqual({ path: '', message: 'И ещё 180 таких ошибок' });
    expect(detail).toMatch(/\. И ещё 180 таких ошибок$/);
    expect(response.body.length).toBeLessThan(16 * 1024);
  });

  it('refuses an Excel file that would unpack into more than 128 MB, or has more than 1000 parts, before unpacking any', async () => {
    const { token } = await signedIn('owner');
    const withImage = await JSZip.loadAsync(await productWorkbook());
    withImage.file('xl/media/image1.png', Buffer.alloc(129 * 1024 * 1024), { compression: 'DEFLATE' });
    const bomb = await withImage.generateAsync({ type: 'nodebuffer' });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const tooBig = await upload(token, bomb, XLSX);
    expect([tooBig.statusCode, tooBig.json().detail]).toEqual([400, 'Файл Excel после распаковки больше 128 МБ: уберите из него картинки или разделите товары на несколько файлов']);

    const withParts = await JSZip.loadAsync(await productWorkbook());
    for (let index = 0; index < 1_000; index += 1) withParts.file(`xl/media/image${index}.png`, '');
    const tooMany = await upload(token, await withParts.generateAsync({ type: 'nodebuffer' }), XLSX);
    expect([tooMany.statusCode, tooMany.json().detail]).toEqual([400, 'В файле Excel больше 1000 частей: сохраните лист с товарами в новый файл']);
    expect(received).toEqual([]);
  }, 30_000);

  it('refuses an Excel file whose sheet unpacks into more than its zip declares', async () => {
    const { token } = await signedIn('owner');
    const workbook = await JSZip.loadAsync(await productWorkbook());
    const sheet = await workbook.file('xl/worksheets/sheet1.xml')!.async('string');
    workbook.file('xl/worksheets/sheet1.xml', sheet.replace('</worksheet>', `${' '.repeat(8 * 1024 * 1024)}</worksheet>`), { compression: 'DEFLATE' });
    const lying = declaringSize(await workbook.generateAsync({ type: 'nodebuffer' }), 'xl/worksheets/sheet1.xml', sheet.length);
    const response = await upload(token, lying, XLSX);
    expect([response.statusCode, response.json().detail]).toEqual([400, 'Не удалось прочитать файл Excel: сохраните его как .xlsx и загрузите снова']);
    expect(received).toEqual([]);
  });

  it('reads the first sheet of a workbook that also has an image, a link and a second sheet', async () => {
    const { token } = await signedIn('owner');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Товары');
    sheet.addRow(['Наименование', 'Цена', 'Единица измерения', 'НДС', 'Описание']);
    sheet.addRow(['Чай', 10, 'шт', '22%', { text: 'Сайт', hyperlink: 'https://example.ru' }]);
    const onePixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    sheet.addImage(workbook.addImage({ buffer: onePixelPng as unknown as ExcelJS.Buffer, extension: 'png' }), 'F1:G2');
    workbook.addWorksheet('Справка').addRow(['Не товары']);
    const response = await upload(token, Buffer.from(await workbook.xlsx.writeBuffer()), XLSX);
    expect(response.statusCode).toBe(200);
    expect((received[0]!.data as ImportProductRows).rows).toEqual([{ line: 2, cells: { Наименование: 'Чай', Цена: '10', 'Единица измерения': 'шт', НДС: '22%', Описание: 'Сайт' } }]);
  });

  it('exports a text a spreadsheet would run as a formula with an apostrophe in front, and imports it back as it was', async () => {
    const { token } = await signedIn('owner');
    const exported = await request('GET', '/api/v1/catalog/products/export?format=csv&search=формулы', token);
    const line = exported.body.split('\r\n')[1]!;
    expect(line).toBe(`"Кофе «Арабика»; зерно";"'=HYPERLINK(""http://evil.example"",""Подробнее"")";450,50;штука;22%;;Товар;Бразилия;4600000000008;"'-007";Нет`);

    received.length = 0;
    expect((await upload(token, Buffer.from(exported.body))).statusCode).toBe(200);
    const [sent] = (received[0]!.data as ImportProductRows).rows;
    expect([sent!.cells['Описание'], sent!.cells['Артикул']]).toEqual([FORMULA, '-007']);
  });

  it('refuses a file with a NUL character in a cell, naming its line and column, asking no service', async () => {
    const { token } = await signedIn('owner');
    const response = await upload(token, csv(`${REQUIRED_HEADER};Описание`, 'Чай;1;шт;22%;', 'Кофе;2;шт;22%;Зёрна\u0000', 'Какао;3;шт;22%;'));
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ path: 'Описание', message: 'Строка 3, столбец «Описание»: недопустимый символ NUL (код 0) — удалите его' }]);

    const many = await upload(token, csv(`${REQUIRED_HEADER};Описание`, ...Array.from({ length: 30 }, (_, index) => `Чай ${index};1;шт;22%;\u0000`)));
    expect(many.json().errors).toHaveLength(21);
    expect(many.json().errors.at(-1)).toEqual({ path: '', message: 'И ещё 10 таких ошибок' });
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

  it('tells how far an import named by an importId got (waiting before the file is read), only to its organisation', async () => {
    const { token } = await signedIn('manager');
    const importId = randomUUID();
    const progressOf = async (bearer = token) => (await request('GET', `/api/v1/catalog/products/import/${importId}`, bearer)).json();
    const waiting = { processedRows: 0, totalRows: 0, status: 'waiting' };
    expect(await progressOf()).toEqual(waiting);
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
    // Another organisation's owner learns nothing of it.
    expect(await progressOf((await signedIn('owner')).token)).toEqual(waiting);
  });

  it('says which lines were loaded when a batch fails after others were written, and logs the cause', async () => {
    const { token } = await signedIn('owner');
    failingBatchLine = 502;
    const response = await upload(token, rowsOfTea(1_000)).finally(() => (failingBatchLine = undefined));
    expect([response.statusCode, response.json().detail]).toEqual([
      500,
      'Загрузка прервалась на строке 502: Что-то пошло не так. Попробуйте ещё раз чуть позже. Строки до неё загружены (создано 1, обновлено 0, без изменений 0, с ошибками 1), следующие — возможно, не все. Загрузите файл ещё раз: уже загруженные строки не изменятся',
    ]);
    expect(logs()).toContainEqual(expect.objectContaining({ msg: 'request failed', route: '/api/v1/catalog/products/import', err: expect.objectContaining({ message: expect.stringContaining('Internal') }) }));
  });

  it('lets a cashier export but not import', async () => {
    const { token } = await signedIn('cashier');
    expect((await upload(token, csv('Наименование;Цена;Единица измерения;НДС', 'Чай;1;шт;22%'))).statusCode).toBe(403);
    expect(received).toEqual([]);
  });
});
