import { PassThrough, Readable } from 'node:stream';
import { PRODUCT_FILE_COLUMNS, type ProductFileRow } from '@elk/contracts';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

export const PRODUCT_FILE_FORMATS = ['csv', 'xlsx'] as const;
export type ProductFileFormat = (typeof PRODUCT_FILE_FORMATS)[number];

export const PRODUCT_FILE_CONTENT_TYPES: Record<ProductFileFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const HEADERS = PRODUCT_FILE_COLUMNS.map((column) => column.header);
/** Russian Excel separates CSV fields with «;» and reads UTF-8 only after a byte order mark. */
const CSV_DELIMITER = ';';
const BYTE_ORDER_MARK = '\uFEFF';
/** Columns Excel would turn into numbers («4600000000008» into 4,6E+12, «007» into 7): kept as text. */
const TEXT_COLUMNS = new Set<string>(['Штрихкоды', 'Артикул', 'Страна']);

const cellsOf = (row: ProductFileRow) => HEADERS.map((header) => row[header]);

/** The CSV file, a chunk of text per chunk of rows. */
export function csvProductFile(chunks: AsyncIterable<ProductFileRow[]>): Readable {
  return Readable.from(
    (async function* () {
      yield BYTE_ORDER_MARK + Papa.unparse([HEADERS], { delimiter: CSV_DELIMITER });
      for await (const rows of chunks) {
        if (rows.length > 0) yield '\r\n' + Papa.unparse(rows.map(cellsOf), { delimiter: CSV_DELIMITER });
      }
    })(),
  );
}

/** The Excel workbook, one sheet, written row by row as the chunks come. */
export function xlsxProductFile(chunks: AsyncIterable<ProductFileRow[]>): Readable {
  const file = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: file, useStyles: true });
  const sheet = workbook.addWorksheet('Товары');
  sheet.columns = HEADERS.map((header) => ({ header, key: header, width: Math.max(14, header.length + 2), style: TEXT_COLUMNS.has(header) ? { numFmt: '@' } : {} }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    for await (const rows of chunks) {
      for (const row of rows) sheet.addRow(cellsOf(row)).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => file.destroy(error instanceof Error ? error : new Error(String(error))));
  return file;
}

/** A file's rows by column header; `line` counts as a spreadsheet does, the header row being 1. */
export interface ProductFileContent {
  headers: string[];
  rows: Array<{ line: number; cells: Record<string, string> }>;
}

/** UTF-8 (with or without a byte order mark) or, failing that, Windows-1251 as older Excel saves CSV. */
function decodeText(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return new TextDecoder('windows-1251').decode(file);
  }
}

function contentOf(table: ReadonlyArray<{ line: number; values: string[] }>): ProductFileContent {
  const [header, ...data] = table;
  const headers = (header?.values ?? []).map((value) => value.trim());
  const rows = data
    .filter(({ values }) => values.some((value) => value.trim() !== ''))
    .map(({ line, values }) => ({
      line,
      cells: Object.fromEntries(headers.flatMap((name, index) => (name === '' ? [] : [[name, values[index] ?? '']]))),
    }));
  return { headers: headers.filter((name) => name !== ''), rows };
}

/** «;» or «,» as the file has it. A record with line breaks inside quotes counts as one line. */
export function readCsvProductFile(file: Buffer): ProductFileContent {
  const parsed = Papa.parse<string[]>(decodeText(file), { delimitersToGuess: [';', ','], skipEmptyLines: false });
  return contentOf(parsed.data.map((values, index) => ({ line: index + 1, values })));
}

/** The first sheet, every cell as the text Excel shows. */
export async function readXlsxProductFile(file: Buffer): Promise<ProductFileContent> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return { headers: [], rows: [] };
  const width = sheet.getRow(1).cellCount;
  const table: Array<{ line: number; values: string[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    table.push({ line, values: Array.from({ length: width }, (_, index) => row.getCell(index + 1).text) });
  });
  if (table[0]?.line !== 1) return { headers: [], rows: [] };
  return contentOf(table);
}
