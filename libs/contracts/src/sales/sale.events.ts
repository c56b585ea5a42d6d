import { z } from 'zod';
import { isPaymentSubjectCode, VAT_RATE_CODES, VAT_RATES } from '../catalog/product-fiscal-codes';

/**
 * A sale as terminals push it (`POST /pos/v1/sales/events`) and as the sales journal stores it: one stream per sale,
 * `sale-<saleId>`, whose events move it Создана → В процессе → Завершена, or Создана → Отменена
 * (the manual's statuses). Amounts are kopecks. The values a terminal sends are checked here; the rules between
 * events (what may follow what, how much may be paid) are the sale decider's.
 */

export const SALE_STATUSES = ['created', 'in-progress', 'completed', 'cancelled'] as const;
export const SaleStatus = z.enum(SALE_STATUSES);
export type SaleStatus = z.infer<typeof SaleStatus>;
export const SALE_STATUS_LABELS_RU: Record<SaleStatus, string> = {
  created: 'Создана',
  'in-progress': 'В процессе',
  completed: 'Завершена',
  cancelled: 'Отменена',
};

/** How a sale is paid at a terminal. */
export const SALE_PAYMENT_METHODS = ['cash', 'card', 'sbp'] as const;
export const SalePaymentMethod = z.enum(SALE_PAYMENT_METHODS, { error: 'Способ оплаты: cash (наличные), card (банковская карта) или sbp (СБП)' });
export type SalePaymentMethod = z.infer<typeof SalePaymentMethod>;

/** Up to a billion roubles, in kopecks: safe in a JavaScript number and in a protobuf int64. */
export const MAX_SALE_AMOUNT_KOPECKS = 100_000_000_000;
const kopecks = (message: string) => z.int({ error: message }).min(0, { error: message }).max(MAX_SALE_AMOUNT_KOPECKS, { error: message });
const positiveKopecks = (message: string) => kopecks(message).min(1, { error: message });
const text = (max: number, message: string) => z.string({ error: message }).trim().min(1, { error: message }).max(max, { error: message });
const code = (pattern: RegExp, message: string) => z.string({ error: message }).trim().regex(pattern, { error: message });

const QUANTITY_MESSAGE = 'Количество — больше нуля, не больше 99 999,999, до трёх знаков после запятой';
/** Up to three decimals (grams of a kilogram): 1.5, 0.125. */
export const SaleQuantity = z
  .number({ error: QUANTITY_MESSAGE })
  .gt(0, { error: QUANTITY_MESSAGE })
  .max(99_999.999, { error: QUANTITY_MESSAGE })
  .refine((quantity) => Math.abs(quantity * 1000 - Math.round(quantity * 1000)) < 1e-6, { error: QUANTITY_MESSAGE });

/** Ставка НДС of a sold line: the value of tag 1199, one of the rates valid for sales now. */
const VAT_CODES_FOR_SALE: ReadonlySet<number> = new Set(VAT_RATES.map((rate) => VAT_RATE_CODES[rate].tag1199));
export const SaleVatCode = z.int({ error: 'Ставка НДС — значение тега 1199 (11 — 22%, 12 — 22/122, 2 — 10%, 5 — 0%, 6 — без НДС …)' }).refine((value) => VAT_CODES_FOR_SALE.has(value), {
  error: 'Ставка НДС — значение тега 1199 (11 — 22%, 12 — 22/122, 2 — 10%, 5 — 0%, 6 — без НДС …)',
});
export const SalePaymentSubject = z.int({ error: 'Предмет расчёта — значение тега 1212 от 1 до 33' }).refine(isPaymentSubjectCode, { error: 'Предмет расчёта — значение тега 1212 от 1 до 33' });

/** Предметы расчёта that are rendered (work, a service) rather than shipped. */
export const SERVICE_PAYMENT_SUBJECTS: ReadonlySet<number> = new Set([3, 4]);

