import type { Readable } from 'node:stream';
import {
  PAYMENT_METHOD_LABELS_RU,
  SALE_STATUS_LABELS_RU,
  TRANSACTION_KIND_LABELS_RU,
  type SaleExportRow,
  type TransactionExportRow,
} from '@elk/contracts';
import { spreadsheetCsv } from '../files/spreadsheet-csv';
import { spreadsheetXlsx, type XlsxColumn } from '../files/spreadsheet-xlsx';
import type { JournalFileFormat } from './journals.routes';

/** A column of a journal file and how a row fills it: text, or an amount in kopecks (roubles in the file). */
interface JournalColumn<T> extends XlsxColumn {
  cell: (row: T) => string | number;
}

const money = <T>(header: string, kopecks: (row: T) => number): JournalColumn<T> => ({ header, kind: 'money', cell: kopecks });
const text = <T>(header: string, cell: (row: T) => string | number | null | undefined): JournalColumn<T> => ({ header, kind: 'text', cell: (row) => String(cell(row) ?? '') });

/** The terminal's own wall-clock time, as it sent it: «2026-12-06 12:30:05». */
const wallClock = (iso: string) => iso.slice(0, 19).replace('T', ' ');

const SALE_COLUMNS: JournalColumn<SaleExportRow>[] = [
  text('Дата и время', (sale) => wallClock(sale.occurredAt)),
  text('Номер', (sale) => sale.number),
  text('Статус', (sale) => SALE_STATUS_LABELS_RU[sale.status]),
  money('Сумма', (sale) => sale.total),
  money('Оплачено', (sale) => sale.paid),
  text('Способы оплаты', (sale) => sale.paymentMethods.map((method) => PAYMENT_METHOD_LABELS_RU[method]).join(', ')),
  text('Торговая точка', (sale) => sale.salesPoint),
  text('Рабочее место', (sale) => `${sale.workplace} (№ ${sale.workplaceNumber})`),
  text('Сотрудник', (sale) => sale.employee),
];

const TRANSACTION_COLUMNS: JournalColumn<TransactionExportRow>[] = [
  text('Дата и время', (transaction) => wallClock(transaction.occurredAt)),
  text('Тип', (transaction) => TRANSACTION_KIND_LABELS_RU[transaction.kind]),
  money('Сумма', (transaction) => transaction.amount),
  text('Способ оплаты', (transaction) => PAYMENT_METHOD_LABELS_RU[transaction.method]),
  text('Карта', (transaction) => transaction.cardMask),
  text('Платёжная система', (transaction) => transaction.paymentSystem),
  text('Операция СБП', (transaction) => transaction.sbpOperationId),
  text('RRN', (transaction) => transaction.rrn),
  text('Код авторизации', (transaction) => transaction.authCode),
  text('TID', (transaction) => transaction.cardTid ?? transaction.sbpTid),
  text('MID', (transaction) => transaction.mid),
  text('Банк', (transaction) => transaction.bank ?? transaction.payerBank),
  text('Продажа №', (transaction) => transaction.saleNumber),
  text('Торговая точка', (transaction) => transaction.salesPoint),
  text('Рабочее место', (transaction) => `${transaction.workplace} (№ ${transaction.workplaceNumber})`),
  text('Сотрудник', (transaction) => transaction.employee),
];

/** Kopecks as Russian Excel reads a CSV amount: «1234,50». */
const roublesText = (kopecks: number) => (kopecks / 100).toFixed(2).replace('.', ',');

function journalFile<T>(format: JournalFileFormat, sheetName: string, columns: JournalColumn<T>[], chunks: AsyncIterable<T[]>): Readable {
  if (format === 'xlsx') {
    return spreadsheetXlsx(
      sheetName,
      columns,
      (async function* () {
        for await (const rows of chunks) yield rows.map((row) => columns.map((column) => (column.kind === 'money' ? (column.cell(row) as number) / 100 : column.cell(row))));
      })(),
    );
  }
  return spreadsheetCsv(
    columns.map((column) => column.header),
    (async function* () {
      for await (const rows of chunks) yield rows.map((row) => columns.map((column) => (column.kind === 'money' ? roublesText(column.cell(row) as number) : String(column.cell(row)))));
    })(),
  );
}

export const salesFile = (format: JournalFileFormat, chunks: AsyncIterable<SaleExportRow[]>) => journalFile(format, 'Продажи', SALE_COLUMNS, chunks);
export const transactionsFile = (format: JournalFileFormat, chunks: AsyncIterable<TransactionExportRow[]>) => journalFile(format, 'Транзакции', TRANSACTION_COLUMNS, chunks);
