import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  DomainError,
  MAX_LISTED_FILE_PROBLEMS,
  PRODUCT_FILE_COLUMNS,
  listedFileProblems,
  shortFileText,
  unstorableTextProblem,
  withoutFormulaGuard,
  type FieldError,
  type ProductFileRow,
} from '@elk/contracts';
import Papa from 'papaparse';
import yauzl from 'yauzl';
import { spreadsheetCsv } from '../files/spreadsheet-csv';
import { XLSX_CONTENT_TYPE, loadExcel, spreadsheetXlsx } from '../files/spreadsheet-xlsx';

export const PRODUCT_FILE_FORMATS = ['csv', 'xlsx'] as const;
export type ProductFileFormat = (typeof PRODUCT_FILE_FORMATS)[number];

export const PRODUCT_FILE_CONTENT_TYPES: Record<ProductFileFormat, string> = {
  csv: 'text/csv',
  xlsx: XLSX_CONTENT_TYPE,
};

/** A product file may be far larger than the 64 KiB other requests may be. */
export const PRODUCT_FILE_BODY_LIMIT_BYTES = 20 * 1024 * 1024;

const HEADERS = PRODUCT_FILE_COLUMNS.map((column) => column.header);
/** Columns Excel would turn into numbers («4600000000008» into 4,6E+12, «007» into 7): kept as text. */
const TEXT_COLUMNS = new Set<string>(['Штрихкоды', 'Артикул', 'Страна']);

const cellsOf = (row: ProductFileRow) => HEADERS.map((header) => row[header]);

// jszip loads with the first workbook read, not at every start.
const loadJsZip = async () => (await import('jszip')).default;

/** The CSV file, a chunk of text per chunk of rows. */
export function csvProductFile(chunks: AsyncIterable<ProductFileRow[]>): Readable {
  return spreadsheetCsv(
    HEADERS,
    (async function* () {
      for await (const rows of chunks) yield rows.map(cellsOf);
    })(),
  );
}

/** The Excel workbook, one sheet, written row by row as the chunks come. */
export function xlsxProductFile(chunks: AsyncIterable<ProductFileRow[]>): Readable {
  return spreadsheetXlsx(
    'Товары',
    HEADERS.map((header) => ({ header, kind: TEXT_COLUMNS.has(header) ? 'text' : undefined })),
    (async function* () {
      for await (const rows of chunks) yield rows.map(cellsOf);
    })(),
  );
}

/** A file's rows by column header; `line` counts as a spreadsheet does, the header row being 1. */
export interface ProductFileContent {
  headers: string[];
  rows: Array<{ line: number; cells: Record<string, string> }>;
}

/** Columns a product file may have, empty ones included: its 11 and room for stray ones, not an attack's millions. */
export const MAX_PRODUCT_FILE_COLUMNS = 256;
/** Lines a product file may have: a 20 MB file of real products has about 150 000; of blank lines, millions. */
export const MAX_PRODUCT_FILE_LINES = 200_000;
/** Parts of a workbook (sheets, images, styles…): a real one has dozens. */
export const MAX_WORKBOOK_PARTS = 1_000;
/** What a workbook's parts may take unpacked, by its zip's directory: a 100 000-product export takes about 60 MB. */
export const MAX_WORKBOOK_UNPACKED_BYTES = 128 * 1024 * 1024;

const UNREADABLE_WORKBOOK = 'Не удалось прочитать файл Excel: сохраните его как .xlsx и загрузите снова';

function fileProblem(message: string, errors: FieldError[] = [{ path: '', message }]): DomainError {
  return new DomainError('VALIDATION_FAILED', message, errors);
}

function refuseOversizedTable(columns: number, lines: number): void {
  if (columns > MAX_PRODUCT_FILE_COLUMNS) {
    throw fileProblem(`В файле ${columns} столбцов, а в файле товаров их не больше ${MAX_PRODUCT_FILE_COLUMNS}: оставьте только столбцы товаров`);
  }
  if (lines > MAX_PRODUCT_FILE_LINES) throw fileProblem(`В файле больше ${MAX_PRODUCT_FILE_LINES} строк: разделите товары на несколько файлов`);
}

/** UTF-8 (with or without a byte order mark) or, failing that, Windows-1251 as older Excel saves CSV. */
function decodeText(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return new TextDecoder('windows-1251').decode(file);
  }
}

type TableRow = { line: number; values: string[] };

