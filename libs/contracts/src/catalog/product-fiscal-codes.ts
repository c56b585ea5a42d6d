/** The fiscal classifiers of a product card: VAT rate (FFD tag 1199) and payment subject (FFD 1.2 tag 1212). */

/**
 * Ставка НДС, by the value a receipt carries in tag 1199. From 2026-01-01 the basic rate is 22%; the ФНС order of
 * 08.12.2025 № ЕД-7-20/1050@ (in force from 2026-01-05) added the values 11 (22%) and 12 (22/122), and 1 and 3 still
 * mean 20% and 20/120: those are kept here only to read and refuse them (see LEGACY_VAT_RATES). Every rate has its own
 * value: a terminal prints the rate the value names.
 */
export const VAT_RATE_CODES = {
  vat22: { tag1199: 11, label: '22%' },
  vat10: { tag1199: 2, label: '10%' },
  vat0: { tag1199: 5, label: '0%' },
  none: { tag1199: 6, label: 'НДС не облагается' },
  'vat22/122': { tag1199: 12, label: '22/122' },
  'vat10/110': { tag1199: 4, label: '10/110' },
  vat5: { tag1199: 7, label: '5%' },
  vat7: { tag1199: 8, label: '7%' },
  'vat5/105': { tag1199: 9, label: '5/105' },
  'vat7/107': { tag1199: 10, label: '7/107' },
  vat20: { tag1199: 1, label: '20%' },
  'vat20/120': { tag1199: 3, label: '20/120' },
} as const;

export type AnyVatRate = keyof typeof VAT_RATE_CODES;

/** No longer valid for sales after 2026-01-01: refused for new or edited products. */
export const LEGACY_VAT_RATES = ['vat20', 'vat20/120'] as const satisfies readonly AnyVatRate[];

/** The rates a product may have, in the order the card lists them. */
export const VAT_RATES = ['vat22', 'vat10', 'vat0', 'none', 'vat22/122', 'vat10/110', 'vat5', 'vat7', 'vat5/105', 'vat7/107'] as const satisfies readonly AnyVatRate[];

/** Предмет расчёта: FFD 1.2 tag 1212, the code and the Russian name as the card shows it. */
export const PAYMENT_SUBJECTS: ReadonlyArray<{ readonly code: number; readonly name: string }> = [
  { code: 1, name: 'Товар' },
  { code: 2, name: 'Подакцизный товар' },
  { code: 3, name: 'Работа' },
  { code: 4, name: 'Услуга' },
  { code: 5, name: 'Ставка азартной игры' },
  { code: 6, name: 'Выигрыш азартной игры' },
  { code: 7, name: 'Лотерейный билет' },
  { code: 8, name: 'Выигрыш лотереи' },
  { code: 9, name: 'Предоставление РИД' },
  { code: 10, name: 'Платёж' },
  { code: 11, name: 'Агентское вознаграждение' },
  { code: 12, name: 'Выплата' },
  { code: 13, name: 'Иной предмет расчёта' },
  { code: 14, name: 'Имущественное право' },
  { code: 15, name: 'Внереализационный доход' },
  { code: 16, name: 'Страховые взносы' },
  { code: 17, name: 'Торговый сбор' },
  { code: 18, name: 'Курортный сбор' },
  { code: 19, name: 'Залог' },
  { code: 20, name: 'Расход' },
  { code: 21, name: 'Взносы на ОПС ИП' },
  { code: 22, name: 'Взносы на ОПС' },
  { code: 23, name: 'Взносы на ОМС ИП' },
  { code: 24, name: 'Взносы на ОМС' },
  { code: 25, name: 'Взносы на ОСС' },
  { code: 26, name: 'Платёж казино' },
  { code: 27, name: 'Выдача денежных средств' },
  { code: 30, name: 'Подакцизный товар, подлежащий маркировке, без кода маркировки (АТНМ)' },
  { code: 31, name: 'Подакцизный товар, подлежащий маркировке, с кодом маркировки (АТМ)' },
  { code: 32, name: 'Товар, подлежащий маркировке, без кода маркировки (ТНМ)' },
  { code: 33, name: 'Товар, подлежащий маркировке, с кодом маркировки (ТМ)' },
];

const PAYMENT_SUBJECT_CODES: ReadonlySet<number> = new Set(PAYMENT_SUBJECTS.map((subject) => subject.code));

export function isPaymentSubjectCode(code: number): boolean {
  return PAYMENT_SUBJECT_CODES.has(code);
}

/** «00000000» in the barcode field: the product has no barcode (nothing is stored for it). */
export const NO_BARCODE = '00000000';

/**
 * An EAN-8, UPC-A (12 digits) or EAN-13 whose last digit is the GTIN check digit: the digits before it, from the
 * right, weighted 3, 1, 3, …; the check digit brings the sum to a multiple of 10.
 */
export function isValidBarcode(barcode: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13})$/.test(barcode)) return false;
  const digits = [...barcode].map(Number);
  const check = digits.pop()!;
  const sum = digits.reverse().reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}
