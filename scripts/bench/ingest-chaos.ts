/**
 * `npm run bench:ingest -- --distributed --chaos [--kills 3]` (issue 14, «Never lose a sale»): the terminals push their
 * sales while the sales-journal process is killed with SIGKILL `kills` times, each at a random point of the load (with
 * pushes in flight; every other one once PostgreSQL runs one of its appends, which may then commit unanswered), and started
 * again by start-distributed (ELK_RESTART_SERVICES) as a supervisor would.
 * The terminals behave as real ones: a push not answered within REQUEST_TIMEOUT_MS, or answered with an error, is sent
 * again with the same events until it is answered. Every ORPHAN_EVERY-th sale of a terminal is pushed without its
 * SaleCreated (the terminal lost it), so that some events are refused and recorded in the register. Then it counts:
 * - the answers: each event accepted or duplicate (acknowledged), an orphan's rejected; no 500, no 4xx;
 * - the store (the log, read as ops:verify-journal reads it): each acknowledged event exactly once, as pushed, on its
 *   sale's stream; each refusal exactly once in the workplace's register; no other sale event; the registers' chain
 *   extensions adding up to the events stored, and every workplace's chain whole;
 * - the journals, as the cabinet reads them: each sale once, with the status its last push answered and paid = the
 *   payments less the refunds acknowledged; each card and СБП payment and refund once in Транзакции.
 * Every difference is listed; any makes the bench fail.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { SaleChainExtended, SaleEvents, TERMINAL_SESSION_HEADER, pushedPayloadOf, type PushedSaleEvent, type SaleList, type SaleStatus, type TransactionList } from '@elk/contracts';
import { checkpointOf, createEventStore, type GlobalCheckpoint } from '@elk/eventstore';
import { SaleChainWalk } from '@elk/sales-journal';
import { EVENTS_SCHEMA } from '@elk/service-kit';
import { Client } from 'pg';
import { writeBenchResults } from './bench-results';
import type { BenchSystem } from './bench-system';
import { runPushLoad, type Ack, type LoadReport } from './push-load';
import { logIn, sellingTerminals, signUpMerchant, type BenchTerminal, type Merchant } from './selling-terminals';

/** bench:ingest's options for this phase (parseArgs). */
export const CHAOS_OPTIONS = { chaos: { type: 'boolean', default: false }, kills: { type: 'string', default: '3' } } as const;

/** Apart from a test run's ELK (namespace e2e) on the same NATS: the CI test runs the chaos beside it. */
export const CHAOS_NATS_NAMESPACE = 'chaos';
/** A terminal's HTTP timeout: a push the killed process took is never answered (the gateway gives up after 30 s). */
const REQUEST_TIMEOUT_MS = 10_000;
/** A terminal keeps its queue: it tries a push this many times (about a minute of refusals) before the bench gives up. */
const MAX_ATTEMPTS = 60;
const ORPHAN_EVERY = 20;
/** How long the restarted process may take to come back, and the log and the journals to show the last push. */
const RESTART_WITHIN_MS = 60_000;
const SETTLE_WITHIN_MS = 60_000;
const POLL_MS = 10;
/** How long a kill waits for an append under way before it strikes anyway. */
const APPEND_WAIT_MS = 3_000;
/** Differences of one kind listed in full; the rest are counted. */
const LISTED = 10;

export interface ChaosOptions {
  events: number;
  batch: number;
  kills: number;
  /** The terminals' HTTP timeout; REQUEST_TIMEOUT_MS by default. */
  requestTimeoutMs?: number;
  /** Where the progress lines go; stderr by default. */
  log?: (line: string) => void;
}

export interface Kill {
  /** Events acknowledged when it was killed, and pushes then waiting for an answer. */
  ackedEvents: number;
  pushesInFlight: number;
  /** Killed while the database ran one of its appends. */
  duringAppend: boolean;
  /** Kill → the new process in the process list; → the first push it answered. */
  restartedMs: number;
  servingMs: number;
}

export interface ChaosReport {
  batch: number;
  terminals: number;
  pushed: { events: number; orphans: number };
  load: Pick<LoadReport, 'requests' | 'seconds' | 'eventsPerSecond' | 'ackMs' | 'outcomes' | 'failures'>;
  kills: Kill[];
  /** What terminals got instead of an answer, by status (or 'timeout'), with the first problem's detail. */
  refusals: Record<string, { count: number; detail: string | null }>;
  /** Events answered only after an earlier attempt of their push had failed. */
  retriedEvents: number;
  store: { saleEvents: number; rejections: number; chained: number; chain: { events: number; workplaces: number; breaks: number } };
  journal: { sales: number; transactions: number };
  /** Everything that is not exactly once; empty when no sale was lost or doubled. */
  differences: string[];
}

