import { randomUUID } from 'node:crypto';
import { PgliteEventStore } from '../src/pglite-event-store';
import { describeEventStoreContract } from './event-store.contract';
import { openWorkerPglite, type WorkerPglite } from './worker-pglite';

// One PGlite for the file (starting one takes seconds); every test gets its own schema in it.
let pglite: WorkerPglite;

beforeAll(async () => {
  pglite = await openWorkerPglite();
}, 30_000);

afterAll(async () => {
  await pglite.close();
});

describeEventStoreContract('PgliteEventStore', {
  async createStore() {
    const schema = `es_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const store = new PgliteEventStore({ db: pglite.db, schema });
    await store.ensureSchema();
    return {
      store,
      async dispose() {
        await store.close();
        await pglite.db.exec(`DROP SCHEMA "${schema}" CASCADE`);
      },
    };
  },
  writers: 8,
  eventsPerWriter: 2000,
});
