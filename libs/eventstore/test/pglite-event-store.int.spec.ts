import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PgliteEventStore } from '../src/pglite-event-store';
import { describeEventStoreContract } from './event-store.contract';

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
  writers: 8,
  eventsPerWriter: 400,
});
