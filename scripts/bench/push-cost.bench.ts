/**
 * What one single-event sale push costs ELK at steady state, counted rather than timed (a busy machine changes the
 * seconds, not the counts):
 *
 *   node -r ./scripts/run/register-typescript.cjs scripts/bench/push-cost.bench.ts [--pushes 200]
 *
 * Starts embedded ELK in this process (PGlite holds the events and the read models; every service on the in-process
 * bus), sets one terminal up with its Cashier logged in, pushes 20 events to warm up, then `--pushes` single-event
 * pushes one after another, and counts the bus requests (by subject) and the SQL statements PGlite ran (queries,
 * scripts, each statement of a transaction) from the first push until the system is quiet again: the projections'
 * and relays' work for those events included. Prints the counts per push.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { InProcessMessageBus } from '@elk/messaging';
import { parseArgs } from 'node:util';
import { startBenchSystem } from './bench-system';
import { sellingTerminals, signUpMerchant } from './selling-terminals';

const WARM_UP_EVENTS = 20;
/** The system is quiet once no statement ran for this long. */
const QUIET_MS = 1_000;

const requests = new Map<string, number>();
let statements = 0;
/** Statements by their opening words (whitespace folded), to tell what the count is made of. */
const statementKinds = new Map<string, number>();
const kindOf = (sql: unknown) => (typeof sql === 'string' ? sql.replace(/\s+/g, ' ').trim().slice(0, 90) : '(prepared)');

/** Counts what goes through the in-process bus and PGlite from here on, in every instance. */
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
  for (const method of ['query', 'exec'] as const) PGlite.prototype[method] = counted(PGlite.prototype[method]) as never;
  const transaction = PGlite.prototype.transaction;
  PGlite.prototype.transaction = function <T>(this: PGlite, callback: (tx: Transaction) => Promise<T>) {
    return transaction.call(this, (tx) => callback({ ...tx, query: counted(tx.query.bind(tx)), exec: counted(tx.exec.bind(tx)) } as Transaction)) as Promise<T>;
  } as typeof transaction;
}

async function quiet(): Promise<void> {
  for (let seen = -1; seen !== statements; ) {
    seen = statements;
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { pushes: { type: 'string', default: '200' } } });
  const pushes = Number(values.pushes);
  countEverything();
  const system = await startBenchSystem('embedded');
  try {
    const [till] = await sellingTerminals(await signUpMerchant(system.url, 'ООО «Бенчмарк»'), 1);
    const { terminal, sales } = till!;
    const events = [];
    for (let sale = 0; events.length < WARM_UP_EVENTS + pushes; sale++) events.push(...sales.sale(new Date(Date.now() - 86_400_000 + sale * 60_000)));
    for (const event of events.slice(0, WARM_UP_EVENTS)) await terminal.pushSales([event]);
    await quiet();

    requests.clear();
    statementKinds.clear();
    const before = statements;
    for (const event of events.slice(WARM_UP_EVENTS, WARM_UP_EVENTS + pushes)) {
      const { results } = await terminal.pushSales([event]);
      if (results[0]?.outcome !== 'accepted') throw new Error(`a push was not accepted: ${JSON.stringify(results)}`);
    }
    await quiet();
    const perPush = (count: number) => (count / pushes).toFixed(2);
    console.log(`${pushes} single-event pushes, embedded ELK`);
    console.log(`SQL statements per push: ${perPush(statements - before)} (projections and relays included)`);
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