/** A line of the receipt. `sum` is `price × quantity` rounded to the kopeck, less the line's own discount. */
export const SaleItem = z
  .strictObject({
    /** The line's number in the receipt, 1, 2, …: shipments name lines by it. */
    line: z.int({ error: 'Номер строки — целое от 1 до 500' }).min(1, { error: 'Номер строки — целое от 1 до 500' }).max(500, { error: 'Номер строки — целое от 1 до 500' }),
    /** The catalog's product, when the line was sold from it. */
    productId: z.uuid({ error: 'Товар — идентификатор из каталога' }).nullish(),
    /** Наименование предмета расчёта (tag 1030). */
    name: text(128, 'Наименование — от 1 до 128 символов'),
    quantity: SaleQuantity,
    /** As printed after the quantity: «шт», «кг». */
    unit: text(16, 'Единица измерения — от 1 до 16 символов'),
    price: kopecks('Цена — в копейках, от 0'),
    discount: kopecks('Скидка на строку — в копейках, от 0').default(0),
    sum: kopecks('Сумма строки — в копейках, от 0'),
    vatCode: SaleVatCode,
    paymentSubject: SalePaymentSubject,
    /** Код маркировки (tag 2000) of a marked product. */
    markingCode: text(200, 'Код маркировки — до 200 символов').nullish(),
  })
  .superRefine((item, context) => {
    const expected = Math.round(item.price * item.quantity) - item.discount;
    if (item.discount > Math.round(item.price * item.quantity)) context.addIssue({ code: 'custom', path: ['discount'], message: 'Скидка больше стоимости строки' });
    else if (item.sum !== expected) context.addIssue({ code: 'custom', path: ['sum'], message: `Сумма строки не сходится: цена × количество − скидка = ${expected} коп.` });
  });
export type SaleItem = z.infer<typeof SaleItem>;

/** The lines of a sale as created: numbered 1…n without gaps. `total` is their sums less the receipt's discount. */
export const SaleCreatedPayload = z
  .strictObject({
    /** The receipt's number on its workplace. */
    number: z.int({ error: 'Номер продажи — целое от 1' }).min(1, { error: 'Номер продажи — целое от 1' }).max(2_147_483_647),
    items: z.array(SaleItem).min(1, { error: 'В продаже нет ни одной строки' }).max(500, { error: 'Не больше 500 строк в продаже' }),
    /** A discount on the whole receipt, besides the lines' own. */
    discount: kopecks('Скидка на чек — в копейках, от 0').default(0),
    total: kopecks('Итог — в копейках, от 0'),
  })
  .superRefine((sale, context) => {
    sale.items.forEach((item, index) => {
      if (item.line !== index + 1) context.addIssue({ code: 'custom', path: ['items', index, 'line'], message: `Строки нумеруются по порядку: ожидалась ${index + 1}` });
    });
    const lines = sale.items.reduce((sum, item) => sum + item.sum, 0);
    if (sale.discount > lines) context.addIssue({ code: 'custom', path: ['discount'], message: 'Скидка на чек больше суммы строк' });
    else if (sale.total !== lines - sale.discount) context.addIssue({ code: 'custom', path: ['total'], message: `Итог не сходится: сумма строк − скидка на чек = ${lines - sale.discount} коп.` });
  });
export type SaleCreatedPayload = z.infer<typeof SaleCreatedPayload>;

const CARD_MASK_MESSAGE = 'Маска карты — первые 6 и последние 4 цифры, между ними звёздочки: 220220******1234. Полный номер карты не принимается';
/** A card as a receipt may show it: the first six and last four digits. A full card number never gets past this. */
export const CardMask = code(/^\d{6}\*{2,9}\d{4}$/, CARD_MASK_MESSAGE);

export const CardPayment = z.strictObject({
  /** Retrieval Reference Number: 12 characters. */
  rrn: code(/^[0-9A-Za-z]{12}$/, 'RRN — 12 цифр и латинских букв'),
  authCode: code(/^[0-9A-Za-z]{6}$/, 'Код авторизации — 6 цифр и латинских букв'),
  cardMask: CardMask,
  /** МИР, Visa, Mastercard, UnionPay … */
  paymentSystem: text(32, 'Платёжная система — до 32 символов'),
  tid: code(/^[0-9A-Za-z]{8}$/, 'TID (идентификатор терминала) — 8 цифр и латинских букв'),
  mid: code(/^[0-9A-Za-z]{1,15}$/, 'MID (идентификатор мерчанта) — до 15 цифр и латинских букв'),
  bank: text(100, 'Банк-эквайер — до 100 символов'),
});
export type CardPayment = z.infer<typeof CardPayment>;

