/**
 * What a journal list query costs each process, and where its p99 tail comes from (issue 14):
 *
 *   npm run bench:journal-queries -- [--sales 100000] [--rounds 4] [--queries 200] [--kinds 0,3] [--profile DIR] [--gc DIR] [--poll-phase-pairs N] [--node-options=…]
 *
 * Starts distributed ELK (TEST_NATS_URL and TEST_REDIS_URL as the e2e tests take them), seeds a merchant's journal as
 * journal-scale-phase.ts does, then asks the query kinds (all, or those numbered in --kinds) in rounds, one query at a
 * time: each round asks each kind --queries times (after a warm-up in the first round) and reads the CPU time the
 * gateway, the sales journal, the database's PostgreSQL backends and identity (asked about the session on every
 * request) used meanwhile, per query. The rounds give a range rather than one number on a shared machine. Before the
 * rounds, the whole system's CPU per poll interval with nothing asked of it.
 *
 * Every query's start is kept against the wall clock, to test whether the slow ones are those that start near a
 * multiple of the event log's poll interval (POLL_INTERVAL_MS), where every process of the system polled before each
 * store got a phase of its own (decision 0020). The report gives the answer times by the phase of the start within
 * the interval (PHASE_BUCKETS slices). On a busy machine those are noisy; --poll-phase-pairs N then asks the first
 * kind N pairs of times, one query of a pair aimed at the multiple (its start AT_POLL_MS before it, so that the whole
 * query overlaps what runs then) and the other half an interval away, in a random order within the pair: a load that
 * drifts meanwhile touches both alike.
 *
 * --profile DIR writes a CPU profile of the gateway and of the sales journal over the rounds into DIR
 * (cpu-profile-on-signal.cjs); --gc DIR their garbage collections over the rounds (gc-on-signal.cjs), and the report
 * says how many of the queries slower than their kind's p95 ran while one of those processes was collecting.
 * --node-options=… adds to every process's NODE_OPTIONS (`--max-semi-space-size=64`, say).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { writeBenchResults } from './bench-results';
import { startBenchSystem, type BenchSystem } from './bench-system';
import { cpuMeter, cpuText, getJson, perUnit, seedJournal, type CpuMs, type QueryKind } from './journal-scale-phase';
import { cpuMsOf, postgresBackendsOf } from './proc';
import { percentileOf, percentiles, type Percentiles } from './push-load';

/** GlobalLogSubscription's poll interval on PostgreSQL (sql-event-store.ts). */
const POLL_INTERVAL_MS = 300;
const WARM_UP_QUERIES = 20;
const PHASE_BUCKETS = 10;
/** A query «at a poll» starts this long before the poll's instant. */
const AT_POLL_MS = 1;
/** How long the system is watched asked nothing (its polls alone). */
const IDLE_MS = 6_000;

interface TimedQuery {
  /** Wall clock, ms with fractions. */
  startedAt: number;
  ms: number;
}

interface KindReport {
  kind: string;
  /** Per round. */
  cpuMsPerQuery: CpuMs[];
  ms: Percentiles;
  /** By the phase of the query's start within the poll interval, in PHASE_BUCKETS slices from the poll on. */
  byPollPhase: Array<Percentiles & { queries: number }>;
}

const wallClockNow = () => performance.timeOrigin + performance.now();

const phaseBucketOf = ({ startedAt }: TimedQuery) => Math.floor(((startedAt % POLL_INTERVAL_MS) / POLL_INTERVAL_MS) * PHASE_BUCKETS);

