import { SaleList, SaleListQuery, SalesJournalSubjects, SaleView, TransactionList, TransactionListItem, TransactionListQuery } from '@elk/contracts';
import { z } from 'zod';
import { XLSX_CONTENT_TYPE } from '../files/spreadsheet-xlsx';
import { named, route } from '../routes/route';

const common = { tag: 'journals', access: 'journals:read' } as const;
const SALES = '/api/v1/sales';
const TRANSACTIONS = '/api/v1/transactions';

export const JOURNAL_FILE_FORMATS = ['csv', 'xlsx'] as const;
export type JournalFileFormat = (typeof JOURNAL_FILE_FORMATS)[number];
const format = z.enum(JOURNAL_FILE_FORMATS, { error: 'Формат файла: csv или xlsx' }).default('xlsx');
export const SaleExportQuery = SaleListQuery.safeExtend({ format });
export const TransactionExportQuery = TransactionListQuery.safeExtend({ format });
const JOURNAL_FILES = { 'text/csv': z.string(), [XLSX_CONTENT_TYPE]: z.string().meta({ format: 'binary' }) };

const PERIOD_AND_FILTERS =
  'Период — `from` и `to` (ISO 8601 с часовым поясом, `to` не входит), по времени кассы. Фильтры: `salesPointId`, `workplaceId`, `employeeId`, `sumFrom`/`sumTo` (в рублях: «1500» или «1500,50»).';
const OWN_SALES = 'Кассир видит только свои продажи; Гость журналов не видит.';

/** Журналы → Продажи и Транзакции: the sales terminals pushed (read only); exports are served by JournalFilesHttpController. */
export const JournalRoutes = {
  sales: route({
    ...common,
    method: 'get',
    path: SALES,
    query: named('SaleListQuery', SaleListQuery),
    forward: { subject: SalesJournalSubjects.GetSaleList, payload: ({ query }) => query },
    response: { status: 200, description: 'Страница журнала продаж', schema: named('SaleList', SaleList) },
    summary: 'Журнал продаж',
    description: `Сначала новые (или \`sort\`: \`occurredAt\`, \`total\`, \`number\`, с минусом — в обратном порядке). ${PERIOD_AND_FILTERS} Ещё \`status\` (created, in-progress, completed, cancelled), \`number\`, \`paymentMethod\` (cash, card, sbp), \`fnNumber\` (продажи, пробитые фискальным регистратором с этим ФН). ${OWN_SALES}`,
  }),
  salesExport: route({
    ...common,
    method: 'get',
    path: `${SALES}/export`,
    query: SaleExportQuery,
    response: { status: 200, description: 'Файл; имя — в `Content-Disposition`', content: JOURNAL_FILES },
    summary: 'Выгрузить журнал продаж в файл',
    description:
      'Весь журнал с теми же фильтрами, что и `GET /api/v1/sales` (без страниц), файлом CSV (UTF-8 с BOM, разделитель «;») или Excel (.xlsx), строка за строкой. Текст, который таблица приняла бы за формулу, в CSV записывается с апострофом впереди.',
  }),
  sale: route({
    ...common,
    method: 'get',
    path: `${SALES}/{id}`,
    id: { description: 'Идентификатор продажи (uuid)', notFound: 'Продажа не найдена' },
    forward: { subject: SalesJournalSubjects.GetSale, payload: ({ id }) => ({ saleId: id }) },
    response: { status: 200, description: 'Продажа: позиции, платежи, фискальный документ, история статусов и проверка целостности', schema: named('SaleView', SaleView) },
    summary: 'Продажа',
    description: `«Целостность» — сходится ли каждое событие продажи с цепочкой хешей своего рабочего места. ${OWN_SALES}`,
  }),
  transactions: route({
    ...common,
    method: 'get',
    path: TRANSACTIONS,
    query: named('TransactionListQuery', TransactionListQuery),
    forward: { subject: SalesJournalSubjects.GetTransactionList, payload: ({ query }) => query },
    response: { status: 200, description: 'Страница журнала транзакций', schema: named('TransactionList', TransactionList) },
    summary: 'Журнал транзакций: оплаты картой и по СБП и их возвраты',
    description: `Сначала новые (или \`sort\`: \`occurredAt\`, \`amount\`). ${PERIOD_AND_FILTERS} Ещё \`kind\` (payment, refund), \`method\` (card, sbp), \`rrn\`, \`tid\`, \`cardLast4\`, \`sbpOperationId\`. ${OWN_SALES}`,
  }),
  transactionsExport: route({
    ...common,
    method: 'get',
    path: `${TRANSACTIONS}/export`,
    query: TransactionExportQuery,
    response: { status: 200, description: 'Файл; имя — в `Content-Disposition`', content: JOURNAL_FILES },
    summary: 'Выгрузить журнал транзакций в файл',
    description: 'Весь журнал с теми же фильтрами, что и `GET /api/v1/transactions` (без страниц), файлом CSV или Excel, как журнал продаж.',
  }),
  transaction: route({
    ...common,
    method: 'get',
    path: `${TRANSACTIONS}/{id}`,
    id: { description: 'Идентификатор транзакции (uuid)', notFound: 'Транзакция не найдена' },
    forward: { subject: SalesJournalSubjects.GetTransaction, payload: ({ id }) => ({ transactionId: id }) },
    response: { status: 200, description: 'Транзакция и продажа, к которой она относится', schema: named('TransactionListItem', TransactionListItem) },
    summary: 'Транзакция',
  }),
};
