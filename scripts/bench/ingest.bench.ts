/**
 * The sale hot path: terminals pushing sales through the gateway, beside the raw limits of PostgreSQL (issue 14).
 *
 *   npm run bench:ingest [-- --distributed] [--terminals N] [--batch K[,K…]] [--events M] [--quick] [--chaos [--kills 3]] [--replay-events N [--replay-only]] [--journal-sales S]
 *
 * Starts ELK (embedded in this process on a temporary PGlite directory; with --distributed, the services as child
 * processes over NATS (TEST_NATS_URL, else the loopback one: no other ELK may be using it) and a fresh PostgreSQL
 * database), signs a merchant up and sets up N terminals (default 16) through the cabinet API, each its own workplace
 * with its own Cashier logged in (selling-terminals.ts). Then, for each batch size K (default 1 and 100: single-event
 * pushes, and a terminal flushing its queue), in this order:
 * - raw PostgreSQL: the M events (default 20,000) INSERTed into a scratch table shaped like the events table
 *   (scratch-events.ts), K rows a statement and a transaction, from POOL_SIZE connections;
 * - the bare endpoint (bare-endpoint.ts, its own process): a Fastify route that checks the body with the push's zod
 *   contract and INSERTs its events in one statement with a pool of POOL_SIZE, under the same load as ELK;
 * - ELK: the N terminals push M new events made by pos-sim's SaleGenerator to POST /pos/v1/sales/events, K a request.
 * The load is push-load.ts, a closed loop with one request in flight per terminal, not autocannon: a terminal's pushes
 * must arrive in order (a sale's payment after its creation), each with that terminal's credential and cashier's
 * session, and every answer lists per-event outcomes to count and gives the ack time the projection lag starts from;
 * autocannon would only send the requests, and all of that would live in its hooks.
 * It reports events/s, ack latency p50/p99 (request → answer), the ratios ELK/bare and ELK/raw, and the projection
 * lag p50/p99: for about LAG_SAMPLES of the sales created, the time from the ack to the first answer of
 * GET /api/v1/sales?number=…&workplaceId=… that lists the sale. For single-event pushes the terminals then push as many
 * new events again, paced at 80% of the rate ELK reached (the load the lag's target is set at), and the same is
 * reported for that run. At the end, the resident memory of each process of the
 * system (embedded: this process, which also runs the load; distributed: each service).
 * With --replay-events N, then the sales journal's rebuild from N events: replay-phase.ts; --replay-only runs that alone
 * (no ELK started, no pushes), writing bench/results/ingest-replay-<timestamp>.json.
 * With --journal-sales S (distributed), then the journals at S sales: journal-scale-phase.ts.
 * Writes bench/results/ingest-<mode>-<timestamp>.json and ingest-<mode>-latest.json.
 * --chaos (distributed only) instead kills sales-journal while the terminals push and counts what survived
 * (ingest-chaos.ts).
 *
 * Embedded ELK shares this process, and so its one thread, with the load generator; the references use the loopback
 * PostgreSQL server (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) in both modes.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { TERMINAL_SESSION_HEADER, type PushedSaleEvent } from '@elk/contracts';
import { Pool } from 'pg';
import { POOL_SIZE, startBareEndpoint } from './bare-endpoint';
import { writeBenchResults } from './bench-results';
import { startBenchSystem, type BenchSystem } from './bench-system';
import { CHAOS_NATS_NAMESPACE, CHAOS_OPTIONS, benchChaos } from './ingest-chaos';
import { statusKb } from './proc';
import { runReplayPhase } from './replay-phase';
import { percentiles, runPushLoad, type Ack, type LoadOptions, type LoadReport, type LoadTerminal, type Percentiles } from './push-load';
import { JOURNAL_SCALE_HEADER, journalScalePhase, journalScaleRows } from './journal-scale-phase';
import { insertEventsSql, scratchEventsTableSql } from './scratch-events';
import { logIn, sellingTerminals, signUpMerchant, type BenchTerminal, type Merchant } from './selling-terminals';

const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const LAG_SAMPLES = 200;
/** A sale not listed this long after its ack is a failure, not a lag. */
const LAG_GIVE_UP_MS = 30_000;
const LAG_POLL_MS = 2;
/** The projection lag's target holds at 80% of the single-event pushes' maximum. */
const PACED_SHARE = 0.8;
const QUICK = { terminals: 4, events: 400 };

/**
 * Ack → the first answer of a journal query that lists the sale, the query's own time included. `atFirstQuery` of the
 * `samples` were listed by the first query: for those the journal was at least as quick as one query.
 */
type ProjectionLag = Percentiles & { samples: number; atFirstQuery: number };

