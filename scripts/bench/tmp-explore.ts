import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@elk/eventstore';
const ev = () => ({ eventId: randomUUID(), type: 'ProductAdded', data: { productId: randomUUID(), name: 'Кофе капучино 0,3 л', price: 19900 }, metadata: { organisationId: randomUUID(), actor: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() } });
(async () => {
  const pool = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/test', max: 24 });
  await pool.query('DROP SCHEMA IF EXISTS rawt CASCADE; CREATE SCHEMA rawt; CREATE TABLE rawt.raw_events (global_position bigserial, transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(), stream_id text NOT NULL, stream_position integer NOT NULL, event_id uuid NOT NULL, type text NOT NULL, schema_version integer NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())');
  const store = new PostgresEventStore({ connection: pool, schema: 'rawt' });
  await store.ensureSchema();
  if (process.argv[3]) await pool.query(process.argv[3]);
  if (process.env.NONOTIFY) (store as any).notifyOtherProcesses = async () => {};
  const w = Number(process.argv[2] ?? 16);
  const totals: Record<string, number> = { r: 0, o: 0 };
  const versions: number[] = [];
  for (let round = 0; round < 12; round++) for (const step of ['r', 'o']) {
      let n = 0; const end = Date.now() + 500;
      await Promise.all(Array.from({length: w}, async (_, i) => { while (Date.now() < end) {
        const e = ev();
        if (step === 'r') await pool.query('INSERT INTO rawt.raw_events (stream_id, stream_position, event_id, type, schema_version, data, metadata) VALUES ($1,$2,$3,$4,$5,$6,$7)', ['s', n, e.eventId, e.type, 1, JSON.stringify(e.data), JSON.stringify(e.metadata)]);
        else versions[i] = (await store.appendToStream('s' + i, [e], { expectedVersion: versions[i] ?? 0 })).nextExpectedVersion;
        n++; } }));
      totals[step]! += n;
  }
  console.log(w, totals, ((totals.o! / totals.r!) * 100).toFixed(0) + '%');
  await store.close();
  await pool.query('DROP SCHEMA rawt CASCADE'); await pool.end();
})();
