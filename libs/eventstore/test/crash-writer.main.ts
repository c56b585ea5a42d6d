/**
 * A process that appends until it is killed (the crash tests of postgres-event-store.int and pglite-event-store.int):
 *
 *   node -r scripts/run/register-typescript.cjs crash-writer.main.ts postgres <connection string> <schema> <log file>
 *   node -r scripts/run/register-typescript.cjs crash-writer.main.ts pglite <data directory> <schema> <log file>
 *
 * 16 writers append at once, so that the store's group commit shares statements among them: each append one to three
 * events on a stream of the writer's own, every fourth to two streams at once. Before an append is sent, its id and
 * events go to the log as `sent {…}`; once the store has answered it, `acked <id>`. The log is written synchronously to
 * a file, so what the process wrote before it was killed is there.
 */
import { randomUUID } from 'node:crypto';
import { openSync, writeSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { EventStore, NewEvent, StreamAppend } from '../src/event-store';
import { PgliteEventStore } from '../src/pglite-event-store';
import { PostgresEventStore } from '../src/postgres-event-store';

const WRITERS = 16;
const METADATA = { organisationId: randomUUID(), actor: 'crash-writer', correlationId: randomUUID(), causationId: randomUUID() };

async function openStore(kind: string, location: string, schema: string): Promise<EventStore> {
  if (kind === 'postgres') return new PostgresEventStore({ connection: location, schema });
  const store = new PgliteEventStore({ db: await PGlite.create({ dataDir: location }), schema });
  await store.ensureSchema();
  return store;
}

async function main(): Promise<void> {
  const [kind, location, schema, logFile] = process.argv.slice(2) as [string, string, string, string];
  const store = await openStore(kind, location, schema);
  const log = openSync(logFile, 'a');
  const line = (text: string) => writeSync(log, `${text}\n`);
  line('ready');
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (let n = 0; ; n += 1) {
        const id = `${writer}-${n}`;
        const streams = n % 4 === 3 ? [`w${writer}-a`, `w${writer}-b`] : [`w${writer}-${n % 3 === 0 ? 'a' : 'b'}`];
        const appends: StreamAppend[] = streams.map((streamId) => ({
          streamId,
          events: Array.from({ length: 1 + (n % 3) }, (): NewEvent => ({ eventId: randomUUID(), type: 'Written', data: { writer, n }, metadata: METADATA })),
        }));
        line(`sent ${JSON.stringify({ id, events: appends.flatMap(({ streamId, events }) => events.map(({ eventId }) => ({ streamId, eventId }))) })}`);
        await store.appendToStreams(appends);
        line(`acked ${id}`);
      }
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
