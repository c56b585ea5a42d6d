import {
  AddProductRequest,
  MARKED_LABELS,
  PRODUCT_FILE_COLUMNS,
  VAT_RATES,
  VAT_RATE_CODES,
  fieldErrorsOf,
  productFileColumnOf,
  shortFileText,
  type FieldError,
  type ProductFields,
  type ProductFileColumn,
  unstorableTextProblem,
} from '@elk/contracts';
import { normalizeName, type ProductFileLookups } from './product-file-lookups';

export interface RowError {
  /** The column's header; null for the row as a whole. */
  field: string | null;
  message: string;
}

/** The card a row describes, and which fields its file has columns for (the others keep what the product has). */
export type ConvertedRow =
  | { valid: true; fields: ProductFields; columns: ReadonlySet<keyof ProductFields> }
  /** `name` as the row has it, when it has one: the merchant finds the row by it. */
  | { valid: false; name?: string; errors: RowError[] };

type FieldName = keyof ProductFields;
type Conversion = { value: unknown } | { error: string };

const HEADER_OF_FIELD = new Map<string, ProductFileColumn>(PRODUCT_FILE_COLUMNS.map(({ header, field }) => [field, header]));

/** An error of the card (a schema path or a domain error's path such as `barcodes.0`) under its column's header. */
export function rowErrorOf({ path, message }: FieldError): RowError {
  return { field: HEADER_OF_FIELD.get(path.split('.')[0]!) ?? null, message };
}

const COLUMN_ORDER: ReadonlyArray<string | null> = PRODUCT_FILE_COLUMNS.map(({ header }) => header);
const byColumn = (a: RowError, b: RowError) => COLUMN_ORDER.indexOf(a.field) - COLUMN_ORDER.indexOf(b.field);

const PRICE_FORMAT_MESSAGE = 'Цена — сумма в рублях, например 123,45';
const VAT_LABELS = VAT_RATES.map((rate) => VAT_RATE_CODES[rate].label).join(', ');

/** «1 234,50» or «1234.5» → 123450 kopecks; spaces between thousands and a trailing «₽» allowed. */
export function parsePrice(text: string): number | undefined {
  const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text.replace(/[\s\u00a0\u202f]|₽$/g, ''));
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

const required = (message: string, convert: (text: string) => Conversion) => (text: string) => (text === '' ? { error: message } : convert(text));
const optional = (convert: (text: string) => Conversion, blank: unknown) => (text: string) => (text === '' ? { value: blank } : convert(text));

/** Each column's text → the card field's value, or why it cannot be one. The card's schema checks the rest. */
function converters(lookups: ProductFileLookups): Record<ProductFileColumn, (text: string) => Conversion> {
  return {
    Наименование: (text) => ({ value: text }),
    Описание: (text) => ({ value: text }),
    Цена: required('Укажите цену', (text) => {
      const kopecks = parsePrice(text);
      return kopecks === undefined ? { error: PRICE_FORMAT_MESSAGE } : { value: kopecks };
    }),
    'Единица измерения': required('Укажите единицу измерения', (text) => {
      const match = lookups.unit(text);
      if (match === undefined) return { error: `Единица измерения «${shortFileText(text)}» не найдена: добавьте её в Каталог → Единицы измерения или укажите другую` };
      if ('ambiguous' in match) return { error: `Единиц измерения «${shortFileText(text)}» несколько: переименуйте лишние или укажите другую` };
      return { value: match.unitId };
    }),
    НДС: required('Укажите ставку НДС', (text) => {
      const rate = lookups.vat(text);
      return rate === undefined ? { error: `Ставки НДС «${shortFileText(text)}» нет. Ставки: ${VAT_LABELS}` } : { value: rate };
    }),
    Категория: optional((text) => {
      const categoryId = lookups.category(text);
      return categoryId === undefined
        ? { error: `Категории «${shortFileText(text)}» нет: создайте её в Каталог → Категории (путь от верхней, через «/») или оставьте поле пустым` }
        : { value: categoryId };
    }, null),
    'Предмет расчёта': optional((text) => {
      const code = lookups.paymentSubject(text);
      return code === undefined ? { error: `Предмета расчёта «${shortFileText(text)}» нет: укажите название или код по тегу 1212` } : { value: code };
    }, undefined),
    Страна: optional((text) => {
      const code = lookups.country(text);
      return code === undefined ? { error: `Страны «${shortFileText(text)}» нет в ОКСМ: укажите название или трёхзначный код` } : { value: code };
    }, null),
    Штрихкоды: (text) => ({ value: text.split(/[,;\s]+/).filter((barcode) => barcode !== '') }),
    Артикул: (text) => ({ value: text }),
    Маркировка: optional((text) => {
      const answer = normalizeName(text);
      if (answer === normalizeName(MARKED_LABELS.yes)) return { value: true };
      if (answer === normalizeName(MARKED_LABELS.no)) return { value: false };
      return { error: `Маркировка — «${MARKED_LABELS.yes}» или «${MARKED_LABELS.no}»` };
    }, false),
  };
}

/**
 * Turns rows of a product file into cards, checked by the card's own schema; every error under its column's header.
 * Build one per batch: the lookups are the batch's.
 */
export function productRowConverter(lookups: ProductFileLookups): (cells: Readonly<Record<string, string>>) => ConvertedRow {
  const convert = converters(lookups);
  const fieldOf = new Map<string, FieldName>(PRODUCT_FILE_COLUMNS.map(({ header, field }) => [header, field]));
  return (cells) => {
    const card: Record<string, unknown> = {};
    const columns = new Set<FieldName>();
    const errors: RowError[] = [];
    for (const [header, text] of Object.entries(cells)) {
      const column = productFileColumnOf(header);
      if (column === undefined) continue;
      const field = fieldOf.get(column)!;
      columns.add(field);
      const unstorable = unstorableTextProblem(text);
      const conversion = unstorable === undefined ? convert[column](text.trim()) : { error: `В тексте ${unstorable}` };
      if ('error' in conversion) errors.push({ field: column, message: conversion.error });
      else if (conversion.value !== undefined) card[field] = conversion.value;
    }
    const parsed = AddProductRequest.safeParse(card);
    // A field that could not be read is reported once, for what was wrong with its text.
    const unread = new Set(errors.map((error) => error.field));
    const schemaErrors = parsed.success ? [] : fieldErrorsOf(parsed.error).map(rowErrorOf).filter((error) => !unread.has(error.field));
    if (errors.length > 0 || !parsed.success) {
      const name = typeof card['name'] === 'string' && card['name'] !== '' ? shortFileText(card['name']) : undefined;
      return { valid: false, name, errors: [...errors, ...schemaErrors].sort(byColumn) };
    }
    return { valid: true, fields: parsed.data, columns };
  };
}