/** Refuses the rows if a cell holds text PostgreSQL cannot store, naming the first few by line and column. */
function refuseUnstorableCells(rows: ProductFileContent['rows']): void {
  const listed: FieldError[] = [];
  let total = 0;
  for (const { line, cells } of rows) {
    for (const [name, value] of Object.entries(cells)) {
      const problem = unstorableTextProblem(value);
      if (problem === undefined) continue;
      total += 1;
      if (listed.length < MAX_LISTED_FILE_PROBLEMS) listed.push({ path: shortFileText(name), message: `Строка ${line}, столбец «${shortFileText(name)}»: ${problem}` });
    }
  }
  if (total === 0) return;
  const errors = listedFileProblems(listed, total);
  throw fileProblem(errors.map((error) => error.message).join('. '), errors);
}

/** The rows by header; an empty header cell's column is left out. */
function contentOf(table: readonly TableRow[]): ProductFileContent {
  const [header, ...data] = table;
  const headers = (header?.values ?? []).map((value) => value.trim());
  const named = headers.flatMap((name, index) => (name === '' ? [] : [{ name, index }]));
  const rows = data
    .filter(({ values }) => values.some((value) => value.trim() !== ''))
    .map(({ line, values }) => ({ line, cells: Object.fromEntries(named.map(({ name, index }) => [name, values[index] ?? ''])) }));
  refuseUnstorableCells(rows);
  return { headers: named.map(({ name }) => name), rows };
}

/**
 * «;» or «,» as the file has it. A record with line breaks inside quotes counts as one line. A header far wider than a
 * product file's is refused before any row is read, a file of too many lines as soon as it has them; a text an export
 * guarded against spreadsheet formulas comes back as it was.
 */
export function readCsvProductFile(file: Buffer): ProductFileContent {
  const table: TableRow[] = [];
  let width = 0;
  let line = 0;
  Papa.parse<string[]>(decodeText(file), {
    delimitersToGuess: [';', ','],
    skipEmptyLines: false,
    step: ({ data }, parser) => {
      line += 1;
      if (line === 1) width = data.length;
      if (width > MAX_PRODUCT_FILE_COLUMNS || line > MAX_PRODUCT_FILE_LINES) return parser.abort();
      if (line === 1 || data.some((value) => value.trim() !== '')) table.push({ line, values: data.slice(0, width).map(withoutFormulaGuard) });
    },
  });
  refuseOversizedTable(width, line);
  return contentOf(table);
}

/** The XML parts exceljs reads a workbook's cells and what they refer to from; images and embedded files stay packed. */
const XML_PART = /\.(?:xml|rels|vml)$/;

/**
 * The workbook with only its XML parts, after the zip's directory says how many parts it has and what they take
 * unpacked: a zip with too many or too big is refused before anything is unpacked. yauzl checks each part's unpacked
 * bytes against the size the directory declares, so a part that lies about its size fails instead of unpacking on.
 */
async function xmlPartsOf(file: Buffer): Promise<Buffer> {
  const zip = await yauzl.fromBufferPromise(file, { lazyEntries: true, validateEntrySizes: true });
  try {
    if (zip.entryCount > MAX_WORKBOOK_PARTS) throw fileProblem(`В файле Excel больше ${MAX_WORKBOOK_PARTS} частей: сохраните лист с товарами в новый файл`);
    const entries: yauzl.Entry[] = [];
    for await (const entry of zip.eachEntry()) entries.push(entry);
    if (entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0) > MAX_WORKBOOK_UNPACKED_BYTES) {
      throw fileProblem(`Файл Excel после распаковки больше ${MAX_WORKBOOK_UNPACKED_BYTES / 1024 / 1024} МБ: уберите из него картинки или разделите товары на несколько файлов`);
    }
    const JSZip = await loadJsZip();
    const workbook = new JSZip();
    for (const entry of entries.filter(({ fileName }) => XML_PART.test(fileName))) {
      workbook.file(entry.fileName, await buffer(await zip.openReadStreamPromise(entry)));
    }
    return await workbook.generateAsync({ type: 'nodebuffer' });
  } finally {
    zip.close();
  }
}

/** The first sheet, every cell as the text Excel shows. */
export async function readXlsxProductFile(file: Buffer): Promise<ProductFileContent> {
  const { Workbook } = await loadExcel();
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load((await xmlPartsOf(file)) as unknown as ArrayBuffer);
  } catch (error) {
    throw error instanceof DomainError ? error : fileProblem(UNREADABLE_WORKBOOK);
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return { headers: [], rows: [] };
  const width = sheet.getRow(1).cellCount;
  refuseOversizedTable(width, sheet.rowCount);
  const table: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    table.push({ line, values: Array.from({ length: width }, (_, index) => row.getCell(index + 1).text) });
  });
  if (table[0]?.line !== 1) return { headers: [], rows: [] };
  return contentOf(table);
}
