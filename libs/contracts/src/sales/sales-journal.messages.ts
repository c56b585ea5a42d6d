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
 * The rows of an exported journal's page, each the values its file's columns are made of. On the bus a row is the
 * array of them in `shape`'s order (a quarter of the list item's bytes to build, send and parse: no keys, no ids);
 * parsed, an object with `shape`'s names (named before parsing: zod checks an object several times quicker than it
 * transforms a tuple). `values` are those names in that order.
 */
function exportRows<S extends z.ZodRawShape>(shape: S) {
  const values = Object.keys(shape) as Array<keyof S & string>;
  const named = (row: unknown) => {
    if (!Array.isArray(row)) return row;
    const object: Record<string, unknown> = {};
    values.forEach((name, index) => (object[name] = row[index]));
    return object;
  };
  const row = z.object(shape);
  const rows = z
    .array(z.unknown())
    .transform((items) => items.map(named))
    .pipe(z.array(row));
  return { row, rows, values };
}

const exportPage = <T extends z.ZodType>(rows: T) => z.object({ rows, nextCursor: z.string().nullable() });

const saleExportRows = exportRows({
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
export const SaleExportRow = saleExportRows.row;
export type SaleExportRow = z.output<typeof SaleExportRow>;
/** The names of a sale's export row's values, in their order on the bus. */
export const SALE_EXPORT_ROW_VALUES = saleExportRows.values;

/** The sales journal's rows for a file, the list's filters and sort; whatever its `limit`, a page of JOURNAL_EXPORT_PAGE_SIZE. */
export const GetSaleExportPage = SaleListQueryInKopecks;
export type GetSaleExportPage = z.infer<typeof GetSaleExportPage>;
export const SaleExportPage = exportPage(saleExportRows.rows);
export type SaleExportPage = z.input<typeof SaleExportPage>;

const transactionExportRows = exportRows({
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
export const TransactionExportRow = transactionExportRows.row;
export type TransactionExportRow = z.output<typeof TransactionExportRow>;
/** The names of a transaction's export row's values, in their order on the bus. */
export const TRANSACTION_EXPORT_ROW_VALUES = transactionExportRows.values;

/** As GetSaleExportPage, for the transactions journal. */
export const GetTransactionExportPage = TransactionListQueryInKopecks;
export type GetTransactionExportPage = z.infer<typeof GetTransactionExportPage>;
export const TransactionExportPage = exportPage(transactionExportRows.rows);
export type TransactionExportPage = z.input<typeof TransactionExportPage>;
