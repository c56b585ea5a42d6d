/**
 * What a terminal's push costs each process of distributed ELK in CPU time, which a busy machine changes far less than
 * it changes rates (issue 14):
 *
 *   TEST_NATS_URL=… node -r ./scripts/run/register-typescript.cjs scripts/bench/push-cpu.bench.ts [--batch 1,100] [--events 3200,24000] [--terminals 16]
 *
 * Starts distributed ELK as bench:ingest does, sets up the terminals, warms up (a few hundred single pushes and a few
 * thousand events in pushes of 100: the JIT, the caches, the connections), then for each batch size pushes the events
 * with the same closed-loop load (push-load.ts) and reads each service's and its PostgreSQL backends' utime + stime
 * (/proc) before and after, the projections' catch-up included. Unlike bench:ingest's ELK phase it sends no journal
 * queries (the projection-lag probe), so the numbers are the push's own. Prints CPU ms per event and per request.
 */
import { parseArgs } from 'node:util';
import { TERMINAL_SESSION_HEADER, type PushedSaleEvent } from '@elk/contracts';
import { startBenchSystem, type BenchSystem } from './bench-system';
import { cpuMsOf, postgresBackendsOf } from './proc';
import { runPushLoad, type LoadTerminal } from './push-load';
import { sellingTerminals, signUpMerchant, type BenchTerminal } from './selling-terminals';

/** Once the load is answered, the projections' and relays' work for it is still to come: counted until this after. */
const SETTLE_MS = 3_000;

/** CPU ms so far of each service and of all the database's PostgreSQL backends together. */
function cpuNow(system: BenchSystem, database: string): Map<string, number> {
  const cpu = new Map<string, number>();
  for (const { name, pid } of system.processes()) if (name.includes('#')) cpu.set(name, cpuMsOf(pid));
  let postgres = 0;
  for (const pid of postgresBackendsOf(database)) {
    try {
      postgres += cpuMsOf(pid);
    } catch {
      // a backend that ended while read
    }
  }
  return cpu.set('postgres', postgres);
}

/** The terminal's next `count` events: whole sales from its generator, the last one cut short. */
function eventsOf(terminal: BenchTerminal, count: number, day: number): PushedSaleEvent[] {
  const events: PushedSaleEvent[] = [];
  for (let sale = 0; events.length < count; sale++) events.push(...terminal.sales.sale(new Date(day + sale * 60_000)));
  return events.slice(0, count);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { batch: { type: 'string', default: '1,100' }, events: { type: 'string', default: '3200,24000' }, terminals: { type: 'string', default: '16' } } });
  const batches = values.batch.split(',').map(Number);
  const totals = values.events.split(',').map(Number);
  const system = await startBenchSystem('distributed');
  try {
    const database = new URL(system.databaseUrl!).pathname.slice(1);
    const terminals = await sellingTerminals(await signUpMerchant(system.url, 'ООО «Бенчмарк»'), Number(values.terminals));
    let day = Date.now() - 30 * 86_400_000;
    const push = async (batch: number, total: number) => {
      const load: LoadTerminal[] = terminals.map((terminal) => {
        const events = eventsOf(terminal, Math.floor(total / terminals.length), day);
        const requests = Array.from({ length: Math.ceil(events.length / batch) }, (_, i) => events.slice(i * batch, (i + 1) * batch));
        return {
          url: `${system.url}/pos/v1/sales/events`,
          headers: { authorization: `Bearer ${terminal.terminal.credential}`, [TERMINAL_SESSION_HEADER]: terminal.terminal.sessionToken! },
          requests: requests.map((pushed) => ({ body: Buffer.from(JSON.stringify({ events: pushed })), events: pushed.length })),
        };
      });
      day += 86_400_000;
      const before = cpuNow(system, database);
      const unaccepted = new Map<string, number>();
      const report = await runPushLoad(load, ({ results }) => {
        for (const { outcome, code } of results) if (outcome !== 'accepted') unaccepted.set(`${outcome} ${code ?? ''}`.trim(), (unaccepted.get(`${outcome} ${code ?? ''}`.trim()) ?? 0) + 1);
      });
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const after = cpuNow(system, database);
      // A new event is accepted: anything else is worth a look (the load sends each body again only after a failed attempt).
      if (unaccepted.size > 0) console.error(`  not every event was accepted: ${JSON.stringify(Object.fromEntries(unaccepted))}, attempts failed: ${JSON.stringify(report.failures)}`);
      return { report, cpu: [...after].map(([name, ms]) => ({ name, ms: ms - (before.get(name) ?? 0) })) };
    };
    await push(1, 20 * terminals.length);
    await push(100, 200 * terminals.length);
    for (const [index, batch] of batches.entries()) {
      const { report, cpu } = await push(batch, totals[index] ?? totals.at(-1)!);
      console.log(`pushes of ${batch}: ${report.events} events in ${report.requests} requests (${Math.round(report.eventsPerSecond)} events/s on this machine as it was)`);
      for (const { name, ms } of cpu) console.log(`  ${name.padEnd(16)} ${(ms / report.events).toFixed(3)} ms an event  ${(ms / report.requests).toFixed(2)} ms a request`);
    }
  } finally {
    await system.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