export const SbpPayment = z.strictObject({
  /** The СБП operation's id as the bank gives it. */
  operationId: code(/^[0-9A-Za-z\-]{1,64}$/, 'Идентификатор операции СБП — до 64 цифр, латинских букв и дефисов'),
  payerBank: text(100, 'Банк плательщика — до 100 символов').nullish(),
  tid: code(/^[0-9A-Za-z]{8}$/, 'TID (идентификатор терминала) — 8 цифр и латинских букв').nullish(),
});
export type SbpPayment = z.infer<typeof SbpPayment>;

export const PaymentReceivedPayload = z
  .strictObject({
    paymentId: z.uuid({ error: 'Идентификатор платежа — UUID' }),
    method: SalePaymentMethod,
    amount: positiveKopecks('Сумма платежа — в копейках, больше нуля'),
    card: CardPayment.nullish(),
    sbp: SbpPayment.nullish(),
  })
  .superRefine((payment, context) => {
    if (payment.method === 'card' && !payment.card) context.addIssue({ code: 'custom', path: ['card'], message: 'Для оплаты картой нужны данные операции: RRN, код авторизации, маска карты, TID, MID, банк' });
    if (payment.method === 'sbp' && !payment.sbp) context.addIssue({ code: 'custom', path: ['sbp'], message: 'Для оплаты по СБП нужен идентификатор операции' });
    if (payment.method !== 'card' && payment.card) context.addIssue({ code: 'custom', path: ['card'], message: 'Данные карты — только для оплаты картой' });
    if (payment.method !== 'sbp' && payment.sbp) context.addIssue({ code: 'custom', path: ['sbp'], message: 'Данные СБП — только для оплаты по СБП' });
  });
export type PaymentReceivedPayload = z.infer<typeof PaymentReceivedPayload>;

/** A bank payment (card, СБП) given back before the sale completed. */
export const PaymentRefundedPayload = z.strictObject({
  paymentId: z.uuid({ error: 'Идентификатор платежа — UUID' }),
  amount: positiveKopecks('Сумма возврата — в копейках, больше нуля'),
});
export type PaymentRefundedPayload = z.infer<typeof PaymentRefundedPayload>;

/** What a shipment (goods) or rendering (services) covers: `all` that remains, or the given quantities of lines. */
export const FulfilmentPayload = z
  .strictObject({
    all: z.boolean().default(false),
    lines: z
      .array(z.strictObject({ line: z.int({ error: 'Номер строки — целое от 1' }).min(1), quantity: SaleQuantity }))
      .max(500)
      .default([]),
  })
  .superRefine((fulfilment, context) => {
    if (fulfilment.all === (fulfilment.lines.length > 0)) context.addIssue({ code: 'custom', path: ['lines'], message: 'Укажите строки с количеством или all: true — одно из двух' });
  });
export type FulfilmentPayload = z.infer<typeof FulfilmentPayload>;

/** The fiscal document (кассовый чек) the register printed for the sale. */
export const FiscalDocument = z.strictObject({
  /** Номер ФД. */
  number: z.int({ error: 'Номер ФД — целое от 1' }).min(1, { error: 'Номер ФД — целое от 1' }).max(4_294_967_295),
  /** Фискальный признак документа (ФПД): up to 10 digits. */
  sign: code(/^\d{1,10}$/, 'ФП — до 10 цифр'),
  fnNumber: code(/^\d{16}$/, 'Номер ФН — 16 цифр'),
  shiftNumber: z.int({ error: 'Номер смены — целое от 1' }).min(1, { error: 'Номер смены — целое от 1' }).max(99_999),
  issuedAt: z.iso.datetime({ offset: true, error: 'Время чека — дата и время ISO 8601' }),
});
export type FiscalDocument = z.infer<typeof FiscalDocument>;

export const SaleCompletedPayload = z.strictObject({ fiscalDocument: FiscalDocument });
export type SaleCompletedPayload = z.infer<typeof SaleCompletedPayload>;

export const SaleCancelledPayload = z.strictObject({ reason: text(200, 'Причина отмены — до 200 символов').nullish() });
export type SaleCancelledPayload = z.infer<typeof SaleCancelledPayload>;

