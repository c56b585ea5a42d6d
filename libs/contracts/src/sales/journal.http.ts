import { z } from 'zod';
import { ListQuery, listPage, listSorts, type ListSort } from '../common/list-query';
import { CardPayment, FiscalDocument, SaleItem, SalePaymentMethod, SaleStatus, SALE_PAYMENT_METHODS, SALE_STATUSES, SbpPayment } from './sale.events';

/**
 * The cabinet's Журналы: Продажи (`/api/v1/sales`) and Транзакции (`/api/v1/transactions`, every card and СБП
 * payment and refund). Lists are newest first unless sorted; a period is [from, to) in the terminals' time.
 */

const named = z.object({ id: z.uuid(), name: z.string() });
const workplace = z.object({ id: z.uuid(), name: z.string(), number: z.number().int() });

/** A query-string amount in roubles as the cabinet types it («1500», «1 500,50»): kopecks. */
const roubles = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .transform((typed) => typed.replace(/\s/g, '').replace(',', '.'))
    .pipe(z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, { error: message }))
    .transform((value) => Math.round(Number(value) * 100));

const periodAndPlace = {
  from: z.iso.datetime({ offset: true, error: 'Начало периода — дата и время ISO 8601' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'Конец периода — дата и время ISO 8601' }).optional(),
  salesPointId: z.uuid({ error: 'Выберите торговую точку из списка' }).optional(),
  workplaceId: z.uuid({ error: 'Выберите рабочее место из списка' }).optional(),
  employeeId: z.uuid({ error: 'Выберите сотрудника из списка' }).optional(),
};

/** Сумма от–до as the cabinet types it, in roubles. */
const ROUBLE_BOUNDS = {
  sumFrom: roubles('Сумма от — в рублях, например 1500 или 1500,50').optional(),
  sumTo: roubles('Сумма до — в рублях, например 1500 или 1500,50').optional(),
};
/** The same bounds once parsed, in kopecks: what the gateway forwards to the sales journal (roubles would not parse twice). */
const KOPECK_BOUNDS = { sumFrom: z.int().min(0).optional(), sumTo: z.int().min(0).optional() };

const journalQuery = <const F extends string, S extends z.ZodRawShape>(sorts: readonly F[], filters: S) => {
  const values = listSorts(sorts);
  return ListQuery.omit({ search: true })
    .extend({
      ...periodAndPlace,
      ...filters,
      sort: z.enum(values as [ListSort<F>, ...ListSort<F>[]], { error: `Неизвестная сортировка: можно ${values.join(', ')}` }).optional(),
    })
    .superRefine((query, context) => {
      const { from, to, sumFrom, sumTo } = query as { from?: string; to?: string; sumFrom?: number; sumTo?: number };
      if (from && to && Date.parse(from) >= Date.parse(to)) context.addIssue({ code: 'custom', path: ['to'], message: 'Конец периода раньше начала' });
      if (sumFrom !== undefined && sumTo !== undefined && sumFrom > sumTo) context.addIssue({ code: 'custom', path: ['sumTo'], message: 'Сумма до меньше суммы от' });
    });
};

/**
 * A journal counts its matches up to this many. Counting reads every matching row (its indexes are on JSON fields, so
 * no count is answered from an index alone): a million sales cost seconds, 10,000 some 15 ms, 1,000 under 2 ms, while
 * a page costs well under a millisecond.
 */
export const JOURNAL_COUNT_LIMIT = 1_000;

/** A journal's page: a list page whose total may be capped at JOURNAL_COUNT_LIMIT. */
function journalPage<T extends z.ZodType>(item: T) {
  return listPage(item).extend({
    totalCapped: z.boolean().optional().describe(`true — совпадений больше, чем \`total\`: журнал считает до ${JOURNAL_COUNT_LIMIT.toLocaleString('ru')}`),
  });
}

export const SALE_SORTS = ['occurredAt', 'total', 'number'] as const;
/** Журналы → Продажи: `?from=&to=&status=&salesPointId=&workplaceId=&employeeId=&sumFrom=&sumTo=&number=&paymentMethod=&fnNumber=&sort=`. */
const SALE_FILTERS = {
  status: z.enum(SALE_STATUSES, { error: 'Статус: created, in-progress, completed или cancelled' }).optional(),
  number: z.coerce.number({ error: 'Номер продажи — целое число' }).int({ error: 'Номер продажи — целое число' }).min(1).max(2_147_483_647).optional(),
  paymentMethod: z.enum(SALE_PAYMENT_METHODS, { error: 'Способ оплаты: cash, card или sbp' }).optional(),
  /** The sales a fiscal register fiscalised with this ФН (POS оборудование → «Операции»). */
  fnNumber: z.string().trim().regex(/^\d{16}$/, { error: 'Номер ФН — 16 цифр' }).optional(),
};
export const SaleListQuery = journalQuery(SALE_SORTS, { ...SALE_FILTERS, ...ROUBLE_BOUNDS });
/** The sales list's query on the bus (`GetSaleList`): sums in kopecks. */
export const SaleListQueryInKopecks = journalQuery(SALE_SORTS, { ...SALE_FILTERS, ...KOPECK_BOUNDS });
export type SaleListQuery = z.infer<typeof SaleListQuery>;