async function timeQueries(url: string, kind: QueryKind, count: number): Promise<TimedQuery[]> {
  const timed: TimedQuery[] = [];
  for (let query = 0; query < count; query++) {
    const { path } = kind.next();
    const startedAt = wallClockNow();
    const started = performance.now();
    await getJson(`${url}${path}`, kind.token);
    timed.push({ startedAt, ms: performance.now() - started });
  }
  return timed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The garbage collections gc-on-signal.cjs wrote for each process: how many of each kind, their time, the longest; and
 * how many of the queries slower than their kind's p95 overlapped one (against how many of the others did).
 */
function garbageCollections(dir: string, processes: Array<{ name: string; pid: number }>, timedKinds: TimedQuery[][]) {
  const collections = processes.map(({ name, pid }) => ({ name, collections: JSON.parse(readFileSync(join(dir, `${pid}.gc.json`), 'utf8')) as Array<{ kind: string; startMs: number; ms: number }> }));
  const all = collections.flatMap((process) => process.collections);
  const overlaps = (query: TimedQuery) => all.some(({ startMs, ms }) => startMs < query.startedAt + query.ms && startMs + ms > query.startedAt);
  let slow = 0;
  let slowOverlapping = 0;
  let others = 0;
  let othersOverlapping = 0;
  for (const queries of timedKinds) {
    const p95 = percentileOf([...queries.map(({ ms }) => ms)].sort((a, b) => a - b), 95);
    for (const query of queries) {
      if (query.ms > p95) [slow, slowOverlapping] = [slow + 1, slowOverlapping + (overlaps(query) ? 1 : 0)];
      else [others, othersOverlapping] = [others + 1, othersOverlapping + (overlaps(query) ? 1 : 0)];
    }
  }
  const report = {
    byProcess: collections.map(({ name, collections: own }) => ({
      name,
      byKind: Object.fromEntries([...new Set(own.map(({ kind }) => kind))].map((kind) => {
        const durations = own.filter((collection) => collection.kind === kind).map(({ ms }) => ms);
        return [kind, { count: durations.length, totalMs: durations.reduce((a, b) => a + b, 0), maxMs: Math.max(...durations) }];
      })),
    })),
    slowerThanP95: { queries: slow, duringCollection: slowOverlapping },
    others: { queries: others, duringCollection: othersOverlapping },
  };
  for (const { name, byKind } of report.byProcess) {
    console.log(`gc ${name}: ${Object.entries(byKind).map(([kind, g]) => `${kind} ${g.count}× ${g.totalMs.toFixed(1)} ms (longest ${g.maxMs.toFixed(2)})`).join(', ')}`);
  }
  console.log(`gc: ${slowOverlapping} of the ${slow} queries slower than p95 ran during a collection, ${othersOverlapping} of the ${others} others`);
  return report;
}

/** Waits until the wall clock is `phaseMs` into a poll interval (the next time it is). */
async function untilPhase(phaseMs: number): Promise<void> {
  const now = wallClockNow();
  let at = Math.floor(now / POLL_INTERVAL_MS) * POLL_INTERVAL_MS + phaseMs;
  if (at <= now + 2) at += POLL_INTERVAL_MS;
  // A timer to a few ms before, then a spin: a timer alone may fire late by a millisecond or more.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - now - 3)));
  while (wallClockNow() < at) {
    // spin
  }
}

/** Queries aimed at a poll against queries half an interval away, interleaved in pairs (see the head comment). */
async function pollPhaseTest(url: string, kind: QueryKind, pairs: number) {
  const atPoll: number[] = [];
  const between: number[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    const order = Math.random() < 0.5 ? ['at', 'between'] : ['between', 'at'];
    for (const which of order) {
      await untilPhase(which === 'at' ? POLL_INTERVAL_MS - AT_POLL_MS : POLL_INTERVAL_MS / 2);
      const [query] = await timeQueries(url, kind, 1);
      (which === 'at' ? atPoll : between).push(query!.ms);
    }
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const report = { kind: kind.kind, pairs, atPoll: { ...percentiles(atPoll), mean: mean(atPoll) }, between: { ...percentiles(between), mean: mean(between) } };
  const text = (g: typeof report.atPoll) => `p50 ${g.p50.toFixed(1)} p99 ${g.p99.toFixed(1)} mean ${g.mean.toFixed(1)} max ${g.max.toFixed(1)}`;
  console.log(`poll phase (${kind.kind}, ${pairs} pairs): at a poll ${text(report.atPoll)}; half an interval away ${text(report.between)}`);
  return report;
}

/** CPU time every process of the system and its database's PostgreSQL backends use per poll interval, asked nothing. */
async function idleCpuPerPoll(system: BenchSystem, database: string): Promise<number> {
  const read = () => new Map([...system.processes().map(({ pid }) => pid), ...postgresBackendsOf(database)].map((pid) => [pid, cpuMsOf(pid)]));
  const before = read();
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  const used = [...read()].reduce((total, [pid, ms]) => total + ms - (before.get(pid) ?? 0), 0);
  return (used * POLL_INTERVAL_MS) / IDLE_MS;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sales: { type: 'string', default: '100000' },
      rounds: { type: 'string', default: '4' },
      queries: { type: 'string', default: '200' },
      kinds: { type: 'string' },
      profile: { type: 'string' },
      gc: { type: 'string' },
      'node-options': { type: 'string' },
      'poll-phase-pairs': { type: 'string' },
    },
  });
  const sales = Number(values.sales);
  const rounds = Number(values.rounds);
  const queries = Number(values.queries);
  const preloads = [...(values.profile ? ['cpu-profile-on-signal.cjs'] : []), ...(values.gc ? ['gc-on-signal.cjs'] : [])];
  const nodeOptions = [...preloads.map((file) => `--require ${join(__dirname, file)}`), ...(values['node-options'] ? [values['node-options']] : [])];
  const environment = {
    ...(nodeOptions.length > 0 ? { NODE_OPTIONS: nodeOptions.join(' ') } : {}),
    ...(values.profile ? { ELK_CPU_PROFILE_DIR: resolve(values.profile) } : {}),
    ...(values.gc ? { ELK_GC_DIR: resolve(values.gc) } : {}),
  };
  const system = await startBenchSystem('distributed', { environment });
  // SIGUSR2 starts a profile (or a record of garbage collections) of the gateway and the sales journal, and the next one writes it.
  const profiled = () => system.processes().filter(({ name }) => /^(gateway|sales-journal)#/.test(name));
  const toggleProfiles = () => {
    if (preloads.length > 0) for (const { pid } of profiled()) process.kill(pid, 'SIGUSR2');
  };
  const written = (dir: string | undefined, suffix: string) => (dir ? readdirSync(dir).filter((name) => name.endsWith(suffix)).length : Number.POSITIVE_INFINITY);
  const profilesWritten = async () => {
    const deadline = Date.now() + 30_000;
    while ((written(values.profile, '.cpuprofile') < profiled().length || written(values.gc, '.gc.json') < profiled().length) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  };
  const databaseUrl = system.databaseUrl!;
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const seeded = await seedJournal(system, pool, sales);
    const kinds = values.kinds ? values.kinds.split(',').map((index) => seeded.kinds[Number(index)]!) : seeded.kinds;
    const startCpu = cpuMeter(system, new URL(databaseUrl).pathname.slice(1));
    const idle = await idleCpuPerPoll(system, new URL(databaseUrl).pathname.slice(1));
    console.log(`idle: CPU ms of the whole system (every process and PostgreSQL backend) per poll interval ${idle.toFixed(2)}`);
    for (const kind of kinds) await timeQueries(system.url, kind, WARM_UP_QUERIES);
    const timed = new Map<string, TimedQuery[]>(kinds.map(({ kind }) => [kind, []]));
    const cpu = new Map<string, CpuMs[]>(kinds.map(({ kind }) => [kind, []]));
    toggleProfiles();
    for (let round = 0; round < rounds; round++) {
      for (const kind of kinds) {
        const cpuSince = startCpu();
        timed.get(kind.kind)!.push(...(await timeQueries(system.url, kind, queries)));
        cpu.get(kind.kind)!.push(perUnit(cpuSince(), queries));
      }
    }
    toggleProfiles();
    await profilesWritten();

    const reports: KindReport[] = kinds.map(({ kind }) => {
      const all = timed.get(kind)!;
      const byPollPhase = Array.from({ length: PHASE_BUCKETS }, (_, bucket) => {
        const inBucket = all.filter((query) => phaseBucketOf(query) === bucket).map(({ ms }) => ms);
        return { ...percentiles(inBucket), queries: inBucket.length };
      });
      return {
        kind,
        cpuMsPerQuery: cpu.get(kind)!,
        ms: percentiles(all.map(({ ms }) => ms)),
        byPollPhase,
      };
    });
    for (const report of reports.filter(({ cpuMsPerQuery }) => cpuMsPerQuery.length > 0)) {
      const perRound = report.cpuMsPerQuery;
      const processes = ['gateway', 'sales-journal', 'postgres', 'identity'] as const;
      const medians = Object.fromEntries(processes.map((name) => [name, median(perRound.map((round) => round[name]))])) as CpuMs;
      console.log(`${report.kind}: p50 ${report.ms.p50.toFixed(1)} p99 ${report.ms.p99.toFixed(1)} ms`);
      console.log(`  CPU ms a query gateway / sales-journal / postgres / identity: median ${cpuText(medians)}; rounds ${perRound.map(cpuText).join(', ')}`);
      const slice = POLL_INTERVAL_MS / PHASE_BUCKETS;
      const phases = report.byPollPhase.map((g, bucket) => `${bucket * slice}–${(bucket + 1) * slice}: ${g.queries} p50 ${g.p50.toFixed(1)} p99 ${g.p99.toFixed(1)}`);
      console.log(`  started ms after a poll: ${phases.join('; ')}`);
    }
    const pollPhase = values['poll-phase-pairs'] ? await pollPhaseTest(system.url, kinds[0]!, Number(values['poll-phase-pairs'])) : undefined;
    const gc = values.gc ? garbageCollections(values.gc, profiled(), [...timed.values()]) : undefined;
    const finishedAt = new Date();
    writeBenchResults('journal-query-cpu', finishedAt, { finishedAt: finishedAt.toISOString(), node: process.version, cpus: cpus().length, sales, rounds, queries, nodeOptions, idleCpuMsPerPoll: idle, kinds: reports, pollPhase, gc });
  } finally {
    await pool.end();
    await system.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