/** Who did it, where and when: the terminal's logged-in employee, its workplace and sales point, its clock. */
export const SaleEventOrigin = z.object({
  employee: z.object({ id: z.uuid(), name: z.string() }),
  workplace: z.object({ id: z.uuid(), name: z.string(), number: z.number().int() }),
  salesPoint: z.object({ id: z.uuid(), name: z.string() }),
  /** The terminal's clock when it happened. */
  occurredAt: z.iso.datetime({ offset: true }),
  /** The workplace's own counter of the events it pushed. */
  seq: z.number().int(),
});
export type SaleEventOrigin = z.infer<typeof SaleEventOrigin>;

const saleEvent = <P extends z.ZodType>(payload: P) => z.object({ organisationId: z.uuid(), saleId: z.uuid(), origin: SaleEventOrigin, payload });

export const SaleCreated = saleEvent(SaleCreatedPayload);
export type SaleCreated = z.infer<typeof SaleCreated>;
export const PaymentReceived = saleEvent(PaymentReceivedPayload);
export type PaymentReceived = z.infer<typeof PaymentReceived>;
export const PaymentRefunded = saleEvent(PaymentRefundedPayload);
export type PaymentRefunded = z.infer<typeof PaymentRefunded>;
export const GoodsShipped = saleEvent(FulfilmentPayload);
export type GoodsShipped = z.infer<typeof GoodsShipped>;
export const ServiceRendered = saleEvent(FulfilmentPayload);
export type ServiceRendered = z.infer<typeof ServiceRendered>;
export const SaleCompleted = saleEvent(SaleCompletedPayload);
export type SaleCompleted = z.infer<typeof SaleCompleted>;
export const SaleCancelled = saleEvent(SaleCancelledPayload);
export type SaleCancelled = z.infer<typeof SaleCancelled>;

export const SaleEvents = {
  SaleCreated: { version: 1, schema: SaleCreated },
  PaymentReceived: { version: 1, schema: PaymentReceived },
  PaymentRefunded: { version: 1, schema: PaymentRefunded },
  GoodsShipped: { version: 1, schema: GoodsShipped },
  ServiceRendered: { version: 1, schema: ServiceRendered },
  SaleCompleted: { version: 1, schema: SaleCompleted },
  SaleCancelled: { version: 1, schema: SaleCancelled },
} as const;
export type SaleEventType = keyof typeof SaleEvents;
export const SALE_EVENT_TYPES = Object.keys(SaleEvents) as SaleEventType[];

/**
 * The tamper-evident chain of a workplace's sale events (in each stored sale event's metadata, `chain`): `hash` is
 * the SHA-256 of the predecessor's hash and the event (`saleChainHash` in the sales journal), so an altered or removed
 * event breaks its workplace's chain from there on.
 */
export const SaleChainLink = z.object({ workplaceId: z.uuid(), previousHash: z.string(), hash: z.string() });
export type SaleChainLink = z.infer<typeof SaleChainLink>;

/** The hash the first event of a workplace's chain follows: 64 zeros. */
export const SALE_CHAIN_GENESIS = '0'.repeat(64);

/**
 * The workplace's register of what it pushed, `sale-register-<organisationId>-<workplaceId>`: each refused event
 * under the terminal's own eventId (so a retry finds its first answer), and the chain's head after each batch (so the
 * next batch links to it, and two batches of one workplace, appended with the register's expected version, cannot
 * both link to the same head).
 */
export const SaleEventRejected = z.object({
  organisationId: z.uuid(),
  workplaceId: z.uuid(),
  saleId: z.uuid(),
  type: z.string(),
  seq: z.number().int(),
  code: z.string(),
  reason: z.string(),
  rejectedAt: z.iso.datetime(),
});
export type SaleEventRejected = z.infer<typeof SaleEventRejected>;

/**
 * Ends every append to the register (a batch that recorded anything): how many sale events it chained, and the
 * chain's head after it (null while the workplace has no accepted event), so the register's last event is the head.
 */
export const SaleChainExtended = z.object({
  organisationId: z.uuid(),
  workplaceId: z.uuid(),
  count: z.number().int(),
  head: z.object({ eventId: z.uuid(), saleId: z.uuid(), seq: z.number().int(), hash: z.string() }).nullable(),
});
export type SaleChainExtended = z.infer<typeof SaleChainExtended>;

export const SaleRegisterEvents = {
  SaleEventRejected: { version: 1, schema: SaleEventRejected },
  SaleChainExtended: { version: 1, schema: SaleChainExtended },
} as const;
