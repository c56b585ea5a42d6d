/**
 * Event store throughput against the raw limits of the same database.
 *
 *   npm run bench:eventstore      (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test;
 *                                  BENCH_SECONDS per measurement, default 3)
 *
 * For each adapter (PostgreSQL through `pg`, embedded PGlite): single-event appends with 1 and 16 concurrent
 * writers, 100-event appends with 1 and 16 writers, and a catch-up read of the whole global log; the raw
 * limits are plain INSERTs of the same columns into a bare table (no index, no constraint) at the same
 * concurrency. Writes bench/results/eventstore-<timestamp>.json and eventstore-latest.json.
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import { PgliteEventStore, PostgresEventStore, type NewEvent, type SqlEventStore } from '@elk/eventstore';
import { writeBenchResults } from './bench-results';

const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 3);
const WARM_UP_MS = 300;
const ROUNDS = 6;
const BATCH = 100;
const CONCURRENCY = [1, 16];

/** `name` asks for a prepared statement where the driver has them, as the PostgreSQL adapter uses. */
type Query = (text: string, params: unknown[], name?: string) => Promise<unknown>;

interface Measurement {
  adapter: 'postgres' | 'pglite';
  name: string;
  writers?: number;
  unit: 'appends/s' | 'events/s';
  ours: number;
  raw?: number;
  ratio?: number;
}

function newEvent(): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ProductAdded',
    schemaVersion: 1,
    data: { productId: randomUUID(), name: 'Кофе капучино 0,3 л', price: 19900, unit: 'шт', categoryId: randomUUID() },
    metadata: { organisationId: randomUUID(), actor: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() },
  };
}

/**
 * Operations per second of `ours` and `raw`, each with `writers` concurrent loops. The machine is shared and
 * noisy, so the two alternate in short rounds (order flipped every round) and each gets SECONDS in total.
 */
async function compare(
  writers: number,
  ours: (writer: number) => Promise<void>,
  raw: (writer: number) => Promise<void>,
): Promise<{ ours: number; raw: number }> {
  const run = async (operation: (writer: number) => Promise<void>, ms: number) => {
    let count = 0;
    const stopAt = Date.now() + ms;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        while (Date.now() < stopAt) {
          await operation(writer);
          count += 1;
        }
      }),
    );
    return { count, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  };
  await run(ours, WARM_UP_MS);
  await run(raw, WARM_UP_MS);
  const totals = { ours: { count: 0, seconds: 0 }, raw: { count: 0, seconds: 0 } };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const side of round % 2 === 0 ? (['ours', 'raw'] as const) : (['raw', 'ours'] as const)) {
      const { count, seconds } = await run(side === 'ours' ? ours : raw, (SECONDS * 1000) / ROUNDS);
      totals[side].count += count;
      totals[side].seconds += seconds;
    }
  }
  return { ours: totals.ours.count / totals.ours.seconds, raw: totals.raw.count / totals.raw.seconds };
}

/** The raw limit: the same columns in a bare table, plain INSERTs. */
function rawSql(schema: string) {
  const insert = `INSERT INTO "${schema}".raw_events (stream_id, stream_position, event_id, type, schema_version, data, metadata)`;
  const row = (i: number) => `($1, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6}, $${i * 6 + 7})`;
  return {
    createTable: `CREATE TABLE "${schema}".raw_events (
  global_position bigserial, transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id text NOT NULL, stream_position integer NOT NULL, event_id uuid NOT NULL, type text NOT NULL,
  schema_version integer NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
)`,
    insert: (rows: number) => `${insert} VALUES ${Array.from({ length: rows }, (_, i) => row(i)).join(', ')}`,
  };
}

function rawInsert(query: Query, text: string, stream: string, firstPosition: number, rows: number): Promise<unknown> {
  const params = Array.from({ length: rows }, newEvent).flatMap((event, i) => [
    firstPosition + i,
    event.eventId,
    event.type,
    event.schemaVersion,
    JSON.stringify(event.data),
    JSON.stringify(event.metadata),
  ]);
  return query(text, [stream, ...params], `raw_insert_${rows}`);
}

