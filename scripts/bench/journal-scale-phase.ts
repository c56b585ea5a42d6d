/**
 * The journals at 1,000,000 sales (issue 14), a phase of `npm run bench:ingest -- --distributed --journal-sales N`.
 *
 * Seeds N sales of the bench's merchant straight into the read model: pos-sim's SaleGenerator makes them in memory
 * (SALES_POINTS sales points of WORKPLACES_PER_POINT workplaces, each its own Cashier, over the past year), the sales
 * journal's own projections fold them (`apply` on a session held in memory, a chunk of sales at a time), and bench-only
 * SQL inserts the documents they wrote, for a merchant of the phase's own. One of the Cashiers is a real employee who logs in to the cabinet, for the
 * «own sales» query. Then, through the gateway's HTTP API as the cabinet calls it, one query at a time:
 * - each query kind QUERIES_PER_KIND times (after WARM_UP_QUERIES), p50/p99 of the answer time;
 * - `EXPLAIN ANALYZE` of the statements the sales journal runs for each kind (the page and its count): the indexes used,
 *   and whether any table is read whole (a seq scan);
 * - the export of the journal's first tenth of the year (~N/10 rows) and of the whole journal (N rows) to CSV and to
 *   Excel: rows/s, and the resident memory of the gateway and the sales journal sampled every RSS_SAMPLE_MS during it
 *   (before, peak, and the RSS at each tenth of the download). Memory is flat when it does not grow with the rows: the
 *   RSS of the whole journal's export does not climb from one tenth of the file to the next, nor peak higher in its
 *   second half than in its first. (A Node process's RSS rises with garbage until a full collection: an export shorter
 *   than one such cycle, the tenth's, may peak lower than a longer one without anything being kept.)
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { JOURNAL_COUNT_LIMIT, pushedPayloadOf, SaleEvents, type PushedSaleEvent } from '@elk/contracts';
import { PostgresDocumentStore, type CollectionDefinition, type DocumentCollection, type DocumentSession, type FindOptions, type Projection, type StoredDocument, type WhereClause } from '@elk/documents';
import type { GlobalCheckpoint, RecordedEvent } from '@elk/eventstore';
import { salesJournalProjections } from '@elk/sales-journal';
import { DOCUMENTS_SCHEMA } from '@elk/service-kit';
import { Pool } from 'pg';
import { cabinetApi } from '../../e2e/api.harness';
import { uniqueContact } from '../../e2e/system.harness';
import { simulatedBankTerminal, simulatedFiscalRegister } from '../pos-sim/pos-terminal';
import { SaleGenerator } from '../pos-sim/sale-generator';
import type { BenchSystem } from './bench-system';
import { cpuMsOf, postgresBackendsOf, statusKb } from './proc';
import { percentiles, type Percentiles } from './push-load';
import { logIn, signUpMerchant } from './selling-terminals';

const SALES_POINTS = 4;
const WORKPLACES_PER_POINT = 4;
const YEAR_MS = 365 * 86_400_000;
/** Sales folded in memory and inserted together. */
const CHUNK_SALES = 2_000;
const WARM_UP_QUERIES = 20;
const QUERIES_PER_KIND = 300;
/** The cabinet's «30 дней» preset. */
const PERIOD_MS = 30 * 86_400_000;
const RSS_SAMPLE_MS = 100;
/** The smaller export holds the sales of this fraction of the year, at its start (the sales are spread evenly). */
const PART_EXPORT_OF_YEAR = 0.1;
/** The RSS is reported at each tenth of the download's bytes. */
const RSS_PROGRESS_STEPS = 10;
const PAGE = 50;

/** A read model's table, as the document store names it (collection names need no escaping). */
const tableOf = (collection: string) => `"${DOCUMENTS_SCHEMA}"."${collection}"`;

/**
 * The sales journal's document store over `pool`, recording the statements its finds run (for their plans). Its
 * `ensureCollections` makes the collections' indexes with the service's own DDL.
 */
