import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@elk/eventstore';
const ev = () => ({ eventId: randomUUID(), type: 'ProductAdded', data: { productId: randomUUID(), name: 'Кофе капучино 0,3 л', price: 19900 }, metadata: { organisationId: randomUUID(), actor: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() } });
(async () => {
  const pool = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/test', max: 24 });
  await pool.query('DROP SCHEMA IF EXISTS prof CASCADE');
  const store = new PostgresEventStore({ connection: pool, schema: 'prof' });
  await store.ensureSchema(); await pool.query("CREATE TABLE prof.raw (global_position bigserial, transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(), stream_id text NOT NULL, stream_position integer NOT NULL, event_id uuid NOT NULL, type text NOT NULL, schema_version integer NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())");
  const versions: number[] = [];
  let n = 0; const end = Date.now() + 4000;
  await Promise.all(Array.from({length: 16}, async (_, i) => { while (Date.now() < end) {
    { const e = ev(); await pool.query("INSERT INTO prof.raw (stream_id, stream_position, event_id, type, schema_version, data, metadata) VALUES ($1,$2,$3,$4,$5,$6,$7)", ["s", n, e.eventId, e.type, 1, JSON.stringify(e.data), JSON.stringify(e.metadata)]); } n++; } }));
  console.log(n / 4);
  await store.close();
  await pool.query('DROP SCHEMA prof CASCADE'); await pool.end();
})();
