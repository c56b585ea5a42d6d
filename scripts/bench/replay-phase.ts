/**
 * bench:ingest's replay phase (`--replay-events N`): N realistic sale events (pos-sim's SaleGenerator, 16 terminals of
 * one merchant), decided as the push decides them and appended straight into a fresh event store in big
 * appendToStreams groups (not through HTTP), then the sales journal's projections rebuilt from them one after the
 * other, then both together from one read of the log (rebuildProjections, as ops:replay-projection rebuilds the
 * projections it is given), timed: events/s per rebuild. PostgreSQL at
 * DATABASE_URL, in schemas of its own that it drops at the end. bench:ingest's npm script runs node with the
 * young generation ops:replay-projection's has (`--max-semi-space-size=64`), so the rebuild costs what it costs there.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pushedPayloadOf } from '@elk/contracts';
import { PostgresDocumentStore, rebuildProjections } from '@elk/documents';
import { createEventStore, type EventMetadata, type EventStore, type StreamAppend } from '@elk/eventstore';
import { salesJournalProjections } from '@elk/sales-journal';
import { Pool } from 'pg';
import { SaleGenerator } from '../pos-sim/sale-generator';
import { simulatedBankTerminal, simulatedFiscalRegister } from '../pos-sim/pos-terminal';
import { cpuMsOf, statusKb } from './proc';

const TERMINALS = 16;
/** Sales per appendToStreams call: a few thousand events in one statement. */
const SALES_PER_APPEND = 500;

export interface ReplayPhase {
  events: number;
  seedEventsPerSecond: number;
  /** This process's peak resident memory over the seeding and the rebuilds, MB: flat in N, as the rebuild reads and applies a page at a time. */
  peakRssMb: number;
  projections: Array<{
    name: string;
    seconds: number;
    eventsPerSecond: number;
    /** CPU time per event read, µs: this process and the PostgreSQL processes serving its connections (not the server's background writers). */
    cpuMicrosecondsPerEvent: { node: number; postgres: number };
  }>;
}

/** CPU time this process and the PostgreSQL backends of `pool` use between two calls, ms; wall time is meaningless on a busy machine, this is not. */
function cpuMeter(pool: Pool): () => () => { node: number; postgres: number } {
  const backends = new Set<number>();
  // pg's Client keeps the backend's pid from the server's BackendKeyData message, untyped.
  pool.on('connect', (client) => backends.add((client as unknown as { processID: number }).processID));
  const postgres = () => new Map([...backends].map((pid) => [pid, cpuMsOf(pid)]));
  return () => {
    const node = process.cpuUsage();
    const before = postgres();
    return () => {
      const used = process.cpuUsage(node);
      // A backend that started meanwhile counts from its start (the pool keeps them: idleTimeoutMillis 0).
      const backendMs = [...postgres()].reduce((total, [pid, ms]) => total + ms - (before.get(pid) ?? 0), 0);
      return { node: (used.user + used.system) / 1000, postgres: backendMs };
    };
  };
}

/** `count` sale events (whole sales, so a few more) of one merchant's 16 terminals, an append per sale, the terminals taking turns. */
export function* saleAppends(count: number): Generator<StreamAppend> {
  const organisationId = randomUUID();
  const salesPoint = { id: randomUUID(), name: 'Магазин у дома' };
  const terminals = Array.from({ length: TERMINALS }, (_, index) => {
    const serial = `REPLAY${String(index).padStart(4, '0')}`;
    const employee = { id: randomUUID(), name: `Кассир ${index + 1}` };
    const workplace = { id: randomUUID(), name: `Касса №${index + 1}`, number: index + 1 };
    const generator = new SaleGenerator({ seed: serial, bankTerminal: simulatedBankTerminal(serial), fnNumber: simulatedFiscalRegister(serial).fnNumber });
    const metadata: EventMetadata = { organisationId, actor: employee.id, correlationId: randomUUID(), causationId: randomUUID() };
    return { generator, employee, workplace, metadata };
  });
  let clock = Date.parse('2026-11-01T06:00:00Z');
  for (let appended = 0, sale = 0; appended < count; sale++) {
    const { generator, employee, workplace, metadata } = terminals[sale % TERMINALS]!;
    clock += 7_000;
    const pushed = generator.sale(new Date(clock));
    const saleId = pushed[0]!.saleId;
    const events = pushed.map((event) => {
      const { type, payload } = pushedPayloadOf(event);
      const origin = { employee, workplace, salesPoint, occurredAt: event.occurredAt, seq: event.seq };
      return { eventId: event.eventId, type, data: { organisationId, saleId, origin, payload }, metadata };
    });
    yield { streamId: `sale-${organisationId}-${saleId}`, events, expectedVersion: 'no-stream' };
    appended += events.length;
  }
}