function recordingStore(pool: Pool) {
  const statements: Array<{ text: string; values: unknown[] }> = [];
  const recording = {
    query: (text: string, values: unknown[]) => {
      statements.push({ text, values });
      return pool.query(text, values);
    },
    connect: () => pool.connect(),
  };
  return { store: new PostgresDocumentStore({ pool: recording as unknown as Pool, schema: DOCUMENTS_SCHEMA }), statements };
}

type RecordingStore = ReturnType<typeof recordingStore>;

interface Workplace {
  salesPoint: { id: string; name: string };
  workplace: { id: string; name: string; number: number };
  employee: { id: string; name: string };
  sales: SaleGenerator;
}

export interface QueryKindReport {
  kind: string;
  path: string;
  ms: Percentiles;
  /** Rows of the first page, and the total it said (capped at JOURNAL_COUNT_LIMIT), of the last query. */
  rows: number;
  total: string;
  plans: Array<{ statement: string; indexes: string[]; seqScan: boolean; executionMs: number }>;
  /**
   * CPU time per query of the gateway, the sales journal, PostgreSQL and identity (which the gateway asks whether the
   * access token's session is alive); less sensitive to a busy machine than p99.
   */
  cpuMsPerQuery: CpuMs;
}

export type CpuMs = Record<'gateway' | 'sales-journal' | 'postgres' | 'identity', number>;

/** A process's resident memory during an export, MB. */
export interface ExportRss {
  before: number;
  peak: number;
  /** The highest sample within each tenth of the download's bytes (RSS_PROGRESS_STEPS). */
  byProgress: number[];
}

export interface ExportReport {
  format: 'csv' | 'xlsx';
  /** The whole journal, or its first tenth of the year. */
  part: 'whole' | 'tenth';
  rows: number;
  megabytes: number;
  seconds: number;
  rowsPerSecond: number;
  rssMb: Record<string, ExportRss>;
  cpuMsPer1000Rows: CpuMs;
}

export interface JournalScaleReport {
  sales: number;
  documents: Record<string, number>;
  seed: { seconds: number; salesPerSecond: number };
  queries: QueryKindReport[];
  exports: ExportReport[];
}

/** What the projections write while a chunk is folded: documents by collection, held in memory. */
class MemorySession implements DocumentSession {
  /** Collection name → documents by id. */
  readonly written = new Map<string, Map<string, StoredDocument<unknown>>>();

  collection<T>(definition: CollectionDefinition<T>): DocumentCollection<T> {
    if (!this.written.has(definition.name)) this.written.set(definition.name, new Map());
    const documents = this.written.get(definition.name) as Map<string, StoredDocument<T>>;
    const write = (id: string, data: T, checkpoint: GlobalCheckpoint | undefined): StoredDocument<T> => {
      const current = documents.get(id);
      const stored = { id, data, version: (current?.version ?? 0) + 1, checkpoint: checkpoint ?? current?.checkpoint ?? null };
      documents.set(id, stored);
      return stored;
    };
    return {
      get: async (id) => documents.get(id) ?? null,
      getMany: async (ids) => new Map(ids.flatMap((id) => (documents.has(id) ? [[id, documents.get(id)!] as const] : []))),
      upsert: async (id, data, options = {}) => write(id, data, options.checkpoint),
      upsertMany: async (writes) => {
        for (const { id, data, checkpoint } of writes) write(id, data, checkpoint);
      },
      insertMany: async (writes) => {
        if (writes.some(({ id }) => documents.has(id))) throw new Error(`insertMany: a document of ${definition.name} exists already`);
        for (const { id, data, checkpoint } of writes) write(id, data, checkpoint);
      },
      delete: async (id) => documents.delete(id),
      deleteMany: async (ids) => ids.filter((id) => documents.delete(id)).length,
      // Only what the journal's projections ask: equality on fields, every match in one page.
      find: async (options: FindOptions = {}) => {
        const items = [...documents.values()].filter((document) => matches(document.data, options.where ?? {}));
        return { items, total: items.length, nextCursor: null };
      },
      findValues: () => {
        throw new Error("the journal's projections read whole documents");
      },
      deleteAll: async () => documents.clear(),
    };
  }

