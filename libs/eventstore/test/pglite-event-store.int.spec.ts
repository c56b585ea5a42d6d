import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PgliteEventStore } from '../src/pglite-event-store';
import { ackedCount, expectSurvivorsWhole, killNow, readCrashLog, startCrashWriter } from './crash-writer';
import { describeEventStoreContract, waitFor } from './event-store.contract';

// One PGlite for the file, loaded from the run's initdb'd template (libs/testing's pglite-template.ts sets the variable
// in the integration project's global setup; initdb itself took 1.9–4.2 s of CPU, the template 0.5 s); every test gets
// its own schema in it.
let db: PGlite;

beforeAll(async () => {
  db = await PGlite.create({ loadDataDir: new Blob([readFileSync(process.env['ELK_PGLITE_TEMPLATE_DUMP']!)]) });
}, 30_000);

afterAll(async () => {
  await db.close();
});

describeEventStoreContract('PgliteEventStore', {
  async createStore(options) {
    const schema = `es_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const store = new PgliteEventStore({ db, schema, ...options });
    await store.ensureSchema();
    const others: PgliteEventStore[] = [];
    return {
      store,
      another: () => others[others.push(new PgliteEventStore({ db, schema, ...options })) - 1]!,
      async dispose() {
        await Promise.all([store, ...others].map((opened) => opened.close()));
        await db.exec(`DROP SCHEMA "${schema}" CASCADE`);
      },
    };
  },
  // PGlite runs one statement at a time: the writers' appends interleave but never commit concurrently, so the volume
  // that shakes out commit-order gaps on PostgreSQL (2,000 each) adds only time here (~40 s of a loaded CI).
  writers: 16,
  eventsPerWriter: 200,
});

describe('PgliteEventStore, its process killed', () => {
  it('loses no append it acknowledged and stores none in part when killed in the middle of shared commits, as embedded ELK killed and started again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crash-writer-pglite-'));
    const logFile = `${dataDir}.log`;
    const schema = 'crashed';
    // The data directory, made from the run's template, then written by a process of its own as embedded ELK does.
    const made = await PGlite.create({ dataDir, loadDataDir: new Blob([readFileSync(process.env['ELK_PGLITE_TEMPLATE_DUMP']!)]) });
    await made.close();
    const writer = startCrashWriter('pglite', dataDir, schema, logFile);
    try {
      await waitFor(() => ackedCount(logFile) >= 300, 60_000);
      await killNow(writer);

      // Opening the directory again recovers it as a restart of embedded ELK would.
      const reopened = await PGlite.create({ dataDir });
      const stored = (await reopened.query<{ event_id: string; stream_id: string; stream_position: number }>(`SELECT event_id::text, stream_id, stream_position FROM "${schema}".events`)).rows;
      await reopened.close();
      expectSurvivorsWhole(readCrashLog(logFile), stored, 300);
    } finally {
      if (writer.exitCode === null && writer.signalCode === null) await killNow(writer);
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(logFile, { force: true });
    }
  }, 90_000);
});
