import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describeEventStoreContract } from './event-store.contract';
import { PgliteEventStore } from './pglite-event-store';

// One PGlite for the file (starting one takes seconds); every test gets its own schema in it.
let db: PGlite;

beforeAll(async () => {
  // PGlite loads its WebAssembly and data files with import(), which jest refuses without
  // --experimental-vm-modules; handing them over (documented options) avoids that.
  const dist = dirname(require.resolve('@electric-sql/pglite'));
  const [pgliteWasmModule, initdbWasmModule, fsBundle] = await Promise.all([
    readFile(join(dist, 'pglite.wasm')).then((bytes) => WebAssembly.compile(bytes)),
    readFile(join(dist, 'initdb.wasm')).then((bytes) => WebAssembly.compile(bytes)),
    readFile(join(dist, 'pglite.data')).then((bytes) => new Blob([bytes])),
  ]);
  db = await PGlite.create({ pgliteWasmModule, initdbWasmModule, fsBundle });
}, 30_000);

afterAll(async () => {
  await db.close();
});

describeEventStoreContract('PgliteEventStore', {
  async createStore() {
    const schema = `es_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const store = new PgliteEventStore({ db, schema });
    await store.ensureSchema();
    return {
      store,
      async dispose() {
        await store.close();
        await db.exec(`DROP SCHEMA "${schema}" CASCADE`);
      },
    };
  },
  writers: 8,
  eventsPerWriter: 2000,
});