  getCheckpoint(): Promise<never> {
    throw new Error('the projections keep no checkpoint of their own');
  }

  lockCheckpoint(): Promise<never> {
    throw new Error('the projections keep no checkpoint of their own');
  }

  lockCheckpoints(): Promise<never> {
    throw new Error('the projections keep no checkpoint of their own');
  }

  saveCheckpoint(): Promise<never> {
    throw new Error('the projections keep no checkpoint of their own');
  }

  saveCheckpoints(): Promise<never> {
    throw new Error('the projections keep no checkpoint of their own');
  }
}

function matches(data: unknown, where: WhereClause): boolean {
  return Object.entries(where).every(([path, condition]) => {
    if (condition !== null && typeof condition === 'object') throw new Error(`the bench's memory session compares only equality, not ${JSON.stringify(condition)}`);
    const value = path.split('.').reduce<unknown>((at, segment) => (at as Record<string, unknown> | null)?.[segment], data);
    return condition === undefined || (value ?? null) === condition;
  });
}

/** Workplaces across the sales points, each with its own Cashier; the first one's Cashier is `cashier`. */
function workplacesOf(cashier: { id: string; name: string }): Workplace[] {
  const salesPoints = Array.from({ length: SALES_POINTS }, (_, index) => ({ id: randomUUID(), name: `Магазин №${index + 1}` }));
  return Array.from({ length: SALES_POINTS * WORKPLACES_PER_POINT }, (_, index) => {
    const serial = `LPSCALE${String(index + 1).padStart(3, '0')}`;
    return {
      salesPoint: salesPoints[Math.floor(index / WORKPLACES_PER_POINT)]!,
      workplace: { id: randomUUID(), name: `Касса №${index + 1}`, number: index + 1 },
      employee: index === 0 ? cashier : { id: randomUUID(), name: `Кассир ${index + 1}` },
      sales: new SaleGenerator({ seed: serial, bankTerminal: simulatedBankTerminal(serial), fnNumber: simulatedFiscalRegister(serial).fnNumber }),
    };
  });
}

/**
 * A pushed event as the push records it (push-sale-events.handler.ts): the data of its sale event. The sale and event
 * get ids of their own: a generator's ids come from a 32-bit random state, and 16 of them repeat ids within a million.
 */
function recordedOf(organisationId: string, place: Workplace, pushed: PushedSaleEvent, saleId: string, position: bigint): RecordedEvent {
  const { type, payload } = pushedPayloadOf(pushed);
  const origin = { employee: place.employee, workplace: place.workplace, salesPoint: place.salesPoint, occurredAt: pushed.occurredAt, seq: pushed.seq };
  return {
    eventId: randomUUID(),
    streamId: `bench-sale-${saleId}`,
    streamPosition: 1,
    globalPosition: position,
    transactionId: position,
    type,
    schemaVersion: SaleEvents[type].version,
    data: { organisationId, saleId, origin, payload },
    metadata: { organisationId, actor: place.employee.id, correlationId: pushed.eventId, causationId: pushed.eventId },
    recordedAt: new Date(),
  };
}

/** Bench-only SQL: the documents of a chunk, one INSERT per collection. */
async function insertDocuments(pool: Pool, chunk: Map<string, StoredDocument<unknown>[]>, counts: Record<string, number>): Promise<void> {
  for (const [collection, rows] of chunk) {
    counts[collection] = (counts[collection] ?? 0) + rows.length;
    await pool.query(
      `INSERT INTO ${tableOf(collection)} (id, data, version, checkpoint_transaction_id, checkpoint_global_position)
       SELECT * FROM unnest($1::text[], $2::jsonb[], $3::int[], $4::numeric[], $5::numeric[])`,
      [
        rows.map((row) => row.id),
        rows.map((row) => JSON.stringify(row.data)),
        rows.map((row) => row.version),
        rows.map((row) => row.checkpoint?.transactionId.toString() ?? null),
        rows.map((row) => row.checkpoint?.globalPosition.toString() ?? null),
      ],
    );
  }
}