type ElkRun = LoadReport & { projectionLagMs: ProjectionLag };

interface Phase {
  batch: number;
  raw: { events: number; seconds: number; eventsPerSecond: number };
  bare: LoadReport;
  /** As fast as ELK answers. */
  elk: ElkRun;
  /** Single-event pushes only: as many new events again, paced at PACED_SHARE of `elk`'s rate (the lag target's load). */
  elkPaced?: ElkRun & { requestsPerSecond: number };
  ratios: { elkToBare: number; elkToRaw: number };
}

function positiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`--${name} must be a positive integer, not ${value}`);
  return number;
}

/** Each terminal's next `count` events: whole sales from its generator, the last one cut short if need be. */
function salesOf(terminal: BenchTerminal, count: number): PushedSaleEvent[] {
  const events: PushedSaleEvent[] = [];
  const start = Date.now() - 86_400_000;
  for (let sale = 0; events.length < count; sale++) events.push(...terminal.sales.sale(new Date(start + sale * 60_000)));
  return events.slice(0, count);
}

function inBatches<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** INSERTs the events into a new scratch table, `batch` rows a statement, from POOL_SIZE connections. */
async function rawPostgres(pool: Pool, table: string, events: PushedSaleEvent[], batch: number): Promise<Phase['raw']> {
  await pool.query(scratchEventsTableSql(table));
  const statements = inBatches(events, batch).map((rows) => insertEventsSql(table, rows));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: POOL_SIZE }, async () => {
      for (let statement = statements[next++]; statement; statement = statements[next++]) await pool.query(statement.text, statement.values);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { events: events.length, seconds, eventsPerSecond: events.length / seconds };
}

/**
 * Follows the acks of an ELK load: for every `every`-th sale created, the time from its ack until the journal lists it.
 * `done()` waits for the samples still being looked for.
 */
function projectionLag(merchant: Merchant, terminals: BenchTerminal[], pushed: PushedSaleEvent[][][], every: number) {
  const lags: number[] = [];
  const pending: Array<Promise<void>> = [];
  const errors: unknown[] = [];
  let atFirstQuery = 0;
  let created = 0;
  // The Owner's access token lasts 15 minutes, a long run more: a 401 logs in again (once for the queries that got it).
  let token: Promise<string> | undefined;
  const listed = async (path: string): Promise<boolean> => {
    const used = await (token ??= logIn(merchant));
    const reply = await fetch(`${merchant.url}${path}`, { headers: { authorization: `Bearer ${used}` } });
    if (reply.status === 401) {
      if ((await token) === used) token = logIn(merchant);
      return listed(path);
    }
    if (reply.status !== 200) throw new Error(`GET ${path} answered ${reply.status}: ${await reply.text()}`);
    return ((await reply.json()) as { items: unknown[] }).items.length > 0;
  };
  const follow = async (path: string, ackAt: number) => {
    for (let query = 1; ; query++) {
      if (await listed(path)) {
        lags.push(performance.now() - ackAt);
        if (query === 1) atFirstQuery += 1;
        return;
      }
      if (performance.now() - ackAt > LAG_GIVE_UP_MS) throw new Error(`${path}: the sale was not in the journal ${LAG_GIVE_UP_MS / 1000} s after its push was acknowledged`);
      await new Promise((resolve) => setTimeout(resolve, LAG_POLL_MS));
    }
  };
  return {
    onAck({ terminal, request, ackAt, results }: Ack) {
      const events = pushed[terminal]![request]!;
      results.forEach((result, index) => {
        const number = events[index]?.saleCreated?.number;
        if (number === undefined || result.outcome !== 'accepted' || created++ % every !== 0) return;
        // Caught at once: a sample that fails must not end the process before the system is stopped.
        pending.push(follow(`/api/v1/sales?number=${number}&workplaceId=${terminals[terminal]!.workplaceId}&limit=1`, ackAt).catch((error: unknown) => void errors.push(error)));
      });
    },
    async done(): Promise<ProjectionLag> {
      await Promise.all(pending);
      if (errors.length > 0) throw errors[0];
      return { ...percentiles(lags), samples: lags.length, atFirstQuery };
    },
  };
}

/** Each terminal's next `total / terminals` events (its share), in pushes of `batch`. */
function pushesOf(terminals: BenchTerminal[], batch: number, total: number): PushedSaleEvent[][][] {
  return terminals.map((terminal, index) => {
    const share = Math.floor(total / terminals.length) + (index < total % terminals.length ? 1 : 0);
    return inBatches(salesOf(terminal, share), batch);
  });
}

const bodiesOf = (pushed: PushedSaleEvent[][][]) => pushed.map((requests) => requests.map((events) => ({ body: Buffer.from(JSON.stringify({ events })), events: events.length })));

