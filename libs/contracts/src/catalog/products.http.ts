import { z } from 'zod';
import { MAX_BULK_IDS } from '../common/bulk';
import { listPage, sortedListQuery } from '../common/list-query';
import { oksmCountryName } from './oksm-countries';
import { LEGACY_VAT_RATES, NO_BARCODE, VAT_RATE_CODES, VAT_RATES, isPaymentSubjectCode, isValidBarcode, type AnyVatRate } from './product-fiscal-codes';

/** Bodies of /api/v1/catalog/products (Каталог → Все товары). */

/**
 * Characters a product name (FFD tag 1030) may not have, besides tabs and line breaks: quotes of every kind, which
 * the manual asks to leave out, and characters that break markup.
 */
export const PRODUCT_NAME_FORBIDDEN_CHARACTERS = ['"', "'", '«', '»', '„', '“', '”', '‘', '’', '`', '<', '>', '\\'] as const;
export const PRODUCT_NAME_FORBIDDEN_MESSAGE = `Наименование не может содержать кавычки и символы ${PRODUCT_NAME_FORBIDDEN_CHARACTERS.join(' ')}, табуляцию и переносы строк`;
// Quotes (also ‚ ‹ ›), control characters (tabs and line breaks among them) and the Unicode line and paragraph separators.
const FORBIDDEN_IN_NAME = /["'«»„“”‘’‚‹›`<>\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** 999 999 999,99 ₽: well within a safe integer, and more than any till takes. */
export const MAX_PRICE_KOPECKS = 99_999_999_999;
const PRICE_MESSAGE = 'Цена — от 0 до 999 999 999,99 ₽';
const priceError = (issue: { input?: unknown }) => (issue.input === undefined ? undefined : PRICE_MESSAGE);

export const VatRate = z.enum(VAT_RATES);
export type VatRate = z.infer<typeof VatRate>;
const LEGACY_VAT_MESSAGES: Record<(typeof LEGACY_VAT_RATES)[number], string> = {
  vat20: 'Ставка НДС 20% не применяется с 1 января 2026 года: выберите 22%',
  'vat20/120': 'Ставка НДС 20/120 не применяется с 1 января 2026 года: выберите 22/122',
};
const isLegacyVatRate = (rate: AnyVatRate): rate is keyof typeof LEGACY_VAT_MESSAGES => Object.hasOwn(LEGACY_VAT_MESSAGES, rate);
/** Any tag 1199 rate is understood, so that 20% gets a message saying why it is refused rather than «choose one». */
const vatField = z
  .enum(Object.keys(VAT_RATE_CODES) as [AnyVatRate, ...AnyVatRate[]], { error: 'Выберите ставку НДС из списка' })
  .superRefine((rate, ctx) => {
    if (isLegacyVatRate(rate)) ctx.addIssue({ code: 'custom', message: LEGACY_VAT_MESSAGES[rate] });
  })
  .transform((rate) => rate as VatRate);

const BARCODE_FORMAT_MESSAGE = `Штрихкод — 8, 12 или 13 цифр (EAN-8, UPC-A, EAN-13), или ${NO_BARCODE}, если штрихкода нет`;
const barcodeField = z
  .string()
  .trim()
  .superRefine((barcode, ctx) => {
    if (!/^(\d{8}|\d{12}|\d{13})$/.test(barcode)) ctx.addIssue({ code: 'custom', message: BARCODE_FORMAT_MESSAGE });
    else if (!isValidBarcode(barcode)) ctx.addIssue({ code: 'custom', message: `Неверный штрихкод ${barcode}: не сходится контрольная цифра` });
  });

/** Blank is none. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((text) => text || null);

const productFields = {
  /** Наименование, as printed on the receipt. */
  name: z.string().trim().min(1).max(128).refine((name) => !FORBIDDEN_IN_NAME.test(name), { error: PRODUCT_NAME_FORBIDDEN_MESSAGE }),
  description: optionalText(1000),
  /** Цена in kopecks, an integer: 12345 is 123,45 ₽. */
  price: z.int({ error: priceError }).min(0, { error: PRICE_MESSAGE }).max(MAX_PRICE_KOPECKS, { error: PRICE_MESSAGE }),
  /** Единица измерения: one of the organisation's units. */
  unitId: z.uuid({ error: 'Выберите единицу измерения из списка' }),
  vat: vatField,
  /** Категория; none (null or omitted) leaves the product in the general list. */
  categoryId: z.uuid({ error: 'Выберите категорию из списка' }).nullable().optional().transform((id) => id ?? null),
  /** Предмет расчёта: a tag 1212 code (PAYMENT_SUBJECTS); товар unless told. */
  paymentSubject: z
    .int({ error: 'Выберите предмет расчёта из списка' })
    .refine(isPaymentSubjectCode, { error: 'Выберите предмет расчёта из списка' })
    .default(1),
  /** Страна производства: a three-digit ОКСМ code (OKSM_COUNTRIES), e.g. «643» for Россия. */
  countryCode: z
    .string()
    .trim()
    .refine((code) => oksmCountryName(code) !== undefined, { error: 'Выберите страну из списка' })
    .nullable()
    .optional()
    .transform((code) => code ?? null),
  /** Штрихкоды; «00000000» (no barcode) and repeats are dropped. Each is unique within the organisation. */
  barcodes: z
    .array(barcodeField)
    .max(50)
    .default([])
    .transform((barcodes) => [...new Set(barcodes.filter((barcode) => barcode !== NO_BARCODE))]),
  /** Артикул; unique within the organisation (letter case aside) when given. */
  article: optionalText(64),
  /** Маркировка: Да / Нет. */
  marked: z.boolean().default(false),
};

