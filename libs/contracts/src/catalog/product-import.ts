import { z } from 'zod';
import type { FieldError } from '../common/problem';
import { oksmCountryName } from './oksm-countries';
import { PAYMENT_SUBJECTS, VAT_RATE_CODES } from './product-fiscal-codes';
import type { ProductFields, ProductView } from './products.http';

/**
 * The columns of a product file (Каталог → Все товары → Импорт / Экспорт), the same both ways so that an exported
 * file imports back unchanged. `field` is the card field a column fills (its errors are reported under the header).
 */
export const PRODUCT_FILE_COLUMNS = [
  { header: 'Наименование', field: 'name', required: true },
  { header: 'Описание', field: 'description', required: false },
  /** Rubles with kopecks: «123,45», «1 234.50». */
  { header: 'Цена', field: 'price', required: true },
  /** A unit's name or short name. */
  { header: 'Единица измерения', field: 'unitId', required: true },
  /** The label the card shows: «22%», «НДС не облагается». */
  { header: 'НДС', field: 'vat', required: true },
  /** The path from the root, «Напитки / Кофе»; the category must exist. */
  { header: 'Категория', field: 'categoryId', required: false },
  /** Tag 1212: the name or the code. */
  { header: 'Предмет расчёта', field: 'paymentSubject', required: false },
  /** ОКСМ: the name or the code. */
  { header: 'Страна', field: 'countryCode', required: false },
  /** Several separated by «,» or «;». */
  { header: 'Штрихкоды', field: 'barcodes', required: false },
  { header: 'Артикул', field: 'article', required: false },
  /** «Да» / «Нет». */
  { header: 'Маркировка', field: 'marked', required: false },
] as const satisfies ReadonlyArray<{ header: string; field: keyof ProductFields; required: boolean }>;

export type ProductFileColumn = (typeof PRODUCT_FILE_COLUMNS)[number]['header'];
export type ProductFileRow = Record<ProductFileColumn, string>;

/** Between the names of a category path: «Напитки / Кофе». */
export const CATEGORY_PATH_SEPARATOR = ' / ';
export const BARCODE_SEPARATOR = ', ';
export const MARKED_LABELS = { yes: 'Да', no: 'Нет' } as const;

/** A header as the file may spell it: spaces around, any letter case, «е» for «ё». */
export function normalizeHeader(header: string): string {
  return header.trim().toLocaleLowerCase('ru').replaceAll('ё', 'е');
}

const COLUMN_BY_HEADER: ReadonlyMap<string, ProductFileColumn> = new Map(PRODUCT_FILE_COLUMNS.map(({ header }) => [normalizeHeader(header), header]));

/** The column a file's header names, or undefined for one the file format does not have. */
export function productFileColumnOf(header: string): ProductFileColumn | undefined {
  return COLUMN_BY_HEADER.get(normalizeHeader(header));
}

/** Problems a refused file lists one by one; the rest are counted in one more. */
export const MAX_LISTED_FILE_PROBLEMS = 20;

/** The first problems and, when there are more, how many more: an answer stays small whatever the file holds. */
export function listedFileProblems(problems: readonly FieldError[], total = problems.length): FieldError[] {
  const listed = problems.slice(0, MAX_LISTED_FILE_PROBLEMS);
  return total > listed.length ? [...listed, { path: '', message: `И ещё ${total - listed.length} таких ошибок` }] : listed;
}

const MAX_QUOTED_CHARS = 50;

/** A file's text as a message quotes it: a long one cut, so that a message never grows with the file. */
export function shortFileText(text: string): string {
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text;
}

const FILE_COLUMN_LIST = PRODUCT_FILE_COLUMNS.map((column) => `«${column.header}»`).join(', ');

/** What is wrong with a file's header row: required columns missing, unknown ones (the first few). Empty when it is fine. */
export function productFileHeaderProblems(headers: readonly string[]): FieldError[] {
  const known = new Set(headers.map(productFileColumnOf));
  const missing = PRODUCT_FILE_COLUMNS.filter((column) => column.required && !known.has(column.header)).map(({ header }) => ({
    path: header,
    message: `В файле нет столбца «${header}»: он обязателен`,
  }));
  const unknown = headers.filter((header) => header.trim() !== '' && productFileColumnOf(header) === undefined);
  const listedUnknown = unknown.slice(0, MAX_LISTED_FILE_PROBLEMS).map((header) => ({
    path: shortFileText(header),
    message: `Неизвестный столбец «${shortFileText(header)}». Столбцы файла: ${FILE_COLUMN_LIST}`,
  }));
  return listedFileProblems([...missing, ...listedUnknown], missing.length + unknown.length);
}

/** «123,45» for 12345 kopecks: a comma, always two decimals, no thousands separators. */
export function formatPriceForFile(kopecks: number): string {
  return `${Math.trunc(kopecks / 100)},${String(kopecks % 100).padStart(2, '0')}`;
}

/** Category id → its path from the root, «Напитки / Кофе», for every category of the list (a tree: no cycles). */
export function categoryPaths(categories: ReadonlyArray<{ id: string; name: string; parentId: string | null }>): Map<string, string> {
  const byId = new Map(categories.map((category) => [category.id, category]));
  const paths = new Map<string, string>();
  const pathOf = (id: string): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const category = byId.get(id)!;
    const parent = category.parentId === null ? undefined : byId.get(category.parentId);
    const path = parent === undefined ? category.name : `${pathOf(parent.id)}${CATEGORY_PATH_SEPARATOR}${category.name}`;
    paths.set(id, path);
    return path;
  };
  for (const category of categories) pathOf(category.id);
  return paths;
}