/**
 * Folds `sales` sales with the journal's projections and inserts them, a chunk being inserted while the next is folded.
 * The collections' declared indexes are dropped meanwhile and made again at the end by the service's own DDL: building
 * an index once is many times quicker than a million inserts into twenty of them.
 */
async function seed(pool: Pool, recording: RecordingStore, organisationId: string, places: Workplace[], start: number, sales: number, rrns: string[]): Promise<Record<string, number>> {
  const collections = salesJournalProjections.flatMap((projection) => projection.collections);
  for (const index of collections.flatMap((collection) => collection.indexes)) await pool.query(`DROP INDEX "${DOCUMENTS_SCHEMA}"."${index.name}"`);
  const counts: Record<string, number> = {};
  const projections: Projection[] = salesJournalProjections;
  let position = 1n;
  let inserting: Promise<void> = Promise.resolve();
  for (let first = 0; first < sales; first += CHUNK_SALES) {
    const chunk = new Map<string, StoredDocument<unknown>[]>();
    for (let sale = first; sale < Math.min(sales, first + CHUNK_SALES); sale++) {
      const place = places[sale % places.length]!;
      // A sale's events touch only its own documents: a session per sale keeps the projections' finds short.
      const session = new MemorySession();
      const saleId = randomUUID();
      const recorded: RecordedEvent[] = [];
      for (const pushed of place.sales.sale(new Date(start + Math.floor((sale * YEAR_MS) / sales)))) {
        recorded.push(recordedOf(organisationId, place, pushed, saleId, position++));
        const rrn = pushed.paymentReceived?.card?.rrn;
        if (rrn && rrns.length < 10_000) rrns.push(rrn);
      }
      for (const projection of projections) {
        const handled = recorded.filter((event) => projection.handles.includes(event.type));
        if (handled.length > 0) await projection.apply(handled, session);
      }
      for (const [collection, documents] of session.written) {
        const rows = chunk.get(collection) ?? [];
        rows.push(...documents.values());
        chunk.set(collection, rows);
      }
    }
    await inserting;
    inserting = insertDocuments(pool, chunk, counts);
    if ((first / CHUNK_SALES) % 50 === 49) console.error(`  ${(first + CHUNK_SALES).toLocaleString('en')} sales seeded`);
  }
  await inserting;
  console.error('  making the indexes again');
  await recording.store.ensureCollections(collections);
  return counts;
}

/** CPU time the gateway, the sales journal and the system database's PostgreSQL processes use between two calls. */
export function cpuMeter(system: BenchSystem, database: string): () => () => CpuMs {
  const pidsOf = (name: string) => system.processes().filter((process) => process.name.startsWith(`${name}#`)).map(({ pid }) => pid);
  const sum = (pids: number[]) => pids.reduce((total, pid) => total + cpuMsOf(pid), 0);
  const read = () => ({
    gateway: sum(pidsOf('gateway')),
    salesJournal: sum(pidsOf('sales-journal')),
    identity: sum(pidsOf('identity')),
    postgres: new Map(postgresBackendsOf(database).map((pid) => [pid, cpuMsOf(pid)])),
  });
  return () => {
    const before = read();
    return () => {
      const after = read();
      // A PostgreSQL process that started meanwhile counts from its start; one that ended took its time with it.
      const postgres = [...after.postgres].reduce((total, [pid, ms]) => total + ms - (before.postgres.get(pid) ?? 0), 0);
      return { gateway: after.gateway - before.gateway, 'sales-journal': after.salesJournal - before.salesJournal, postgres, identity: after.identity - before.identity };
    };
  };
}