export const AddProductRequest = z.strictObject(productFields);
export type AddProductRequest = z.input<typeof AddProductRequest>;

/** The whole card again, with the version the client saw (a stale one gets 409). */
export const UpdateProductRequest = z.strictObject({ ...productFields, expectedVersion: z.number().int().min(1) });
export type UpdateProductRequest = z.input<typeof UpdateProductRequest>;

/** A product card as the server keeps it: every field present, none and blank as null. */
export type ProductFields = z.output<typeof AddProductRequest>;

export const ProductView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  /** In kopecks. */
  price: z.number().int(),
  unitId: z.uuid(),
  vat: VatRate,
  categoryId: z.uuid().nullable(),
  paymentSubject: z.number().int(),
  countryCode: z.string().nullable(),
  barcodes: z.array(z.string()),
  article: z.string().nullable(),
  marked: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProductView = z.infer<typeof ProductView>;

export const ProductList = listPage(ProductView);
export type ProductList = z.infer<typeof ProductList>;

export const PRODUCT_SORTS = ['name', 'price'] as const;

const CATEGORY_FILTER_MESSAGE = 'Выберите категорию из списка';

/** The `categoryId` filter's value for the products in no category («Без категории»). */
export const WITHOUT_CATEGORY = 'none';

/**
 * «Все товары»: search looks in the name, the barcodes and the article; a category shows its subcategories' products
 * too, `none` the products without a category; sorted by name unless told.
 */
export const ProductListQuery = sortedListQuery(PRODUCT_SORTS).extend({
  categoryId: z.union([z.literal(WITHOUT_CATEGORY), z.uuid({ error: CATEGORY_FILTER_MESSAGE })], { error: CATEGORY_FILTER_MESSAGE }).optional(),
  /** The products measured in this unit (a unit's delete card counts them). */
  unitId: z.uuid({ error: 'Выберите единицу измерения из списка' }).optional(),
});
export type ProductListQuery = z.infer<typeof ProductListQuery>;

// Bulk actions on the products selected in «Все товары».

const PERCENT_MESSAGE = 'Процент — число больше 0, не больше двух знаков после запятой';
const hundredths = (value: number) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;

/** Изменить цену: by a percentage (up to 1000 % up, 100 % down) or by an amount in kopecks, up or down. */
export const PriceChange = z.discriminatedUnion('by', [
  z.strictObject({
    by: z.literal('percent'),
    direction: z.enum(['up', 'down'], { error: 'Направление: up — поднять, down — снизить' }),
    percent: z.number({ error: PERCENT_MESSAGE }).gt(0, { error: PERCENT_MESSAGE }).max(1000, { error: 'Процент — не больше 1000' }).refine(hundredths, { error: PERCENT_MESSAGE }),
  }),
  z.strictObject({
    by: z.literal('amount'),
    direction: z.enum(['up', 'down'], { error: 'Направление: up — поднять, down — снизить' }),
    /** In kopecks. */
    amount: z.int({ error: 'Сумма — в копейках, целое число' }).min(1, { error: 'Сумма — больше 0' }).max(MAX_PRICE_KOPECKS, { error: PRICE_MESSAGE }),
  }),
], { error: 'Способ: by — percent (на процент) или amount (на сумму)' });
export type PriceChange = z.infer<typeof PriceChange>;

/** A change made to every selected product (a delete aside), each the product's own ProductUpdated. */
export const BulkProductChange = z.discriminatedUnion(
  'type',
  [
    /** Переместить в категорию; null: «Без категории». */
    z.strictObject({ type: z.literal('move-to-category'), categoryId: z.uuid({ error: 'Выберите категорию из списка' }).nullable() }),
    z.strictObject({ type: z.literal('set-vat'), vat: vatField }),
    z.strictObject({ type: z.literal('set-unit'), unitId: z.uuid({ error: 'Выберите единицу измерения из списка' }) }),
    z.strictObject({ type: z.literal('change-price'), price: PriceChange }),
  ],
  { error: 'Действие: move-to-category, set-vat, set-unit, change-price или delete' },
);
export type BulkProductChange = z.infer<typeof BulkProductChange>;

export const BulkProductAction = z.union([z.strictObject({ type: z.literal('delete') }), BulkProductChange], {
  error: 'Действие: move-to-category, set-vat, set-unit, change-price или delete',
});
export type BulkProductAction = z.infer<typeof BulkProductAction>;

/**
 * The selected products, each with the version the user saw (one changed since is refused, not overwritten), and
 * what to do with them.
 */
export const BulkProductsRequest = z.strictObject({
  action: BulkProductAction,
  products: z
    .array(z.strictObject({ id: z.uuid({ error: 'Идентификатор товара — uuid' }), version: z.int().min(1) }))
    .min(1, { error: 'Выберите хотя бы один товар' })
    .max(MAX_BULK_IDS, { error: `За один раз — не больше ${MAX_BULK_IDS} товаров` })
    // A product ticked twice counts once.
    .transform((products) => [...new Map(products.map((product) => [product.id, product])).values()]),
});
export type BulkProductsRequest = z.input<typeof BulkProductsRequest>;