export const TRANSACTION_KINDS = ['payment', 'refund'] as const;
export const TransactionKind = z.enum(TRANSACTION_KINDS);
export type TransactionKind = z.infer<typeof TransactionKind>;
export const TRANSACTION_KIND_LABELS_RU: Record<TransactionKind, string> = { payment: 'Оплата', refund: 'Возврат' };

export const TRANSACTION_SORTS = ['occurredAt', 'amount'] as const;
/** Журналы → Транзакции: the same period and place, plus kind, method, RRN, TID, card mask's last four, СБП operation. */
const TRANSACTION_FILTERS = {
  kind: z.enum(TRANSACTION_KINDS, { error: 'Тип: payment или refund' }).optional(),
  method: z.enum(['card', 'sbp'], { error: 'Способ оплаты: card или sbp' }).optional(),
  rrn: z.string().trim().regex(/^[0-9A-Za-z]{1,12}$/, { error: 'RRN — до 12 цифр и латинских букв' }).optional(),
  tid: z.string().trim().regex(/^[0-9A-Za-z]{1,8}$/, { error: 'TID — до 8 цифр и латинских букв' }).optional(),
  cardLast4: z.string().trim().regex(/^\d{4}$/, { error: 'Последние 4 цифры карты' }).optional(),
  sbpOperationId: z.string().trim().regex(/^[0-9A-Za-z\-]{1,64}$/, { error: 'Идентификатор операции СБП — цифры, латинские буквы и дефисы' }).optional(),
};
export const TransactionListQuery = journalQuery(TRANSACTION_SORTS, { ...TRANSACTION_FILTERS, ...ROUBLE_BOUNDS });
/** The transactions list's query on the bus (`GetTransactionList`): sums in kopecks. */
export const TransactionListQueryInKopecks = journalQuery(TRANSACTION_SORTS, { ...TRANSACTION_FILTERS, ...KOPECK_BOUNDS });
export type TransactionListQuery = z.infer<typeof TransactionListQuery>;

/** A row of Журналы → Продажи. */
export const SaleListItem = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: SaleStatus,
  /** Итог, kopecks. */
  total: z.number().int(),
  /** Paid less refunded, kopecks. */
  paid: z.number().int(),
  /** When the sale was created, by the terminal's clock. */
  occurredAt: z.string(),
  /** The newest event's time. */
  updatedAt: z.string(),
  salesPoint: named,
  workplace,
  employee: named,
  /** The methods it was paid with, each once. */
  paymentMethods: z.array(SalePaymentMethod),
});
export type SaleListItem = z.infer<typeof SaleListItem>;
export const SaleList = journalPage(SaleListItem);
export type SaleList = z.infer<typeof SaleList>;

export const SalePaymentView = z.object({
  paymentId: z.uuid(),
  method: SalePaymentMethod,
  amount: z.number().int(),
  refunded: z.number().int(),
  card: CardPayment.nullable(),
  sbp: SbpPayment.nullable(),
  occurredAt: z.string(),
});
export type SalePaymentView = z.infer<typeof SalePaymentView>;

/** A line with how much of it was shipped (goods) or rendered (services). */
export const SaleItemView = SaleItem.safeExtend({ fulfilled: z.number() });
export type SaleItemView = z.infer<typeof SaleItemView>;

/** An entry of the sale's history: what happened, by whom, on which terminal, when. */
export const SaleHistoryEntry = z.object({
  type: z.string(),
  /** The status after it. */
  status: SaleStatus,
  occurredAt: z.string(),
  recordedAt: z.string(),
  employee: named,
  workplace,
  seq: z.number().int(),
});
export type SaleHistoryEntry = z.infer<typeof SaleHistoryEntry>;

/**
 * Whether the sale's events are as their terminal's chain recorded them: `confirmed` when each event's stored hash
 * is the hash of its predecessor's and its own content; `broken` names the first event that is not.
 */
export const SaleIntegrity = z.object({ status: z.enum(['confirmed', 'broken']), brokenEventId: z.uuid().nullable() });
export type SaleIntegrity = z.infer<typeof SaleIntegrity>;

/** The details panel of a sale. */
export const SaleView = SaleListItem.extend({
  discount: z.number().int(),
  items: z.array(SaleItemView),
  payments: z.array(SalePaymentView),
  fiscalDocument: FiscalDocument.nullable(),
  cancelReason: z.string().nullable(),
  history: z.array(SaleHistoryEntry),
  integrity: SaleIntegrity,
});
export type SaleView = z.infer<typeof SaleView>;

/** A row of Журналы → Транзакции: a card or СБП payment, or its refund. */
export const TransactionListItem = z.object({
  /** The id of the event that recorded it. */
  id: z.uuid(),
  kind: TransactionKind,
  paymentId: z.uuid(),
  method: z.enum(['card', 'sbp']),
  amount: z.number().int(),
  occurredAt: z.string(),
  card: CardPayment.nullable(),
  sbp: SbpPayment.nullable(),
  sale: z.object({ id: z.uuid(), number: z.number().int(), status: SaleStatus }),
  salesPoint: named,
  workplace,
  employee: named,
});
export type TransactionListItem = z.infer<typeof TransactionListItem>;
export const TransactionList = journalPage(TransactionListItem);
export type TransactionList = z.infer<typeof TransactionList>;