/** The terminals push `pushed` to ELK (paced when `options` say so), the projection lag sampled on the way. */
async function elkRun(system: BenchSystem, merchant: Merchant, terminals: BenchTerminal[], pushed: PushedSaleEvent[][][], options: LoadOptions = {}): Promise<ElkRun> {
  const all = pushed.flat(2);
  const sales = all.filter((event) => event.saleCreated).length;
  const lag = projectionLag(merchant, terminals, pushed, Math.max(1, Math.round(sales / LAG_SAMPLES)));
  const bodies = bodiesOf(pushed);
  const load: LoadTerminal[] = terminals.map(({ terminal }, index) => ({
    url: `${system.url}/pos/v1/sales/events`,
    headers: { authorization: `Bearer ${terminal.credential}`, [TERMINAL_SESSION_HEADER]: terminal.sessionToken! },
    requests: bodies[index]!,
  }));
  const elk = { ...(await runPushLoad(load, (ack) => lag.onAck(ack), options)), projectionLagMs: await lag.done() };
  const pace = options.requestsPerSecond === undefined ? '' : `, paced at ${rate(options.requestsPerSecond)} requests/s`;
  console.error(`  ELK${pace}: ${rate(elk.eventsPerSecond)} events/s, ack p99 ${elk.ackMs.p99.toFixed(1)} ms, projection lag p99 ${elk.projectionLagMs.p99.toFixed(1)} ms (${elk.projectionLagMs.atFirstQuery} of ${elk.projectionLagMs.samples} sales listed at the first query)`);
  if (Object.keys(elk.failures).length > 0) console.error(`  ELK: attempts sent again after ${JSON.stringify(elk.failures)}`);
  if (elk.outcomes.accepted !== all.length) throw new Error(`ELK accepted ${elk.outcomes.accepted} of ${all.length} events: ${JSON.stringify(elk.outcomes)}`);
  return elk;
}