/** What an acknowledged sale should look like in the journal. */
interface ExpectedSale {
  status: SaleStatus | null;
  paid: number;
}

const until = async (condition: () => boolean, withinMs: number, what: string): Promise<void> => {
  const deadline = performance.now() + withinMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${withinMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
};

/** Each terminal's next `count` events: whole sales (the last cut short if need be), every ORPHAN_EVERY-th without its creation. */
function chaosEvents(terminal: BenchTerminal, count: number): PushedSaleEvent[] {
  const events: PushedSaleEvent[] = [];
  const start = Date.now() - 86_400_000;
  for (let sale = 1; events.length < count; sale++) {
    const at = new Date(start + sale * 60_000);
    if (sale % ORPHAN_EVERY === 0) events.push(...terminal.sales.sale(at, { ending: 'cancelled', payments: [] }).slice(1));
    else events.push(...terminal.sales.sale(at));
  }
  return events.slice(0, count);
}

function inBatches<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** Lists `found` problems of one kind: the first LISTED, and how many more. */
function differencesOf(kind: string, found: string[]): string[] {
  if (found.length === 0) return [];
  return [`${kind}: ${found.length}`, ...found.slice(0, LISTED).map((line) => `  ${line}`), ...(found.length > LISTED ? [`  … and ${found.length - LISTED} more`] : [])];
}

/** The load as it runs: attempts sent and answered (the difference is in flight), events acknowledged, the last ack. */
interface LoadProgress {
  sent: number;
  answered: number;
  acked: number;
  lastAckAt: number;
  done: boolean;
}

const salesJournalPid = (system: BenchSystem) => system.processes().find(({ name }) => name.startsWith('sales-journal#'))?.pid;

/** What the terminals pushed through the kills, and what they were answered. */
export interface ChaosLoad {
  batch: number;
  terminals: number;
  all: PushedSaleEvent[];
  orphans: Set<string>;
  /** The answer each event got at last. */
  answers: Map<string, Ack['results'][number]>;
  retried: Set<string>;
  refusals: ChaosReport['refusals'];
  kills: Kill[];
  report: LoadReport;
}

/** Runs the load with `kills` kills of sales-journal, then counts the answers, the store and the journals. */
export async function runChaos(system: BenchSystem, merchant: Merchant, terminals: BenchTerminal[], options: ChaosOptions): Promise<ChaosReport> {
  return countSurvivors(system, merchant, await pushThroughKills(system, terminals, options));
}

/** The terminals push `events`, `batch` a request, while sales-journal is killed `kills` times. */
export async function pushThroughKills(system: BenchSystem, terminals: BenchTerminal[], { events, batch, kills, requestTimeoutMs = REQUEST_TIMEOUT_MS, log = console.error }: ChaosOptions): Promise<ChaosLoad> {
  if (!system.databaseUrl) throw new Error('--chaos kills the sales-journal process: run it with --distributed');
  const pushed = terminals.map((terminal, index) => {
    const share = Math.floor(events / terminals.length) + (index < events % terminals.length ? 1 : 0);
    return inBatches(chaosEvents(terminal, share), batch);
  });
  const all = pushed.flat(2);
  const created = new Set(all.filter((event) => event.saleCreated).map((event) => event.saleId));
  const orphans = new Set(all.filter((event) => !created.has(event.saleId)).map((event) => event.eventId));
  log(`chaos: ${all.length.toLocaleString('en')} events (${orphans.size} of sales never created), pushes of ${batch}, ${terminals.length} terminals, ${kills} kills of sales-journal`);

  const answers = new Map<string, Ack['results'][number]>();
  const retried = new Set<string>();
  const refusals: ChaosReport['refusals'] = {};
  const progress: LoadProgress = { sent: 0, answered: 0, acked: 0, lastAckAt: 0, done: false };
  const load = terminals.map(({ terminal }, index) => ({
    url: `${system.url}/pos/v1/sales/events`,
    headers: { authorization: `Bearer ${terminal.credential}`, [TERMINAL_SESSION_HEADER]: terminal.sessionToken! },
    requests: pushed[index]!.map((events) => ({ body: Buffer.from(JSON.stringify({ events })), events: events.length })),
  }));
  const loaded = runPushLoad(
    load,
    ({ ackAt, attempts, results }) => {
      progress.answered++;
      progress.acked += results.length;
      progress.lastAckAt = ackAt;
      for (const result of results) {
        answers.set(result.eventId, result);
        if (attempts > 1) retried.add(result.eventId);
      }
    },
    {
      requestTimeoutMs,
      maxAttempts: MAX_ATTEMPTS,
      onSend: () => progress.sent++,
      onFailure: ({ failure, text }) => {
        progress.answered++;
        const seen = (refusals[failure] ??= { count: 0, detail: problemDetail(text) });
        seen.count++;
      },
    },
  ).finally(() => (progress.done = true));
  const [killed, report] = await Promise.all([killWhileLoaded(system, kills, all.length, progress, log), loaded]);
  log(`  pushed at ${Math.round(report.eventsPerSecond).toLocaleString('en')} events/s through ${killed.length} kills; answered instead: ${JSON.stringify(report.failures)}`);
  return { batch, terminals: terminals.length, all, orphans, answers, retried, refusals, kills: killed, report };
}

/**
 * Counts every pushed event in the answers, the store and the journals. The log and the journals show the last pushes
 * a moment later: a difference is looked for again until `settleWithinMs` has passed.
 */
export async function countSurvivors(system: BenchSystem, merchant: Merchant, load: ChaosLoad, settleWithinMs = SETTLE_WITHIN_MS): Promise<ChaosReport> {
  const { all, orphans, answers, refusals, report } = load;
  const store = await settled(() => checkStore(system.databaseUrl!, merchant.organisationId, all, answers), settleWithinMs);
  const token = await logIn(merchant);
  const journal = await settled(() => checkJournals(merchant, token, all, answers), settleWithinMs);
  const differences = [...answerDifferences(all, orphans, answers, refusals), ...store.found, ...journal.found];
  return {
    batch: load.batch,
    terminals: load.terminals,
    pushed: { events: all.length, orphans: orphans.size },
    load: { requests: report.requests, seconds: report.seconds, eventsPerSecond: report.eventsPerSecond, ackMs: report.ackMs, outcomes: report.outcomes, failures: report.failures },
    kills: load.kills,
    refusals,
    retriedEvents: load.retried.size,
    store: store.counts,
    journal: journal.counts,
    differences,
  };
}

function problemDetail(text: string | null): string | null {
  if (!text) return null;
  try {
    return String((JSON.parse(text) as { detail?: unknown }).detail ?? text.slice(0, 200));
  } catch {
    return text.slice(0, 200);
  }
}

/**
 * Kills sales-journal `kills` times, each at a random point of its stretch of the load (once that many events are
 * acknowledged), and waits for its restart to answer a push before the next. The stretches cover the first
 * kills / (kills + 2) of the load, so that the last kill comes while the terminals still have pushes to make, however
 * fast they go once the restarted process answers.
 */
async function killWhileLoaded(system: BenchSystem, kills: number, total: number, progress: LoadProgress, log: (line: string) => void): Promise<Kill[]> {
  const done: Kill[] = [];
  const stretch = total / (kills + 2);
  const database = new Client({ connectionString: system.databaseUrl });
  await database.connect();
  try {
    for (let kill = 1; kill <= kills; kill++) {
      const at = stretch * (kill - 0.5 + Math.random());
      await until(() => progress.acked >= at || progress.done, Number.MAX_SAFE_INTEGER, 'the load');
      if (progress.done) break;
      const victim = salesJournalPid(system);
      if (victim === undefined) throw new Error('no sales-journal process to kill');
      // Every other kill waits for an append under way (its statement may still commit, the answer never leaves), but
      // not past half a stretch more of the load: a load that runs on meanwhile must not end before the kills do.
      const duringAppend = kill % 2 === 1 && (await appendUnderWay(database, () => progress.done || progress.acked >= at + stretch / 2));
      if (progress.done) break;
      const record = { ackedEvents: progress.acked, pushesInFlight: progress.sent - progress.answered, duringAppend };
      process.kill(victim, 'SIGKILL');
      const killedAt = performance.now();
      await until(() => ![undefined, victim].includes(salesJournalPid(system)), RESTART_WITHIN_MS, 'sales-journal restarted');
      const restartedAt = performance.now();
      await until(() => progress.lastAckAt > restartedAt || progress.done, RESTART_WITHIN_MS, 'the restarted sales-journal answering a push');
      done.push({ ...record, restartedMs: restartedAt - killedAt, servingMs: progress.lastAckAt - killedAt });
      log(
        `  kill ${kill}: ${record.ackedEvents} events acknowledged, ${record.pushesInFlight} pushes in flight${duringAppend ? ', an append under way' : ''}; restarted in ${Math.round(restartedAt - killedAt)} ms, answering after ${Math.round(progress.lastAckAt - killedAt)} ms`,
      );
    }
  } finally {
    await database.end();
  }
  return done;
}

/**
 * Whether the system's database starts running an append to the events table within APPEND_WAIT_MS (during the load,
 * only sales-journal appends there), or before `giveUp` holds.
 */
async function appendUnderWay(database: Client, giveUp: () => boolean): Promise<boolean> {
  const deadline = performance.now() + APPEND_WAIT_MS;
  while (performance.now() < deadline && !giveUp()) {
    const { rowCount } = await database.query(
      `SELECT FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query LIKE '%INSERT INTO "${EVENTS_SCHEMA}".events%'`,
    );
    if (rowCount) return true;
  }
  return false;
}

/** Each event has one answer: an orphan's rejected, any other accepted or duplicate; terminals got no 500 and no 4xx. */
function answerDifferences(all: PushedSaleEvent[], orphans: Set<string>, answers: Map<string, Ack['results'][number]>, refusals: ChaosReport['refusals']): string[] {
  const wrong = all.flatMap(({ eventId }) => {
    const answer = answers.get(eventId);
    const expected = orphans.has(eventId) ? ['rejected'] : ['accepted', 'duplicate'];
    return answer && expected.includes(answer.outcome) ? [] : [`${eventId}: ${answer ? `${answer.outcome} ${answer.code ?? ''}` : 'no answer'}, expected ${expected.join(' or ')}`];
  });
  const unretryable = Object.entries(refusals)
    .filter(([status]) => status !== '503' && status !== 'timeout')
    .map(([status, { count, detail }]) => `${status} ×${count}: ${detail ?? ''}`);
  return [...differencesOf('events answered otherwise than expected', wrong), ...differencesOf('answers a terminal would not retry (only 503 and its own timeout are expected)', unretryable)];
}

/**
 * Runs `check` until it finds no difference or `withinMs` has passed: the log's readers pass a commit only once no older
 * transaction of the PostgreSQL server is still running, and the journals follow the log.
 */
async function settled<T>(check: () => Promise<{ counts: T; found: string[] }>, withinMs: number): Promise<{ counts: T; found: string[] }> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    const result = await check();
    if (result.found.length === 0 || performance.now() > deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The log of the system's database, walked as ops:verify-journal walks it: each acknowledged event stored once, as
 * pushed; each refusal once in a register; no other sale event of the organisation; chains whole.
 */
async function checkStore(databaseUrl: string, organisationId: string, all: PushedSaleEvent[], answers: Map<string, Ack['results'][number]>): Promise<{ counts: ChaosReport['store']; found: string[] }> {
  const saleEvents = new Map<string, Array<{ type: string; saleId: unknown }>>();
  const rejections = new Map<string, number>();
  let chained = 0;
  const walk = new SaleChainWalk(organisationId);
  const store = await createEventStore({ kind: 'postgres', connection: databaseUrl, poolSize: 2, schema: EVENTS_SCHEMA });
  try {
    let after: GlobalCheckpoint | undefined;
    for (;;) {
      const page = await store.readAll({ ...(after ? { after } : {}), maxCount: 1000 });
      for (const event of page) {
        const data = event.data as { organisationId?: unknown; saleId?: unknown };
        if (data.organisationId !== organisationId) continue;
        walk.take(event);
        if (Object.hasOwn(SaleEvents, event.type)) saleEvents.set(event.eventId, [...(saleEvents.get(event.eventId) ?? []), { type: event.type, saleId: data.saleId }]);
        if (event.type === 'SaleEventRejected') rejections.set(event.eventId, (rejections.get(event.eventId) ?? 0) + 1);
        if (event.type === 'SaleChainExtended') chained += SaleChainExtended.parse(event.data).count;
      }
      if (page.length < 1000) break;
      after = checkpointOf(page.at(-1)!);
    }
  } finally {
    await store.close();
  }

  const lost: string[] = [];
  const twice: string[] = [];
  const altered: string[] = [];
  const pushedIds = new Set<string>();
  for (const event of all) {
    pushedIds.add(event.eventId);
    const outcome = answers.get(event.eventId)?.outcome;
    const stored = saleEvents.get(event.eventId) ?? [];
    const refusals = rejections.get(event.eventId) ?? 0;
    if (outcome === 'accepted' || outcome === 'duplicate') {
      if (stored.length === 0) lost.push(`${event.eventId} (${outcome}) is not in the store`);
      if (stored.length > 1) twice.push(`${event.eventId} is stored ${stored.length} times`);
      const { type } = pushedPayloadOf(event);
      if (stored.some((one) => one.type !== type || one.saleId !== event.saleId)) altered.push(`${event.eventId} is stored as ${JSON.stringify(stored)}, pushed as ${type} of ${event.saleId}`);
    } else if (outcome === 'rejected') {
      if (refusals !== 1) (refusals === 0 ? lost : twice).push(`the refusal of ${event.eventId} is in the register ${refusals} times`);
      if (stored.length > 0) twice.push(`${event.eventId} was answered rejected but is stored as a sale event`);
    }
  }
  const unexpected = [...saleEvents.keys(), ...rejections.keys()].filter((eventId) => !pushedIds.has(eventId)).map((eventId) => `${eventId} is stored but was never pushed`);
  const chain = walk.finish();
  const found = [
    ...differencesOf('acknowledged events lost', lost),
    ...differencesOf('events stored more than once', twice),
    ...differencesOf('events stored otherwise than pushed', altered),
    ...differencesOf('events stored that no terminal pushed', unexpected),
    ...differencesOf(
      'chains',
      [
        ...chain.breaks.map(({ workplaceId, eventId, reason }) => `workplace ${workplaceId} breaks at ${eventId}: ${reason}`),
        ...(chained === saleEvents.size ? [] : [`the registers chained ${chained} events, the store holds ${saleEvents.size}`]),
        ...(chain.events === saleEvents.size ? [] : [`the walk followed ${chain.events} links of ${saleEvents.size} events`]),
      ],
    ),
  ];
  const counts = { saleEvents: saleEvents.size, rejections: rejections.size, chained, chain: { events: chain.events, workplaces: chain.workplaces, breaks: chain.breaks.length } };
  return { counts, found };
}

function rowsById<T extends { id: string }>(rows: T[]): Map<string, T[]> {
  const byId = new Map<string, T[]>();
  for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
  return byId;
}

/** A list page answered 503 (the sales journal not back yet from its last kill) is asked again for this long. */
const UNAVAILABLE_RETRY_MS = 30_000;

/** Every page of a cabinet list; a 503 asked again after the pause it names, as the cabinet would. */
async function wholeList<T>(merchant: Merchant, token: string, path: string): Promise<T[]> {
  const items: T[] = [];
  const givesUpAt = performance.now() + UNAVAILABLE_RETRY_MS;
  for (let cursor: string | null = null; ; ) {
    const reply = await fetch(`${merchant.url}${path}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    if (reply.status === 503 && performance.now() < givesUpAt) {
      await reply.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, Number(reply.headers.get('retry-after') ?? 1) * 1000));
      continue;
    }
    if (reply.status !== 200) throw new Error(`GET ${path} answered ${reply.status}: ${await reply.text()}`);
    const page = (await reply.json()) as { items: T[]; nextCursor: string | null };
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
}

/**
 * Журналы → Продажи and Транзакции as the Owner reads them: each acknowledged sale once, with its last answered status
 * and paid = payments less refunds; each card and СБП payment and refund once.
 */
async function checkJournals(merchant: Merchant, token: string, all: PushedSaleEvent[], answers: Map<string, Ack['results'][number]>): Promise<{ counts: ChaosReport['journal']; found: string[] }> {
  const sales = new Map<string, ExpectedSale>();
  const transactions = new Map<string, number>();
  const methods = new Map<string, string>();
  for (const event of all) {
    const answer = answers.get(event.eventId);
    if (answer?.outcome !== 'accepted' && answer?.outcome !== 'duplicate') continue;
    const sale = event.saleCreated ? { status: null, paid: 0 } : sales.get(event.saleId);
    if (!sale) continue;
    sales.set(event.saleId, sale);
    sale.status = answer.saleStatus ?? null;
    const { paymentReceived: payment, paymentRefunded: refund } = event;
    if (payment) methods.set(payment.paymentId, payment.method);
    const method = methods.get(payment?.paymentId ?? refund?.paymentId ?? '');
    if (method === 'card' || method === 'sbp') transactions.set(event.eventId, payment?.amount ?? refund!.amount);
    sale.paid += (payment?.amount ?? 0) - (refund?.amount ?? 0);
  }

  const saleList = await wholeList<SaleList['items'][number]>(merchant, token, '/api/v1/sales');
  const transactionList = await wholeList<TransactionList['items'][number]>(merchant, token, '/api/v1/transactions');
  const saleRows = rowsById(saleList);
  const transactionRows = rowsById(transactionList);
  const found = [
    ...[...sales].flatMap(([id, expected]) => {
      const row = saleRows.get(id)?.[0];
      if (!row) return [`sale ${id} is not in Продажи`];
      return row.status === expected.status && row.paid === expected.paid ? [] : [`sale ${id} is ${row.status}, paid ${row.paid}; acknowledged: ${expected.status}, paid ${expected.paid}`];
    }),
    ...[...saleRows].filter(([id, rows]) => rows.length > 1 || !sales.has(id)).map(([id, rows]) => `sale ${id} is listed ${rows.length} times${sales.has(id) ? '' : ' but was never acknowledged'}`),
    ...[...transactions].flatMap(([id, amount]) => {
      const row = transactionRows.get(id)?.[0];
      return !row ? [`transaction ${id} is not in Транзакции`] : row.amount === amount ? [] : [`transaction ${id} is of ${row.amount}, pushed ${amount}`];
    }),
    ...[...transactionRows].filter(([id, rows]) => rows.length > 1 || !transactions.has(id)).map(([id, rows]) => `transaction ${id} is listed ${rows.length} times${transactions.has(id) ? '' : ' but was never acknowledged'}`),
  ];
  return { counts: { sales: saleList.length, transactions: transactionList.length }, found: differencesOf('journal rows otherwise than acknowledged', found) };
}

/** The counts, one line each, for the console. */
export function chaosSummary(report: ChaosReport): string {
  const { pushed, load, store, journal } = report;
  const refusals = Object.entries(report.refusals).map(([status, { count, detail }]) => `${status} ×${count}${detail ? ` («${detail}»)` : ''}`);
  return [
    `chaos, pushes of ${report.batch}, ${report.terminals} terminals: ${report.kills.length} kills of sales-journal (SIGKILL), ${report.kills.filter((kill) => kill.duringAppend).length} during an append, ${report.kills.map((kill) => kill.pushesInFlight).join(', ')} pushes in flight at them`,
    `  pushed        ${pushed.events} events (${pushed.orphans} of sales never created)`,
    `  answered      accepted ${load.outcomes.accepted}, duplicate ${load.outcomes.duplicate}, rejected ${load.outcomes.rejected}; ${report.retriedEvents} events answered after a retry`,
    `  instead       ${refusals.join(', ') || 'nothing'}`,
    `  in the store  ${store.saleEvents} sale events, ${store.rejections} refusals in the registers, ${store.chained} chained; chains of ${store.chain.workplaces} workplaces: ${store.chain.events} links, ${store.chain.breaks} breaks`,
    `  journals      ${journal.sales} sales, ${journal.transactions} card and СБП transactions`,
    report.differences.length === 0 ? '  every acknowledged event exactly once in the store and the journals' : ['  DIFFERENCES', ...report.differences.map((line) => `    ${line}`)].join('\n'),
  ].join('\n');
}

/**
 * bench:ingest --chaos: a chaos run for each batch size, each by a merchant of its own with `terminals` terminals (so
 * that its counts are of its own sales), printed and written to bench/results/ingest-chaos-*.json; the exit code is 1
 * when any run found a difference.
 */
export async function benchChaos(system: BenchSystem, { terminals: count, events, batches, kills }: Omit<ChaosOptions, 'batch'> & { terminals: number; batches: number[] }): Promise<void> {
  const runs: ChaosReport[] = [];
  for (const batch of batches) {
    const merchant = await signUpMerchant(system.url, 'ООО «Хаос»');
    const terminals = await sellingTerminals(merchant, count);
    const run = await runChaos(system, merchant, terminals, { events, batch, kills });
    console.log(chaosSummary(run));
    runs.push(run);
  }
  const finishedAt = new Date();
  writeBenchResults('ingest-chaos', finishedAt, { finishedAt: finishedAt.toISOString(), node: process.version, cpus: cpus().length, terminals: count, eventsPerRun: events, kills, runs });
  if (runs.some((run) => run.differences.length > 0)) process.exitCode = 1;
}
