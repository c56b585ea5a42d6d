/**
 * What one single-event sale push costs ELK at steady state, counted rather than timed (a busy machine changes the
 * seconds, not the counts):
 *
 *   node -r ./scripts/run/register-typescript.cjs scripts/bench/push-cost.bench.ts [--pushes 200] [--terminals 1]
 *
 * Starts embedded ELK in this process (every service on the in-process bus; PGlite, which holds the events and the
 * read models, in a thread of its own), sets `--terminals` terminals up with their Cashiers logged in, pushes 20
 * events from each to warm up, then `--pushes` single-event pushes in all, each terminal's one after another and the
 * terminals at once, and counts the bus requests (by subject) and the SQL statements PGlite ran (queries, scripts,
 * each statement of a transaction) and the exchanges with the database's thread (a message each way) from the first
 * push until the system is quiet again: the projections' and relays' work for those events included. Prints the counts
 * per push, the CPU time per push (from /proc) of the process, its main thread and the database's thread, and the
 * pushes' rate (which, unlike the counts, moves with the machine's load).
 */
import { InProcessMessageBus } from '@elk/messaging';
import { EmbeddedDatabaseThread, type EmbeddedTransaction } from '@elk/service-kit';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startBenchSystem } from './bench-system';
import { cpuMsOf } from './proc';
import { sellingTerminals, signUpMerchant } from './selling-terminals';

const WARM_UP_EVENTS = 20;
/** The system is quiet once no statement ran for this long. */
const QUIET_MS = 1_000;

const requests = new Map<string, number>();
let statements = 0;
/** Messages posted to the database's thread (each answered by one): the exchanges a push costs the two threads. */
let exchanges = 0;
/** The database threads opened, so that their CPU time can be read. */
const databaseThreads: EmbeddedDatabaseThread[] = [];
/** Statements by their opening words (whitespace folded), to tell what the count is made of. */
const statementKinds = new Map<string, number>();
const kindOf = (sql: unknown) => (typeof sql === 'string' ? sql.replace(/\s+/g, ' ').trim().slice(0, 90) : '(prepared)');

/** Counts what goes through the in-process bus and the embedded database from here on, in every instance. */
function countEverything(): void {
  const request = InProcessMessageBus.prototype.request;
  InProcessMessageBus.prototype.request = function (this: InProcessMessageBus, subject: string, ...rest: unknown[]) {
    requests.set(subject, (requests.get(subject) ?? 0) + 1);
    return (request as (...args: unknown[]) => Promise<never>).call(this, subject, ...rest);
  } as typeof request;
  const counted = <F extends (...args: never[]) => unknown>(run: F): F =>
    function (this: unknown, ...args: Parameters<F>) {
      statements += 1;
      const kind = kindOf(args[0]);
      statementKinds.set(kind, (statementKinds.get(kind) ?? 0) + 1);
      return run.apply(this, args);
    } as F;
  const database = EmbeddedDatabaseThread.prototype;
  const thread = database as unknown as { send(...args: unknown[]): Promise<unknown> };
  const send = thread.send;
  thread.send = function (this: unknown, ...args: unknown[]) {
    exchanges += 1;
    return send.apply(this, args);
  };
  const open = EmbeddedDatabaseThread.open.bind(EmbeddedDatabaseThread);
  EmbeddedDatabaseThread.open = async (...args) => {
    const thread = await open(...args);
    databaseThreads.push(thread);
    return thread;
  };
  for (const method of ['query', 'exec'] as const) database[method] = counted(database[method]) as never;
  const transaction = database.transaction;
  database.transaction = function <T>(this: EmbeddedDatabaseThread, callback: (tx: EmbeddedTransaction) => Promise<T>) {
    return transaction.call(this, (tx) => callback({ query: counted(tx.query), exec: counted(tx.exec), queryAndCommit: counted(tx.queryAndCommit) })) as Promise<T>;
  } as typeof transaction;
}

async function quiet(): Promise<void> {
  for (let seen = -1; seen !== statements; ) {
    seen = statements;
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { pushes: { type: 'string', default: '200' }, terminals: { type: 'string', default: '1' } } });
  const pushes = Number(values.pushes);
  const terminalCount = Number(values.terminals);
  countEverything();
  const system = await startBenchSystem('embedded');
  try {
    const tills = await sellingTerminals(await signUpMerchant(system.url, 'ООО «Бенчмарк»'), terminalCount);
    const perTerminal = Math.ceil(pushes / terminalCount);
    const eventsOf = tills.map(({ sales }) => {
      const events = [];
      for (let sale = 0; events.length < WARM_UP_EVENTS + perTerminal; sale++) events.push(...sales.sale(new Date(Date.now() - 86_400_000 + sale * 60_000)));
      return events;
    });
    await Promise.all(tills.map(async ({ terminal }, index) => {
      for (const event of eventsOf[index]!.slice(0, WARM_UP_EVENTS)) await terminal.pushSales([event]);
    }));
    await quiet();

    requests.clear();
    statementKinds.clear();
    const before = statements;
    const exchangesBefore = exchanges;
    const databaseCpuMs = () => databaseThreads.reduce((sum, thread) => sum + (thread.osThreadId === null ? 0 : cpuMsOf(process.pid, thread.osThreadId)), 0);
    const cpuBefore = { process: cpuMsOf(process.pid), main: cpuMsOf(process.pid, process.pid), database: databaseCpuMs() };
    const pushStart = performance.now();
    // Each terminal pushes its events one after another, the terminals at once.
    await Promise.all(tills.map(async ({ terminal }, index) => {
      for (const event of eventsOf[index]!.slice(WARM_UP_EVENTS)) {
        const { results } = await terminal.pushSales([event]);
        if (results[0]?.outcome !== 'accepted') throw new Error(`a push was not accepted: ${JSON.stringify(results)}`);
      }
    }));
    const pushSeconds = (performance.now() - pushStart) / 1000;
    await quiet();
    const pushed = perTerminal * terminalCount;
    // The quiet period's own CPU is noise next to the pushes' (a timer a second).
    const cpu = { process: cpuMsOf(process.pid) - cpuBefore.process, main: cpuMsOf(process.pid, process.pid) - cpuBefore.main, database: databaseCpuMs() - cpuBefore.database };
    const perPush = (count: number) => (count / pushed).toFixed(2);
    console.log(`${pushed} single-event pushes from ${terminalCount} terminal(s) at once, embedded ELK`);
    console.log(`SQL statements per push: ${perPush(statements - before)} (projections and relays included); exchanges with the database's thread: ${perPush(exchanges - exchangesBefore)}`);
    console.log(
      `CPU ms per push: process ${perPush(cpu.process)} = main thread ${perPush(cpu.main)} (ELK and the pushing client) + database thread ${perPush(cpu.database)} + others (GC) ${perPush(cpu.process - cpu.main - cpu.database)}`,
    );
    console.log(`pushes/s: ${(pushed / pushSeconds).toFixed(0)}`);
    console.log(`bus requests per push: ${perPush([...requests.values()].reduce((sum, count) => sum + count, 0))}`);
    for (const [subject, count] of [...requests].sort(([, a], [, b]) => b - a)) console.log(`  ${subject}: ${perPush(count)}`);
    console.log('SQL statements per push, by kind:');
    for (const [kind, count] of [...statementKinds].sort(([, a], [, b]) => b - a)) console.log(`  ${perPush(count)}  ${kind}`);
  } finally {
    await system.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