async function measure(
  adapter: Measurement['adapter'],
  store: SqlEventStore,
  query: Query,
  schema: string,
  totalEvents: () => Promise<number>,
): Promise<Measurement[]> {
  const raw = rawSql(schema);
  await query(raw.createTable, []);
  const results: Measurement[] = [];
  const record = (m: Omit<Measurement, 'adapter' | 'ratio'>) => {
    const result = { adapter, ...m, ...(m.raw ? { ratio: m.ours / m.raw } : {}) };
    results.push(result);
    console.error(`  ${adapter} ${m.name}${m.writers ? ` ×${m.writers}` : ''}: ${Math.round(m.ours)} ${m.unit}`);
  };

  for (const [name, size] of [
    ['append 1 event', 1],
    [`append ${BATCH} events`, BATCH],
  ] as const) {
    for (const writers of CONCURRENCY) {
      // Each writer appends to its own stream with the version it got back, as a command handler does.
      const streams = Array.from({ length: writers }, () => `product-${randomUUID()}`);
      const versions = new Array<number>(writers).fill(0);
      const positions = new Array<number>(writers).fill(0);
      const insert = raw.insert(size);
      const rates = await compare(
        writers,
        async (writer) => {
          const events = Array.from({ length: size }, newEvent);
          const result = await store.appendToStream(streams[writer] ?? '', events, { expectedVersion: versions[writer] });
          versions[writer] = result.nextExpectedVersion;
        },
        async (writer) => {
          await rawInsert(query, insert, streams[writer] ?? '', (positions[writer] ?? 0) + 1, size);
          positions[writer] = (positions[writer] ?? 0) + size;
        },
      );
      record({ name, writers, unit: size === 1 ? 'appends/s' : 'events/s', ours: rates.ours * size, raw: rates.raw * size });
    }
  }

  const events = await totalEvents();
  const started = process.hrtime.bigint();
  let read = 0;
  const subscription = store.subscribeToAll(
    async (batch) => {
      read += batch.length;
    },
    { batchSize: 1000 },
  );
  await subscription.caughtUp;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await subscription.stop();
  if (read !== events) throw new Error(`catch-up read ${read} events of ${events}`);
  record({ name: `catch-up read (${events} events)`, unit: 'events/s', ours: read / seconds });
  return results;
}

async function benchPostgres(schema: string): Promise<Measurement[]> {
  const pool = new Pool({ connectionString: DATABASE_URL, max: 24 });
  const store = new PostgresEventStore({ connection: pool, schema });
  try {
    await store.ensureSchema();
    const query: Query = (text, params, name) => (name ? pool.query({ name, text, values: params }) : pool.query(text, params));
    const count = async () => Number((await pool.query(`SELECT count(*) AS n FROM "${schema}".events`)).rows[0].n);
    return await measure('postgres', store, query, schema, count);
  } finally {
    await store.close();
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  }
}

async function benchPglite(schema: string): Promise<Measurement[]> {
  const db = await PGlite.create();
  const store = new PgliteEventStore({ db, schema });
  try {
    await store.ensureSchema();
    const query: Query = (text, params) => db.query(text, params);
    const count = async () => Number((await db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM "${schema}".events`)).rows[0]?.n);
    return await measure('pglite', store, query, schema, count);
  } finally {
    await store.close();
    await db.close();
  }
}

function table(results: Measurement[]): string {
  const rows = results.map((m) => [
    m.adapter,
    m.name,
    m.writers === undefined ? '' : String(m.writers),
    `${Math.round(m.ours).toLocaleString('en')} ${m.unit}`,
    m.raw === undefined ? '' : Math.round(m.raw).toLocaleString('en'),
    m.ratio === undefined ? '' : `${Math.round(m.ratio * 100)}%`,
  ]);
  const header = ['adapter', 'measurement', 'writers', 'ours', 'raw', 'ours/raw'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  console.error(`event store bench: ${SECONDS} s per measurement, schema ${schema}`);
  const results = [...(await benchPostgres(schema)), ...(await benchPglite(schema))];
  console.log(table(results));

  const finishedAt = new Date();
  const report = {
    finishedAt: finishedAt.toISOString(),
    database: DATABASE_URL.replace(/\/\/[^@]*@/, '//'),
    node: process.version,
    cpus: cpus().length,
    secondsPerMeasurement: SECONDS,
    results,
  };
  writeBenchResults('eventstore', finishedAt, report);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
