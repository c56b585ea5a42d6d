/**
 * What a projection batch of the sales journal costs PostgreSQL's backend in CPU, the document store's statements
 * named (as they run) or, with `--unnamed`, sent without names as before (parsed and planned on every call):
 *
 *   DATABASE_URL=postgres://… node -r ./scripts/run/register-typescript.cjs scripts/bench/document-batch-cpu.bench.ts [--unnamed] [--batches 2000]
 *
 * One connection; each batch is a projection's transaction on the sales collection (its 16 indexes): the checkpoint's
 * lock, getMany of 8 sales, upsertMany of them (2 KB each), the checkpoint's save. The backend's utime + stime from
 * /proc over the batches after a warm-up that stores every sale; run both ways back to back on a busy machine.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client, Pool, type QueryConfig } from 'pg';
import { PostgresDocumentStore } from '@elk/documents';
import { salesJournalProjections } from '@elk/sales-journal';
import { cpuMsOf } from './proc';

/** The sales journal's list of sales: one document per sale, with the indexes of every filter. */
const salesCollection = salesJournalProjections[0]!.collections[0]!;
const SALES = 4_000;
const PER_BATCH = 8;

/** Sends every named statement without its name: what the document store did before its statements were named. */
function unnameStatements(): void {
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  (Client.prototype as { query: unknown }).query = function (this: Client, config: unknown, ...rest: unknown[]) {
    const named = typeof config === 'object' && config !== null && 'name' in config;
    return query.call(this, named ? { text: (config as QueryConfig).text, values: (config as QueryConfig).values } : config, ...rest);
  };
}

// Ids are UUIDs, as the sales collection's uuid columns hold (decision 0018).
const organisationId = randomUUID();
const salesPoints = Array.from({ length: 4 }, () => randomUUID());
const workplaces = Array.from({ length: 16 }, () => randomUUID());
const employees = Array.from({ length: 16 }, () => randomUUID());

function sale(index: number, batch: number): Record<string, unknown> {
  const at = new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString();
  const person = (id: string, name: string) => ({ id, name });
  return {
    organisationId,
    id: `sale-${index}`,
    number: index,
    status: batch === 0 ? 'created' : 'in_progress',
    total: 100_000 + index,
    paid: batch * 100,
    discount: 0,
    occurredAt: at,
    occurredAtUtc: at,
    updatedAt: at,
    salesPoint: person(salesPoints[index % 4]!, 'Магазин на Ленина'),
    workplace: person(workplaces[index % 16]!, 'Касса 1'),
    employee: person(employees[index % 16]!, 'Иванов Иван Иванович'),
    paymentMethods: ['card'],
    paidWith: { cash: false, card: true, sbp: false },
    items: Array.from({ length: 8 }, (_, line) => ({ line, name: `Товар ${line}: молоко пастеризованное 3,2% 1 л`, quantity: 1, price: 12_500, fulfilled: 0 })),
    payments: [],
    fiscalDocument: null,
    cancelReason: null,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { unnamed: { type: 'boolean', default: false }, batches: { type: 'string', default: '2000' } } });
  if (values.unnamed) unnameStatements();
  const pool = new Pool({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', max: 1 });
  const schema = `bench_document_batch_${process.pid}`;
  const store = new PostgresDocumentStore({ pool, schema });
  try {
    await store.ensureCollections([salesCollection]);
    const backend = (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    let next = 0;
    const run = async (batches: number) => {
      for (let batch = 0; batch < batches; batch++) {
        await store.transaction(async (session) => {
          const checkpoint = { transactionId: 1n, globalPosition: BigInt(next + 1) };
          await session.lockCheckpoint('bench');
          const sales = session.collection(salesCollection);
          const ids = Array.from({ length: PER_BATCH }, (_, k) => (next + k) % SALES);
          const stored = await sales.getMany(ids.map((index) => `sale-${index}`));
          const writes = ids.map((index) => ({ id: `sale-${index}`, data: sale(index, batch), checkpoint }));
          await sales.upsertMany(writes.filter((write) => stored.has(write.id)));
          await sales.insertMany(writes.filter((write) => !stored.has(write.id)));
          await session.saveCheckpoint('bench', checkpoint);
        });
        next += PER_BATCH;
      }
    };
    await run(SALES / PER_BATCH);
    const batches = Number(values.batches);
    const before = cpuMsOf(backend);
    await run(batches);
    const ms = cpuMsOf(backend) - before;
    console.log(`statements ${values.unnamed ? 'unnamed' : 'named'}: PostgreSQL's backend ${(ms / batches).toFixed(3)} ms a batch of ${PER_BATCH} sale updates (${batches} batches)`);
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
