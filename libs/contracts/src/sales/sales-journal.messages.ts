import { z } from 'zod';
import { TerminalDevice } from '../devices/devices.messages';
import { TerminalSession } from '../devices/terminal.http';
import { SaleListQueryInKopecks, TransactionListQueryInKopecks } from './journal.http';
import { PushSaleEventsRequest } from './sales-push.http';

/** Bus subjects and payloads of the sales-journal service: the sales terminals push and the journals. */
export const SalesJournalSubjects = {
  /** From the gateway, for the terminal and the cashier it authenticated (never from the terminal's body). */
  PushSaleEvents: 'elk.sales-journal.cmd.PushSaleEvents',
  GetSaleList: 'elk.sales-journal.qry.GetSaleList',
  GetSale: 'elk.sales-journal.qry.GetSale',
  GetTransactionList: 'elk.sales-journal.qry.GetTransactionList',
  GetTransaction: 'elk.sales-journal.qry.GetTransaction',
} as const;

export const PushSaleEvents = z.object({ device: TerminalDevice, session: TerminalSession, push: PushSaleEventsRequest });
export type PushSaleEvents = z.infer<typeof PushSaleEvents>;

/** Rows of a journal export's page: as many as a bus reply of transactions holds well under NATS's 1 MB. */
export const JOURNAL_EXPORT_PAGE_SIZE = 1000;

/**
 * On the bus a journal page may be an export's: larger than the cabinet's 200 rows, and without the count (`count:
 * false`) that the export does not show.
 */
const exportPaging = { limit: z.int().min(1).max(JOURNAL_EXPORT_PAGE_SIZE).default(50), count: z.boolean().default(true) };

/** The Cashier's journals hold only their own sales: the actor's role decides, the service filters. */
export const GetSaleList = SaleListQueryInKopecks.safeExtend(exportPaging);
export type GetSaleList = z.infer<typeof GetSaleList>;
export const GetSale = z.object({ saleId: z.uuid() });
export type GetSale = z.infer<typeof GetSale>;
export const GetTransactionList = TransactionListQueryInKopecks.safeExtend(exportPaging);
export type GetTransactionList = z.infer<typeof GetTransactionList>;
export const GetTransaction = z.object({ transactionId: z.uuid() });
export type GetTransaction = z.infer<typeof GetTransaction>;