/** What an export looks up by id: the names of the organisation's units and the paths of its categories. */
export interface ProductFileNames {
  unitNames: ReadonlyMap<string, string>;
  categoryPaths: ReadonlyMap<string, string>;
}

const PAYMENT_SUBJECT_NAMES: ReadonlyMap<number, string> = new Map(PAYMENT_SUBJECTS.map((subject) => [subject.code, subject.name]));

/** A product as a row of the export file, which the import reads back to the same card. */
export function productFileRow(product: ProductView, names: ProductFileNames): ProductFileRow {
  return {
    Наименование: product.name,
    Описание: product.description ?? '',
    Цена: formatPriceForFile(product.price),
    'Единица измерения': names.unitNames.get(product.unitId) ?? '',
    НДС: VAT_RATE_CODES[product.vat].label,
    Категория: product.categoryId === null ? '' : (names.categoryPaths.get(product.categoryId) ?? ''),
    'Предмет расчёта': PAYMENT_SUBJECT_NAMES.get(product.paymentSubject) ?? String(product.paymentSubject),
    Страна: product.countryCode === null ? '' : (oksmCountryName(product.countryCode) ?? product.countryCode),
    Штрихкоды: product.barcodes.join(BARCODE_SEPARATOR),
    Артикул: product.article ?? '',
    Маркировка: product.marked ? MARKED_LABELS.yes : MARKED_LABELS.no,
  };
}

/** Rows of a file are sent in batches well under the bus's 1 MB message limit. */
export const MAX_IMPORT_BATCH_ROWS = 1000;

export const ImportProductRows = z.object({
  /** The import the batch belongs to: what it writes is recorded under it, so that it can be undone. */
  importId: z.uuid(),
  /** The file's data rows: `line` is the row's number in the file (the header row is 1), `cells` by column header. */
  rows: z.array(z.object({ line: z.int().min(1), cells: z.record(z.string(), z.string()) })).min(1).max(MAX_IMPORT_BATCH_ROWS),
  /** false: a preview that says what would happen and writes nothing. */
  apply: z.boolean(),
});
export type ImportProductRows = z.infer<typeof ImportProductRows>;

export const IMPORT_ROW_OUTCOMES = ['created', 'updated', 'unchanged', 'invalid'] as const;
export const ImportRowOutcome = z.enum(IMPORT_ROW_OUTCOMES);
export type ImportRowOutcome = z.infer<typeof ImportRowOutcome>;

export const ImportRowResult = z.object({
  line: z.int(),
  outcome: ImportRowOutcome,
  /** The product created or updated (in a preview, the one that would be updated; a new id for one to create). */
  productId: z.uuid().optional(),
  name: z.string().optional(),
  /** Why an invalid row was refused: under the column's header, or null for the row as a whole. */
  errors: z.array(z.object({ field: z.string().nullable(), message: z.string() })).optional(),
});
export type ImportRowResult = z.infer<typeof ImportRowResult>;

/** One result per row, in the batch's order. */
export const ImportProductRowsResult = z.object({ results: z.array(ImportRowResult) });
export type ImportProductRowsResult = z.infer<typeof ImportProductRowsResult>;

/** The errors an import answer over HTTP lists; its counts cover every row. */
export const MAX_REPORTED_IMPORT_ERRORS = 1_000;

export const ProductImportError = z.object({
  line: z.int().describe('Строка файла (заголовок — строка 1)'),
  name: z.string().optional().describe('Наименование товара в строке, если оно есть'),
  field: z.string().nullable().describe('Столбец файла или null, если ошибка во всей строке'),
  message: z.string(),
});
export type ProductImportError = z.infer<typeof ProductImportError>;

/** What POST /catalog/products/import did, or in a preview would do. */
export const ProductImportReport = z.object({
  importId: z.uuid().describe('Загрузка: её можно отменить (`POST /api/v1/catalog/products/import/{importId}/undo`)'),
  created: z.int(),
  updated: z.int(),
  unchanged: z.int(),
  invalid: z.int(),
  errors: z.array(ProductImportError).describe(`Первые ${MAX_REPORTED_IMPORT_ERRORS} ошибок`),
});
export type ProductImportReport = z.infer<typeof ProductImportReport>;

/**
 * How far a running import got (GET /catalog/products/import/{importId}). The client picks the id and asks while its
 * upload is under way: `waiting` until the gateway has read the file.
 */
export const ProductImportProgressView = z.object({
  processedRows: z.int().describe('Строк отправлено в каталог и обработано'),
  totalRows: z.int().describe('Строк с товарами в файле (0, пока файл не прочитан)'),
  status: z.enum(['waiting', 'running', 'done', 'failed']),
});
export type ProductImportProgressView = z.infer<typeof ProductImportProgressView>;

/** «Отменить импорт»: what the import created is deleted, what it changed gets its values before the import back. */
export const UndoProductImport = z.object({ importId: z.uuid() });
export type UndoProductImport = z.infer<typeof UndoProductImport>;