async function runPhase(system: BenchSystem, merchant: Merchant, terminals: BenchTerminal[], pool: Pool, schema: string, batch: number, total: number): Promise<Phase> {
  const pushed = pushesOf(terminals, batch, total);
  const all = pushed.flat(2);
  console.error(`pushes of ${batch} event(s): ${all.length.toLocaleString('en')} events, ${terminals.length} terminals`);

  const raw = await rawPostgres(pool, `${schema}.raw_${batch}`, all, batch);
  console.error(`  raw PostgreSQL: ${rate(raw.eventsPerSecond)} events/s`);

  await pool.query(scratchEventsTableSql(`${schema}.bare_${batch}`));
  const endpoint = await startBareEndpoint(DATABASE_URL, `${schema}.bare_${batch}`);
  const bare = await runPushLoad(bodiesOf(pushed).map((requests) => ({ url: endpoint.url, headers: {}, requests }))).finally(() => endpoint.close());
  console.error(`  bare endpoint: ${rate(bare.eventsPerSecond)} events/s, ack p99 ${bare.ackMs.p99.toFixed(1)} ms`);
  if (Object.keys(bare.failures).length > 0) console.error(`  bare endpoint: attempts sent again after ${JSON.stringify(bare.failures)}`);

  const elk = await elkRun(system, merchant, terminals, pushed);
  const requestsPerSecond = PACED_SHARE * elk.eventsPerSecond;
  const elkPaced = batch === 1 ? { ...(await elkRun(system, merchant, terminals, pushesOf(terminals, batch, total), { requestsPerSecond })), requestsPerSecond } : undefined;
  return { batch, raw, bare, elk, elkPaced, ratios: { elkToBare: elk.eventsPerSecond / bare.eventsPerSecond, elkToRaw: elk.eventsPerSecond / raw.eventsPerSecond } };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 1 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const ms = (value: number) => value.toFixed(1);
const rate = (value: number) => Math.round(value).toLocaleString('en');
const percent = (value: number) => `${Math.round(value * 100)}%`;

function report(phases: Phase[], memory: Array<{ name: string; rssMb: number }>): string {
  const measured = phases.flatMap((phase) => [
    [`raw PostgreSQL, ${phase.batch} a statement`, rate(phase.raw.eventsPerSecond), '', '', '', '', '', ''],
    [`bare endpoint, ${phase.batch} a push`, rate(phase.bare.eventsPerSecond), ms(phase.bare.ackMs.p50), ms(phase.bare.ackMs.p99), '', '', '', ''],
    [
      `ELK, ${phase.batch} a push`,
      rate(phase.elk.eventsPerSecond),
      ms(phase.elk.ackMs.p50),
      ms(phase.elk.ackMs.p99),
      ms(phase.elk.projectionLagMs.p50),
      ms(phase.elk.projectionLagMs.p99),
      percent(phase.ratios.elkToBare),
      percent(phase.ratios.elkToRaw),
    ],
    ...(phase.elkPaced
      ? [[`ELK, ${phase.batch} a push, paced at ${percent(PACED_SHARE)}`, rate(phase.elkPaced.eventsPerSecond), ms(phase.elkPaced.ackMs.p50), ms(phase.elkPaced.ackMs.p99), ms(phase.elkPaced.projectionLagMs.p50), ms(phase.elkPaced.projectionLagMs.p99), '', '']]
      : []),
  ]);
  return [
    table(['', 'events/s', 'ack p50 ms', 'ack p99 ms', 'lag p50 ms', 'lag p99 ms', 'ELK/bare', 'ELK/raw'], measured),
    '',
    table(['process', 'RSS MB'], memory.map(({ name, rssMb }) => [name, rssMb.toFixed(1)])),
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { distributed: { type: 'boolean', default: false }, terminals: { type: 'string' }, batch: { type: 'string', default: '1,100' }, events: { type: 'string' }, quick: { type: 'boolean', default: false }, 'replay-events': { type: 'string' }, 'replay-only': { type: 'boolean', default: false }, 'journal-sales': { type: 'string' }, ...CHAOS_OPTIONS },
  });
  if (values.chaos && !values.distributed) throw new Error('--chaos kills the sales-journal process: it needs --distributed');
  if (values['replay-only']) {
    if (!values['replay-events']) throw new Error('--replay-only runs the replay phase alone: give --replay-events N');
    const replay = await runReplayPhase(DATABASE_URL, positiveInteger('replay-events', values['replay-events']));
    const finishedAt = new Date();
    writeBenchResults('ingest-replay', finishedAt, { finishedAt: finishedAt.toISOString(), node: process.version, cpus: cpus().length, replay });
    return;
  }
  const terminalCount = positiveInteger('terminals', values.terminals ?? String(values.quick ? QUICK.terminals : 16));
  const events = positiveInteger('events', values.events ?? String(values.quick ? QUICK.events : 20_000));
  const batches = values.batch.split(',').map((size) => positiveInteger('batch', size.trim()));
  const mode = values.distributed ? 'distributed' : 'embedded';
  const journalSales = values['journal-sales'] === undefined ? undefined : positiveInteger('journal-sales', values['journal-sales']);
  if (journalSales && mode !== 'distributed') throw new Error('--journal-sales measures the journals on PostgreSQL: add --distributed');

  console.error(`ingest bench: ${terminalCount} terminals, ${events.toLocaleString('en')} events a run, pushes of ${batches.join(' and ')}, ${mode} mode`);
  const system = await startBenchSystem(mode, values.chaos ? { natsNamespace: CHAOS_NATS_NAMESPACE, restartServices: true } : {});
  const pool = new Pool({ connectionString: DATABASE_URL, max: POOL_SIZE });
  const schema = `bench_ingest_${randomBytes(4).toString('hex')}`;
  try {
    if (values.chaos) return await benchChaos(system, { terminals: terminalCount, events, batches, kills: positiveInteger('kills', values.kills) });
    await pool.query(`CREATE SCHEMA ${schema}`);
    const merchant = await signUpMerchant(system.url, 'ООО «Бенчмарк»');
    const terminals = await sellingTerminals(merchant, terminalCount);
    console.error(`  ${terminalCount} terminals activated, their cashiers logged in`);
    const phases: Phase[] = [];
    for (const batch of batches) phases.push(await runPhase(system, merchant, terminals, pool, schema, batch, events));
    const memory = system.processes().map(({ name, pid }) => ({ name, pid, rssMb: statusKb(pid, 'VmRSS') / 1024 }));
    console.log(report(phases, memory));
    const replay = values['replay-events'] ? await runReplayPhase(DATABASE_URL, positiveInteger('replay-events', values['replay-events'])) : undefined;
    const journalScale = journalSales && system.databaseUrl ? await journalScalePhase(system, system.databaseUrl, journalSales) : undefined;
    if (journalScale) console.log(`\n${table(JOURNAL_SCALE_HEADER, journalScaleRows(journalScale))}`);

    const finishedAt = new Date();
    writeBenchResults(`ingest-${mode}`, finishedAt, {
      finishedAt: finishedAt.toISOString(),
      mode,
      node: process.version,
      cpus: cpus().length,
      terminals: terminalCount,
      quick: values.quick,
      eventsPerPhase: events,
      connections: { load: terminalCount, referencePool: POOL_SIZE },
      phases,
      rssMb: memory,
      replay,
      journalScale,
    });
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => pool.end());
    await system.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