export const perUnit = (cpu: CpuMs, units: number): CpuMs => ({ gateway: cpu.gateway / units, 'sales-journal': cpu['sales-journal'] / units, postgres: cpu.postgres / units, identity: cpu.identity / units });

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** The page and count statements the sales journal runs for a query, with their plans. */
async function plansOf(pool: Pool, recording: RecordingStore, collection: CollectionDefinition<unknown>, options: FindOptions): Promise<QueryKindReport['plans']> {
  recording.statements.length = 0;
  await recording.store.collection(collection).find({ ...options, limit: PAGE, countUpTo: JOURNAL_COUNT_LIMIT });
  const plans: QueryKindReport['plans'] = [];
  for (const [index, { text, values }] of recording.statements.entries()) {
    const statement = index === 0 ? 'page' : 'count';
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
    const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    console.error(`    EXPLAIN ANALYZE (${statement}):\n${plan.replace(/^/gm, '      ')}`);
    plans.push({
      statement,
      indexes: [...new Set([...plan.matchAll(/using "([^"]+)"/gi)].map((match) => match[1]!))],
      seqScan: /Seq Scan/.test(plan),
      executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN),
    });
  }
  return plans;
}

export async function getJson(url: string, token: string): Promise<{ items: unknown[]; total: number; totalCapped?: boolean }> {
  const reply = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (reply.status !== 200) throw new Error(`GET ${url} answered ${reply.status}: ${await reply.text()}`);
  return (await reply.json()) as { items: unknown[]; total: number; totalCapped?: boolean };
}

export interface QueryKind {
  kind: string;
  token: string;
  collection: CollectionDefinition<unknown>;
  /** A new query each time: its path, and the find the sales journal makes of it (for the plans). */
  next(): { path: string; find: FindOptions };
}

async function timeKind(url: string, pool: Pool, recording: RecordingStore, kind: QueryKind, startCpu: () => () => CpuMs): Promise<QueryKindReport> {
  const times: number[] = [];
  let cpuSince: (() => CpuMs) | undefined;
  let last: Awaited<ReturnType<typeof getJson>> = { items: [], total: 0 };
  for (let query = 0; query < WARM_UP_QUERIES + QUERIES_PER_KIND; query++) {
    const { path } = kind.next();
    if (query === WARM_UP_QUERIES) cpuSince = startCpu();
    const started = performance.now();
    last = await getJson(`${url}${path}`, kind.token);
    if (query >= WARM_UP_QUERIES) times.push(performance.now() - started);
  }
  const cpuMsPerQuery = perUnit(cpuSince!(), QUERIES_PER_KIND);
  const { path, find } = kind.next();
  const report = { kind: kind.kind, path, ms: percentiles(times), rows: last.items.length, total: `${last.totalCapped ? '> ' : ''}${last.total}`, cpuMsPerQuery };
  console.error(`  ${kind.kind}: p50 ${report.ms.p50.toFixed(1)} ms, p99 ${report.ms.p99.toFixed(1)} ms, CPU ms a query ${JSON.stringify(cpuMsPerQuery)} (${path})`);
  return { ...report, plans: await plansOf(pool, recording, kind.collection, find) };
}

/** The highest RSS sample (MB) within each tenth of the download's bytes; a tenth without a sample repeats the one before. */
function rssByProgress(samples: Array<{ bytes: number; mb: number }>, totalBytes: number): number[] {
  const steps = Array.from({ length: RSS_PROGRESS_STEPS }, () => 0);
  for (const { bytes, mb } of samples) {
    const step = Math.min(RSS_PROGRESS_STEPS - 1, Math.floor((bytes / totalBytes) * RSS_PROGRESS_STEPS));
    steps[step] = Math.max(steps[step]!, mb);
  }
  for (let step = 1; step < RSS_PROGRESS_STEPS; step++) if (steps[step] === 0) steps[step] = steps[step - 1]!;
  return steps;
}

/** An export's RSS of one process, as the bench prints it. */
function describeRss({ before, peak, byProgress }: ExportRss): string {
  return `${before.toFixed(0)} → peak ${peak.toFixed(0)} MB (by tenths of the file ${byProgress.map((mb) => mb.toFixed(0)).join(' ')})`;
}

/**
 * Downloads the journal (`query`: its filters) as a file, sampling the RSS of the gateway and the sales journal
 * meanwhile. `rows`: how many the file holds; null to count the CSV's lines.
 */
async function timeExport(system: BenchSystem, token: string, format: 'csv' | 'xlsx', part: ExportReport['part'], query: string, rows: number | null, startCpu: () => () => CpuMs): Promise<ExportReport> {
  const watched = system.processes().filter(({ name }) => /^(gateway|sales-journal)#/.test(name));
  const before = Object.fromEntries(watched.map(({ name, pid }) => [name, statusKb(pid, 'VmRSS') / 1024]));
  const samples = new Map<string, Array<{ bytes: number; mb: number }>>(watched.map(({ name }) => [name, []]));
  let bytes = 0;
  const sample = () => watched.forEach(({ name, pid }) => samples.get(name)!.push({ bytes, mb: statusKb(pid, 'VmRSS') / 1024 }));
  const sampler = setInterval(sample, RSS_SAMPLE_MS);
  const cpuSince = startCpu();
  const started = performance.now();
  let lines = 0;
  try {
    const reply = await fetch(`${system.url}/api/v1/sales/export?format=${format}${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (reply.status !== 200 || !reply.body) throw new Error(`the ${format} export answered ${reply.status}: ${await reply.text()}`);
    for await (const chunk of reply.body as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      // indexOf, not a loop over the bytes: the bench shares the two cores with what it measures.
      if (format === 'csv') for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) lines += 1;
    }
  } finally {
    clearInterval(sampler);
  }
  sample();
  const seconds = (performance.now() - started) / 1000;
  // The CSV's rows are its lines after the header; an Excel file's are known only to Excel: the CSV's of the same filters.
  const fileRows = rows ?? lines;
  const cpuMsPer1000Rows = perUnit(cpuSince(), fileRows / 1000);
  if (format === 'csv' && lines !== fileRows) throw new Error(`the CSV export held ${lines} rows, not ${fileRows}`);
  const rssMb = Object.fromEntries(
    watched.map(({ name }) => {
      const own = samples.get(name)!;
      return [name, { before: before[name]!, peak: Math.max(...own.map(({ mb }) => mb)), byProgress: rssByProgress(own, bytes) }];
    }),
  );
  const report = { format, part, rows: fileRows, megabytes: bytes / 1e6, seconds, rowsPerSecond: fileRows / seconds, rssMb, cpuMsPer1000Rows };
  const rssText = Object.entries(rssMb)
    .map(([name, rss]) => `${name} ${describeRss(rss)}`)
    .join('; ');
  console.error(`  export ${format} (${part}, ${fileRows.toLocaleString('en')} rows): ${Math.round(report.rowsPerSecond).toLocaleString('en')} rows/s, ${report.megabytes.toFixed(0)} MB in ${seconds.toFixed(1)} s; RSS ${rssText}; CPU ms per 1,000 rows ${JSON.stringify(cpuMsPer1000Rows)}`);
  return report;
}

/** A merchant of its own whose journal holds only the seeded sales, and the query kinds to ask of it. */
export interface SeededJournal {
  documents: Record<string, number>;
  seedSeconds: number;
  kinds: QueryKind[];
  recording: RecordingStore;
  /** A new access token for the Owner (the seeding may outlast one). */
  logInOwner(): Promise<string>;
  /** The export's filters for the first tenth of the year (PART_EXPORT_OF_YEAR), as a query string's tail. */
  partExportQuery: string;
}

/** Signs a merchant up and seeds `sales` sales of theirs into the system's read model (over `pool`). */
export async function seedJournal(system: BenchSystem, pool: Pool, sales: number): Promise<SeededJournal> {
  const api = cabinetApi(system.url);
  const merchant = await signUpMerchant(system.url, 'ООО «Миллион продаж»');
  const contact = uniqueContact();
  const cashier = await api.add(merchant.accessToken, '/api/v1/employees', { lastName: 'Кассирова', firstName: 'Анна', patronymic: null, ...contact, role: 'cashier' });
  const places = workplacesOf({ id: cashier.id, name: 'Кассирова Анна' });

  console.error(`journals at scale: seeding ${sales.toLocaleString('en')} sales`);
  const rrns: string[] = [];
  const seeding = performance.now();
  const recording = recordingStore(pool);
  // The sales are spread evenly over the year from here on.
  const yearStart = Date.now() - YEAR_MS;
  const documents = await seed(pool, recording, merchant.organisationId, places, yearStart, sales, rrns);
  const seedSeconds = (performance.now() - seeding) / 1000;
  for (const name of Object.keys(documents)) await pool.query(`VACUUM (ANALYZE) ${tableOf(name)}`);
  console.error(`  seeded in ${seedSeconds.toFixed(0)} s: ${JSON.stringify(documents)}`);
  // Logged in after the seeding, which may outlast an access token's 15 minutes.
  const owner = await logIn(merchant);
  const cashierToken = await api.setPasswordAndLogIn(contact.phone);

  const [salesCollection, transactionsCollection] = salesJournalProjections.map((projection) => projection.collections[0]!);
  const organisationId = merchant.organisationId;
  const newestFirst = [{ field: 'occurredAtUtc', direction: 'desc' as const }];
  const numbers = Math.max(1, Math.floor(sales / places.length));
  const kinds: QueryKind[] = [
    {
      kind: 'period (30 days) + sales point',
      token: owner,
      collection: salesCollection!,
      next: () => {
        const from = new Date(yearStart + Math.random() * (YEAR_MS - PERIOD_MS));
        const to = new Date(from.getTime() + PERIOD_MS);
        const salesPointId = pick(places).salesPoint.id;
        return {
          path: `/api/v1/sales?from=${from.toISOString()}&to=${to.toISOString()}&salesPointId=${salesPointId}&limit=${PAGE}`,
          find: { where: { organisationId, occurredAtUtc: { gte: from.toISOString(), lt: to.toISOString() }, 'salesPoint.id': salesPointId }, sort: newestFirst },
        };
      },
    },
    {
      kind: 'by number',
      token: owner,
      collection: salesCollection!,
      next: () => {
        const number = 1 + Math.floor(Math.random() * numbers);
        return { path: `/api/v1/sales?number=${number}&limit=${PAGE}`, find: { where: { organisationId, number }, sort: newestFirst } };
      },
    },
    {
      kind: 'transactions by RRN',
      token: owner,
      collection: transactionsCollection!,
      next: () => {
        const rrn = pick(rrns);
        return { path: `/api/v1/transactions?rrn=${rrn}&limit=${PAGE}`, find: { where: { organisationId, rrn }, sort: newestFirst } };
      },
    },
    {
      kind: "a Cashier's own sales",
      token: cashierToken,
      collection: salesCollection!,
      next: () => ({ path: `/api/v1/sales?limit=${PAGE}`, find: { where: { organisationId, 'employee.id': cashier.id }, sort: newestFirst } }),
    },
    {
      kind: 'the whole journal',
      token: owner,
      collection: salesCollection!,
      next: () => ({ path: `/api/v1/sales?limit=${PAGE}`, find: { where: { organisationId }, sort: newestFirst } }),
    },
  ];
  const partExportTo = new Date(yearStart + YEAR_MS * PART_EXPORT_OF_YEAR).toISOString();
  return { documents, seedSeconds, kinds, recording, partExportQuery: `&to=${encodeURIComponent(partExportTo)}`, logInOwner: () => logIn(merchant) };
}

/** Runs the phase for a merchant of its own, whose journal holds only the seeded sales. */
export async function journalScalePhase(system: BenchSystem, databaseUrl: string, sales: number): Promise<JournalScaleReport> {
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const { documents, seedSeconds, kinds, recording, logInOwner, partExportQuery } = await seedJournal(system, pool, sales);
    const startCpu = cpuMeter(system, new URL(databaseUrl).pathname.slice(1));
    const queries: QueryKindReport[] = [];
    for (const kind of kinds) queries.push(await timeKind(system.url, pool, recording, kind, startCpu));
    const exports: ExportReport[] = [];
    let partRows: number | null = null;
    for (const format of ['csv', 'xlsx'] as const) {
      const token = await logInOwner();
      const part = await timeExport(system, token, format, 'tenth', partExportQuery, partRows, startCpu);
      partRows = part.rows;
      exports.push(part, await timeExport(system, token, format, 'whole', '', sales, startCpu));
    }
    return { sales, documents, seed: { seconds: seedSeconds, salesPerSecond: sales / seedSeconds }, queries, exports };
  } finally {
    await pool.end();
  }
}

export const cpuText = (cpu: CpuMs) => [cpu.gateway, cpu['sales-journal'], cpu.postgres, cpu.identity].map((ms) => ms.toFixed(2)).join(' / ');

/** The phase's lines of the bench's table: CPU time per query, and per 1,000 rows for the exports. */
export function journalScaleRows(report: JournalScaleReport): string[][] {
  return [
    ...report.queries.map((query) => [
      query.kind,
      query.ms.p50.toFixed(1),
      query.ms.p99.toFixed(1),
      query.total,
      cpuText(query.cpuMsPerQuery),
      query.plans.map((plan) => `${plan.statement}: ${plan.seqScan ? 'SEQ SCAN ' : ''}${plan.indexes.join(', ')}`).join('; '),
    ]),
    ...report.exports.map((file) => [
      `export ${file.format}, ${file.rows.toLocaleString('en')} rows`,
      `${Math.round(file.rowsPerSecond).toLocaleString('en')} rows/s`,
      `${file.seconds.toFixed(1)} s`,
      `${file.megabytes.toFixed(0)} MB`,
      cpuText(file.cpuMsPer1000Rows),
      Object.entries(file.rssMb)
        .map(([name, rss]) => `${name} RSS ${describeRss(rss)}`)
        .join(', '),
    ]),
    ...(['csv', 'xlsx'] as const).map((format) => {
      const [tenth, whole] = (['tenth', 'whole'] as const).map((part) => report.exports.find((file) => file.format === format && file.part === part)!);
      const peaks = Object.keys(whole!.rssMb).map((name) => {
        const { byProgress } = whole!.rssMb[name]!;
        const halves = [byProgress.slice(0, RSS_PROGRESS_STEPS / 2), byProgress.slice(RSS_PROGRESS_STEPS / 2)].map((half) => Math.max(...half).toFixed(0));
        return `${name} ${tenth!.rssMb[name]!.peak.toFixed(0)} → ${whole!.rssMb[name]!.peak.toFixed(0)} MB (the whole file's first half ${halves[0]}, second half ${halves[1]})`;
      });
      return [`memory flat? ${format}: peak RSS at ${tenth!.rows.toLocaleString('en')} rows → at ${whole!.rows.toLocaleString('en')}`, '', '', '', '', peaks.join(', ')];
    }),
  ];
}

export const JOURNAL_SCALE_HEADER = ['journals at scale', 'p50 ms', 'p99 ms', 'total', 'CPU ms gateway / sales-journal / postgres / identity', 'plans (page; count) or RSS'];
