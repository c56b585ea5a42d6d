import { randomBytes, randomUUID } from 'node:crypto';
import { JOURNAL_COUNT_LIMIT, SaleListItem, type Actor } from '@elk/contracts';
import { PostgresDocumentStore, type CollectionDefinition, type DocumentWrite, type FindOptions } from '@elk/documents';
import { TEST_DATABASE_URL } from '@elk/testing';
import { Pool } from 'pg';
import { journalSort, saleListWhere, transactionListWhere } from './journal-readers';
import { salesCollection, type SaleDocument } from './queries/sale-list.projection';
import { transactionsCollection, type TransactionDocument } from './queries/transaction-list.projection';

const organisationId = randomUUID();
const places = Array.from({ length: 4 }, () => ({ id: randomUUID(), name: 'Точка' }));
const employees = Array.from({ length: 8 }, () => ({ id: randomUUID(), name: 'Кассир' }));
const owner: Actor = { accountId: randomUUID(), organisationId, role: 'owner' } as Actor;
const cashier: Actor = { accountId: employees[0]!.id, organisationId, role: 'cashier' } as Actor;
const SALES = 4_000;
/** A sale's id: a UUID, as the transactions' `sale.id` column holds one. */
const saleId = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;

function sale(index: number): SaleDocument {
  const at = new Date(Date.UTC(2026, 0, 1) + index * 600_000).toISOString();
  return {
    organisationId,
    id: saleId(index),
    number: index,
    status: index % 5 === 0 ? 'cancelled' : 'completed',
    total: 100 + (index % 1000),
    occurredAtUtc: at,
    salesPoint: places[index % places.length]!,
    employee: employees[index % employees.length]!,
    workplace: { id: places[index % places.length]!.id, name: 'Касса', number: 1 },
    fiscalDocument: { fnNumber: `73804408000${index % 7}` },
    paidWith: { cash: index % 2 === 0, card: index % 2 === 1, sbp: false },
  } as unknown as SaleDocument;
}

function transaction(index: number): TransactionDocument {
  return {
    organisationId,
    id: `transaction-${index}`,
    occurredAtUtc: new Date(Date.UTC(2026, 0, 1) + index * 600_000).toISOString(),
    amount: 100 + (index % 1000),
    rrn: String(100_000_000_000 + index),
    tid: `T${index % 16}`,
    cardLast4: String(1000 + (index % 9000)),
    sbpOperationId: null,
    saleEmployeeId: employees[index % employees.length]!.id,
    sale: { id: saleId(index), number: index, status: 'completed' },
  } as unknown as TransactionDocument;
}

/**
 * The journals' indexes hold typed columns (decision 0018): a query whose parameter or cast did not match a column's type
 * would read the whole table. Each journal query kind, as its handler builds it, must be served by its index.
 */
describe('the journals’ query kinds', () => {
  const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
  const schema = `journal_indexes_${randomBytes(6).toString('hex')}`;
  /** The statements the store's finds run (a prepared statement, which no find runs, is passed as one object). */
  const statements: Array<{ text: string; values: unknown[] }> = [];
  const recordingPool = Object.assign(Object.create(pool) as Pool, {
    query: (text: string, values: unknown[]) => {
      if (typeof text === 'string') statements.push({ text, values });
      return pool.query(text, values);
    },
  });
  const store = new PostgresDocumentStore({ pool: recordingPool, schema });

  beforeAll(async () => {
    await store.ensureCollections([salesCollection, transactionsCollection]);
    const writes = <T>(make: (index: number) => T & { id: string }): DocumentWrite<T>[] => Array.from({ length: SALES }, (_, index) => ({ id: make(index).id, data: make(index) }));
    await store.collection(salesCollection).insertMany(writes(sale));
    await store.collection(transactionsCollection).insertMany(writes(transaction));
    await pool.query(`ANALYZE "${schema}"."${salesCollection.name}"; ANALYZE "${schema}"."${transactionsCollection.name}"`);
  }, 30_000);

  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  /** The plans of the statements a find runs (its page, and its count if the page is not all), with sequential scans off. */
  async function plans<T>(collection: CollectionDefinition<T>, options: FindOptions): Promise<string[]> {
    statements.length = 0;
    await store.collection(collection).find({ ...options, countUpTo: JOURNAL_COUNT_LIMIT });
    expect(statements.length).toBeGreaterThan(0);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const explained: string[] = [];
      for (const { text, values } of statements) explained.push((await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, values)).rows.map((row) => row['QUERY PLAN']).join('\n'));
      return explained;
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  /** The page reads its kind's index; the count (a capped one, which may take any index that holds the organisation) an index too. */
  function expectServedBy([page, ...count]: string[], index: string): void {
    expect(page).toMatch(new RegExp(`(using|on) "${index}"`));
    for (const plan of [page, ...count]) {
      expect(plan).toMatch(/Index (Only )?Scan/);
      expect(plan).not.toContain('Seq Scan');
    }
  }

  const saleKinds = [
    ['a period at a sales point', owner, { from: '2026-01-05T00:00:00+03:00', to: '2026-01-12T00:00:00+03:00', salesPointId: places[1]!.id }, 'sales-journal.sales:salesPoint'],
    ['a sale by number', owner, { number: 1234 }, 'sales-journal.sales:number'],
    ["a Cashier's own sales", cashier, {}, 'sales-journal.sales:employee'],
    ['the whole journal', owner, {}, 'sales-journal.sales:occurredAt'],
    ['a status in a period', owner, { status: 'cancelled', from: '2026-01-05T00:00:00+03:00' }, 'sales-journal.sales:status'],
    ['a sum range', owner, { sumFrom: 500, sumTo: 600, sort: 'total' }, 'sales-journal.sales:total'],
    ['a payment method', owner, { paymentMethod: 'card' }, 'sales-journal.sales:paidWith.card'],
    ['a fiscal drive', owner, { fnNumber: '738044080003' }, 'sales-journal.sales:fnNumber'],
  ] as const;

  it.each(saleKinds)('serves %s from its index', async (_kind, actor, query, index) => {
    const where = saleListWhere({ limit: 50, ...query } as Parameters<typeof saleListWhere>[0], actor);
    const sort = journalSort('sort' in query ? query.sort : undefined);
    expectServedBy(await plans(salesCollection, { where: { ...where, organisationId }, sort, fields: Object.keys(SaleListItem.shape) }), index);
  });

  const transactionKinds = [
    ['transactions by RRN', owner, { rrn: '100000002345' }, 'sales-journal.transactions:rrn'],
    ["a Cashier's own sales' transactions", cashier, {}, 'sales-journal.transactions:saleEmployee'],
    ['transactions by TID', owner, { tid: 'T3' }, 'sales-journal.transactions:tid'],
    ['transactions by the card', owner, { cardLast4: '1234' }, 'sales-journal.transactions:cardLast4'],
  ] as const;

  it.each(transactionKinds)('serves %s from its index', async (_kind, actor, query, index) => {
    const where = transactionListWhere({ limit: 50, ...query } as Parameters<typeof transactionListWhere>[0], actor);
    expectServedBy(await plans(transactionsCollection, { where: { ...where, organisationId }, sort: journalSort(undefined) }), index);
  });
});
