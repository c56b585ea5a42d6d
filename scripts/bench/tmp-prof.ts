import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@elk/eventstore';
const ev = () => ({ eventId: randomUUID(), type: 'ProductAdded', data: { productId: randomUUID(), name: 'Кофе капучино 0,3 л', price: 19900 }, metadata: { organisationId: randomUUID(), actor: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() } });
(async () => {
  const pool = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/test', max: 24 });
  await pool.query('DROP SCHEMA IF EXISTS prof CASCADE');
  const store = new PostgresEventStore({ connection: pool, schema: 'prof' });
  await store.ensureSchema();
  const versions: number[] = [];
  let n = 0; const end = Date.now() + 4000;
  await Promise.all(Array.from({length: 16}, async (_, i) => { while (Date.now() < end) {
    versions[i] = (await store.appendToStream('s' + i, [ev()], { expectedVersion: versions[i] ?? 0 })).nextExpectedVersion; n++; } }));
  console.log(n / 4);
  await store.close();
  await pool.query('DROP SCHEMA prof CASCADE'); await pool.end();
})();
