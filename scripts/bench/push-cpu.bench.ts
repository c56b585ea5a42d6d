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
 *
 * `--statements`: also what PostgreSQL ran for the pushes, per request, from pg_stat_statements (the server must load it:
 * `shared_preload_libraries = 'pg_stat_statements'`, `pg_stat_statements.track_planning = on`; `TEST_DATABASE_URL`
 * points the bench at such a server): each statement's calls and its planning and execution time.
 *
 * `--node-options=…`: added to every service's NODE_OPTIONS (`--max-semi-space-size=64`, say).
 *
 * `--profile DIR`: an inspector CPU profile of the gateway and the sales journal over each measured phase
 * (cpu-profile-on-signal.cjs), written to DIR as <pid>-<n>.cpuprofile (n: the phase).
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
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

interface StatementStats {
  query: string;
  calls: number;
  plans: number;
  planMs: number;
  execMs: number;
}

/** pg_stat_statements of the database, or null when the server does not keep them. */
async function statementsOf(client: Client, database: string): Promise<StatementStats[] | null> {
  try {
    const { rows } = await client.query<{ query: string; calls: string; plans: string; plan_ms: number; exec_ms: number }>(
      `SELECT s.query, s.calls::text, s.plans::text, s.total_plan_time AS plan_ms, s.total_exec_time AS exec_ms
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1`,
      [database],
    );
    return rows.map((row) => ({ query: row.query, calls: Number(row.calls), plans: Number(row.plans), planMs: row.plan_ms, execMs: row.exec_ms }));
  } catch {
    return null;
  }
}

/** What ran between two readings of pg_stat_statements, the dearest first. */
function statementsBetween(before: StatementStats[], after: StatementStats[]): StatementStats[] {
  const earlier = new Map(before.map((row) => [row.query, row]));
  return after
    .map((row) => {
      const was = earlier.get(row.query);
      return { ...row, calls: row.calls - (was?.calls ?? 0), plans: row.plans - (was?.plans ?? 0), planMs: row.planMs - (was?.planMs ?? 0), execMs: row.execMs - (was?.execMs ?? 0) };
    })
    .filter((row) => row.calls > 0)
    .sort((a, b) => b.planMs + b.execMs - (a.planMs + a.execMs));
}

/** The terminal's next `count` events: whole sales from its generator, the last one cut short. */
function eventsOf(terminal: BenchTerminal, count: number, day: number): PushedSaleEvent[] {
  const events: PushedSaleEvent[] = [];
  for (let sale = 0; events.length < count; sale++) events.push(...terminal.sales.sale(new Date(day + sale * 60_000)));
  return events.slice(0, count);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { batch: { type: 'string', default: '1,100' }, events: { type: 'string', default: '3200,24000' }, terminals: { type: 'string', default: '16' }, statements: { type: 'boolean', default: false }, profile: { type: 'string' }, 'node-options': { type: 'string' } } });
  const batches = values.batch.split(',').map(Number);
  const totals = values.events.split(',').map(Number);
  const profileDir = values.profile && resolve(values.profile);
  const nodeOptions = [values['node-options'], profileDir && `--require ${join(__dirname, 'cpu-profile-on-signal.cjs')}`].filter(Boolean).join(' ');
  const environment = { ...(nodeOptions && { NODE_OPTIONS: nodeOptions }), ...(profileDir && { ELK_CPU_PROFILE_DIR: profileDir }) };
  const system = await startBenchSystem('distributed', { environment });
  // SIGUSR2 starts the gateway's and the sales journal's profiles, the next one writes them.
  const profiledProcesses = () => system.processes().filter(({ name }) => name.startsWith('sales-journal#') || name.startsWith('gateway#'));
  const toggleProfile = () => {
    if (profileDir) for (const { pid } of profiledProcesses()) process.kill(pid, 'SIGUSR2');
  };
  const profilesWritten = async (count: number) => {
    const deadline = Date.now() + 30_000;
    while (profileDir && readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile')).length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  };
  try {
    const database = new URL(system.databaseUrl!).pathname.slice(1);
    const statsClient = values.statements ? new Client({ connectionString: system.databaseUrl }) : null;
    // Dropping the database at the end ends this connection: not a failure of the run.
    statsClient?.on('error', () => {});
    await statsClient?.connect();
    const terminals = await sellingTerminals(await signUpMerchant(system.url, 'ООО «Бенчмарк»'), Number(values.terminals));
    let day = Date.now() - 30 * 86_400_000;
    let profiles = 0;
    const push = async (batch: number, total: number, profiled = false) => {
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
      const statementsBefore = statsClient && (await statementsOf(statsClient, database));
      const before = cpuNow(system, database);
      if (profiled) toggleProfile();
      const unaccepted = new Map<string, number>();
      const report = await runPushLoad(load, ({ results }) => {
        for (const { outcome, code } of results) if (outcome !== 'accepted') unaccepted.set(`${outcome} ${code ?? ''}`.trim(), (unaccepted.get(`${outcome} ${code ?? ''}`.trim()) ?? 0) + 1);
      });
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const after = cpuNow(system, database);
      if (profiled) {
        toggleProfile();
        await profilesWritten(++profiles * profiledProcesses().length);
      }
      const statementsAfter = statsClient && (await statementsOf(statsClient, database));
      // A new event is accepted: anything else is worth a look (the load sends each body again only after a failed attempt).
      if (unaccepted.size > 0) console.error(`  not every event was accepted: ${JSON.stringify(Object.fromEntries(unaccepted))}, attempts failed: ${JSON.stringify(report.failures)}`);
      const statements = statementsBefore && statementsAfter ? statementsBetween(statementsBefore, statementsAfter) : null;
      return { report, statements, cpu: [...after].map(([name, ms]) => ({ name, ms: ms - (before.get(name) ?? 0) })) };
    };
    await push(1, 20 * terminals.length);
    await push(100, 200 * terminals.length);
    for (const [index, batch] of batches.entries()) {
      const { report, cpu, statements } = await push(batch, totals[index] ?? totals.at(-1)!, true);
      console.log(`pushes of ${batch}: ${report.events} events in ${report.requests} requests (${Math.round(report.eventsPerSecond)} events/s on this machine as it was)`);
      for (const { name, ms } of cpu) console.log(`  ${name.padEnd(16)} ${(ms / report.events).toFixed(3)} ms an event  ${(ms / report.requests).toFixed(2)} ms a request`);
      if (values.statements && !statements) console.log('  (no pg_stat_statements on this server)');
      if (statements) {
        const perRequest = (n: number) => (n / report.requests).toFixed(3);
        const sum = (pick: (row: StatementStats) => number) => statements.reduce((total, row) => total + pick(row), 0);
        console.log(`  statements a request: ${perRequest(sum((row) => row.calls))}, planned ${perRequest(sum((row) => row.plans))}; ms a request planning ${perRequest(sum((row) => row.planMs))}, executing ${perRequest(sum((row) => row.execMs))}`);
        console.log('  calls/request  plan ms  exec ms  statement');
        for (const row of statements.slice(0, 25)) {
          console.log(`  ${perRequest(row.calls).padStart(13)} ${perRequest(row.planMs).padStart(8)} ${perRequest(row.execMs).padStart(8)}  ${row.query.replace(/\s+/g, ' ').slice(0, 110)}`);
        }
      }
    }
    await statsClient?.end();
  } finally {
    await system.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
