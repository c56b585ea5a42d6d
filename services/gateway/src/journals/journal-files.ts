import type { Readable } from 'node:stream';
import {
  PAYMENT_METHOD_LABELS_RU,
  SALE_STATUS_LABELS_RU,
  TRANSACTION_KIND_LABELS_RU,
  type SaleListItem,
  type TransactionListItem,
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

const SALE_COLUMNS: JournalColumn<SaleListItem>[] = [
  text('Дата и время', (sale) => wallClock(sale.occurredAt)),
  text('Номер', (sale) => sale.number),
  text('Статус', (sale) => SALE_STATUS_LABELS_RU[sale.status]),
  money('Сумма', (sale) => sale.total),
  money('Оплачено', (sale) => sale.paid),
  text('Способы оплаты', (sale) => sale.paymentMethods.map((method) => PAYMENT_METHOD_LABELS_RU[method]).join(', ')),
  text('Торговая точка', (sale) => sale.salesPoint.name),
  text('Рабочее место', (sale) => `${sale.workplace.name} (№ ${sale.workplace.number})`),
  text('Сотрудник', (sale) => sale.employee.name),
];

const TRANSACTION_COLUMNS: JournalColumn<TransactionListItem>[] = [
  text('Дата и время', (transaction) => wallClock(transaction.occurredAt)),
  text('Тип', (transaction) => TRANSACTION_KIND_LABELS_RU[transaction.kind]),
  money('Сумма', (transaction) => transaction.amount),
  text('Способ оплаты', (transaction) => PAYMENT_METHOD_LABELS_RU[transaction.method]),
  text('Карта', (transaction) => transaction.card?.cardMask),
  text('Платёжная система', (transaction) => transaction.card?.paymentSystem),
  text('Операция СБП', (transaction) => transaction.sbp?.operationId),
  text('RRN', (transaction) => transaction.card?.rrn),
  text('Код авторизации', (transaction) => transaction.card?.authCode),
  text('TID', (transaction) => transaction.card?.tid ?? transaction.sbp?.tid),
  text('MID', (transaction) => transaction.card?.mid),
  text('Банк', (transaction) => transaction.card?.bank ?? transaction.sbp?.payerBank),
  text('Продажа №', (transaction) => transaction.sale.number),
  text('Торговая точка', (transaction) => transaction.salesPoint.name),
  text('Рабочее место', (transaction) => `${transaction.workplace.name} (№ ${transaction.workplace.number})`),
  text('Сотрудник', (transaction) => transaction.employee.name),
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

export const salesFile = (format: JournalFileFormat, chunks: AsyncIterable<SaleListItem[]>) => journalFile(format, 'Продажи', SALE_COLUMNS, chunks);
export const transactionsFile = (format: JournalFileFormat, chunks: AsyncIterable<TransactionListItem[]>) => journalFile(format, 'Транзакции', TRANSACTION_COLUMNS, chunks);