/** Seeds `count` sale events (whole sales, so a few more) and returns how many it appended. */
export async function seedSaleEvents(eventStore: EventStore, count: number): Promise<number> {
  let appended = 0;
  let appends: StreamAppend[] = [];
  for (const append of saleAppends(count)) {
    appends.push(append);
    appended += append.events.length;
    if (appends.length === SALES_PER_APPEND) {
      await eventStore.appendToStreams(appends);
      appends = [];
    }
  }
  if (appends.length > 0) await eventStore.appendToStreams(appends);
  return appended;
}

export async function runReplayPhase(databaseUrl: string, count: number): Promise<ReplayPhase> {
  const suffix = randomBytes(4).toString('hex');
  const [eventSchema, documentSchema] = [`bench_replay_events_${suffix}`, `bench_replay_documents_${suffix}`];
  const pool = new Pool({ connectionString: databaseUrl, max: 4, idleTimeoutMillis: 0 });
  const measureCpu = cpuMeter(pool);
  const eventStore = await createEventStore({ kind: 'postgres', connection: pool, schema: eventSchema });
  const documentStore = new PostgresDocumentStore({ pool, schema: documentSchema });
  try {
    console.error(`  replay: seeding ${count.toLocaleString('en')} sale events…`);
    const seedStartedAt = performance.now();
    const events = await seedSaleEvents(eventStore, count);
    const seedEventsPerSecond = Math.round(events / ((performance.now() - seedStartedAt) / 1000));
    console.error(`  replay: ${events.toLocaleString('en')} events seeded (${seedEventsPerSecond.toLocaleString('en')} events/s)`);
    const projections: ReplayPhase['projections'] = [];
    for (const rebuilt of [...salesJournalProjections.map((projection) => [projection]), salesJournalProjections]) {
      const name = rebuilt.map((projection) => projection.name).join(' + ');
      const startedAt = performance.now();
      const cpuUsed = measureCpu();
      const { events: read } = await rebuildProjections(eventStore, documentStore, rebuilt);
      const seconds = (performance.now() - startedAt) / 1000;
      const cpuMs = cpuUsed();
      const perEvent = (ms: number) => Number(((ms * 1000) / read).toFixed(1));
      const cpuMicrosecondsPerEvent = { node: perEvent(cpuMs.node), postgres: perEvent(cpuMs.postgres) };
      projections.push({ name, seconds: Number(seconds.toFixed(2)), eventsPerSecond: Math.round(read / seconds), cpuMicrosecondsPerEvent });
      console.error(
        `  replay: ${name} rebuilt from ${read.toLocaleString('en')} events in ${seconds.toFixed(1)} s (${Math.round(read / seconds).toLocaleString('en')} events/s), ` +
          `CPU per event: node ${cpuMicrosecondsPerEvent.node} µs, PostgreSQL ${cpuMicrosecondsPerEvent.postgres} µs`,
      );
    }
    const peakRssMb = Math.round(statusKb(process.pid, 'VmHWM') / 1024);
    console.error(`  replay: peak RSS of this process ${peakRssMb} MB`);
    return { events, seedEventsPerSecond, peakRssMb, projections };
  } finally {
    await eventStore.close();
    await pool.query(`DROP SCHEMA IF EXISTS ${eventSchema} CASCADE; DROP SCHEMA IF EXISTS ${documentSchema} CASCADE`).finally(() => pool.end());
  }
}
