import { z } from 'zod';
import { TerminalDevice } from '../devices/devices.messages';
import { TerminalSession } from '../devices/terminal.http';
import { SaleListQueryInKopecks, TransactionKind, TransactionListQueryInKopecks } from './journal.http';
import { SalePaymentMethod, SaleStatus } from './sale.events';
import { PushSaleEventsRequest } from './sales-push.http';

/** Bus subjects and payloads of the sales-journal service: the sales terminals push and the journals. */
export const SalesJournalSubjects = {
  /** From the gateway, for the terminal and the cashier it authenticated (never from the terminal's body). */
  PushSaleEvents: 'elk.sales-journal.cmd.PushSaleEvents',
  GetSaleList: 'elk.sales-journal.qry.GetSaleList',
  GetSale: 'elk.sales-journal.qry.GetSale',
  GetTransactionList: 'elk.sales-journal.qry.GetTransactionList',
  GetTransaction: 'elk.sales-journal.qry.GetTransaction',
  /** Журналы → Экспорт: a page of a journal's rows for the file (GetSaleExportPage, the list's query). */
  GetSaleExportPage: 'elk.sales-journal.qry.GetSaleExportPage',
  GetTransactionExportPage: 'elk.sales-journal.qry.GetTransactionExportPage',
} as const;

export const PushSaleEvents = z.object({ device: TerminalDevice, session: TerminalSession, push: PushSaleEventsRequest });
export type PushSaleEvents = z.infer<typeof PushSaleEvents>;

/** The Cashier's journals hold only their own sales: the actor's role decides, the service filters. */
export const GetSaleList = SaleListQueryInKopecks;
export type GetSaleList = z.infer<typeof GetSaleList>;
export const GetSale = z.object({ saleId: z.uuid() });
export type GetSale = z.infer<typeof GetSale>;
export const GetTransactionList = TransactionListQueryInKopecks;
export type GetTransactionList = z.infer<typeof GetTransactionList>;
export const GetTransaction = z.object({ transactionId: z.uuid() });
export type GetTransaction = z.infer<typeof GetTransaction>;

/**
 * Rows of a journal export's page: 1,000 sales are ~110 KB on the bus, 1,000 transactions ~250 KB, well under NATS's
 * 1 MB.
 */
export const JOURNAL_EXPORT_PAGE_SIZE = 1000;

/**
 * A row of an exported journal: the values its file's columns are made of. On the bus it is the array of them in
 * `shape`'s order (a quarter of the list item's bytes to build, send and parse: no keys, no ids); parsed, an object
 * with `shape`'s names. `values` are those names in that order.
 */
function exportRow<S extends Record<string, z.ZodType>>(shape: S) {
  const values = Object.keys(shape) as Array<keyof S & string>;
  const schema = z
    .tuple(Object.values(shape) as [z.ZodType, ...z.ZodType[]])
    .transform((row) => Object.fromEntries(values.map((name, index) => [name, row[index]])) as { [K in keyof S]: z.output<S[K]> });
  return { schema, values };
}

const exportPage = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row), nextCursor: z.string().nullable() });

const saleExportRow = exportRow({
  /** By the terminal's clock, as the journal shows it. */
  occurredAt: z.string(),
  number: z.int(),
  status: SaleStatus,
  /** Kopecks. */
  total: z.int(),
  paid: z.int(),
  paymentMethods: z.array(SalePaymentMethod),
  salesPoint: z.string(),
  workplace: z.string(),
  workplaceNumber: z.int(),
  employee: z.string(),
});
export const SaleExportRow = saleExportRow.schema;
export type SaleExportRow = z.output<typeof SaleExportRow>;
/** The names of a sale's export row's values, in their order on the bus. */
export const SALE_EXPORT_ROW_VALUES = saleExportRow.values;

/** The sales journal's rows for a file, the list's filters and sort; whatever its `limit`, a page of JOURNAL_EXPORT_PAGE_SIZE. */
export const GetSaleExportPage = SaleListQueryInKopecks;
export type GetSaleExportPage = z.infer<typeof GetSaleExportPage>;
export const SaleExportPage = exportPage(SaleExportRow);
export type SaleExportPage = z.input<typeof SaleExportPage>;

const transactionExportRow = exportRow({
  occurredAt: z.string(),
  kind: TransactionKind,
  /** Kopecks. */
  amount: z.int(),
  method: z.enum(['card', 'sbp']),
  cardMask: z.string().nullable(),
  paymentSystem: z.string().nullable(),
  rrn: z.string().nullable(),
  authCode: z.string().nullable(),
  cardTid: z.string().nullable(),
  mid: z.string().nullable(),
  bank: z.string().nullable(),
  sbpOperationId: z.string().nullable(),
  sbpTid: z.string().nullable(),
  payerBank: z.string().nullable(),
  saleNumber: z.int(),
  salesPoint: z.string(),
  workplace: z.string(),
  workplaceNumber: z.int(),
  employee: z.string(),
});
export const TransactionExportRow = transactionExportRow.schema;
export type TransactionExportRow = z.output<typeof TransactionExportRow>;
/** The names of a transaction's export row's values, in their order on the bus. */
export const TRANSACTION_EXPORT_ROW_VALUES = transactionExportRow.values;

/** As GetSaleExportPage, for the transactions journal. */
export const GetTransactionExportPage = TransactionListQueryInKopecks;
export type GetTransactionExportPage = z.infer<typeof GetTransactionExportPage>;
export const TransactionExportPage = exportPage(TransactionExportRow);
export type TransactionExportPage = z.input<typeof TransactionExportPage>;
