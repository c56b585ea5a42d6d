/**
 * What the sales journal's live projections cost per event, without the rest of a push (HTTP, NATS, the decision):
 *
 *   DATABASE_URL=postgres://… node -r ./scripts/run/register-typescript.cjs scripts/bench/projection-live-cpu.bench.ts [--events 4000] [--writers 16]
 *
 * In fresh schemas, the sales journal's projections run live (startProjections) while `--writers` writers append
 * realistic sale events one event an append, as single-event pushes do (each writer its own sales, one after another),
 * until the projections have applied the last. Prints the CPU per event of this process (the appends' and the
 * projections') and of the PostgreSQL backends of its pool (from /proc), the appends and the projections' batches
 * included, and the transactions the projections committed per event. Run it on both sides of a change, alternated.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { PostgresDocumentStore, startProjections, type DocumentStore } from '@elk/documents';
import { checkpointOf, createEventStore, type StreamAppend } from '@elk/eventstore';
import { salesJournalProjections } from '@elk/sales-journal';
import { cpuMsOf } from './proc';
import { saleAppends } from './replay-phase';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '4000' }, writers: { type: 'string', default: '16' } } });
  const suffix = randomBytes(4).toString('hex');
  const [eventSchema, documentSchema] = [`bench_live_events_${suffix}`, `bench_live_documents_${suffix}`];
  const pool = new Pool({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', max: 24, idleTimeoutMillis: 0 });
  const backends = new Set<number>();
  // pg's Client keeps the backend's pid from the server's BackendKeyData message, untyped.
  pool.on('connect', (client) => backends.add((client as unknown as { processID: number }).processID));
  const postgresMs = () => [...backends].reduce((total, pid) => total + cpuMsOf(pid), 0);
  const eventStore = await createEventStore({ kind: 'postgres', connection: pool, schema: eventSchema });
  const store = new PostgresDocumentStore({ pool, schema: documentSchema });
  let transactions = 0;
  const counting: DocumentStore = Object.assign(Object.create(store) as DocumentStore, {
    transaction: ((fn, options) => {
      transactions += 1;
      return store.transaction(fn, options);
    }) as DocumentStore['transaction'],
  });
  try {
    const runner = await startProjections(eventStore, counting, salesJournalProjections);
    // One generator for the warm-up and the run: its event ids repeat from one generator to the next.
    const sales = [...saleAppends(Number(values.events) * 1.25)];
    const warmUp = sales.splice(0, Math.round(sales.length / 5));
    const run = async (appends: StreamAppend[]) => {
      const writers = Array.from({ length: Number(values.writers) }, (): StreamAppend[] => []);
      appends.forEach((append, index) => writers[index % writers.length]!.push(append));
      const before = { node: process.cpuUsage(), postgres: postgresMs(), transactions };
      let last = { transactionId: 0n, globalPosition: 0n };
      let events = 0;
      await Promise.all(
        writers.map(async (own) => {
          for (const { streamId, events: saleEvents } of own) {
            for (const [version, event] of saleEvents.entries()) {
              await eventStore.appendToStream(streamId, [event], { expectedVersion: version });
              events += 1;
            }
          }
        }),
      );
      for (const own of writers) {
        for (const { streamId } of own.slice(-1)) {
          const checkpoint = checkpointOf((await eventStore.readStream(streamId)).events.at(-1)!);
          if (checkpoint.globalPosition > last.globalPosition) last = checkpoint;
        }
      }
      await runner.waitFor(last, { timeoutMs: 60_000 });
      const used = process.cpuUsage(before.node);
      return { events, nodeMs: (used.user + used.system) / 1000, postgresMs: postgresMs() - before.postgres, transactions: transactions - before.transactions };
    };
    await run(warmUp);
    const { events, nodeMs, postgresMs: backendMs, transactions: committed } = await run(sales);
    console.log(
      `${events} events: CPU ms an event, this process ${(nodeMs / events).toFixed(3)}, PostgreSQL ${(backendMs / events).toFixed(3)}; ` +
        `projection transactions an event ${(committed / events).toFixed(3)}`,
    );
    await runner.stop();
  } finally {
    await eventStore.close();
    await pool.query(`DROP SCHEMA IF EXISTS ${eventSchema} CASCADE; DROP SCHEMA IF EXISTS ${documentSchema} CASCADE`).finally(() => pool.end());
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
