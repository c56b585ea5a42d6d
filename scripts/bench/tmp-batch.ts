import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
const ev = () => ({ eventId: randomUUID(), type: 'ProductAdded', data: { productId: randomUUID(), name: 'Кофе капучино 0,3 л', price: 19900 }, metadata: { organisationId: randomUUID(), actor: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() } });
(async () => {
  const pool = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/test', max: 24 });
  await pool.query('DROP SCHEMA IF EXISTS rawb CASCADE; CREATE SCHEMA rawb; CREATE TABLE rawb.raw_events (global_position bigserial, transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(), stream_id text NOT NULL, stream_position integer NOT NULL, event_id uuid NOT NULL, type text NOT NULL, schema_version integer NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())');
  const totals: Record<string, number> = { v: 0, u: 0 };
  const w = Number(process.argv[2] ?? 1);
  for (let round = 0; round < 8; round++) for (const step of ['v', 'u']) {
    let n = 0; const end = Date.now() + 500;
    await Promise.all(Array.from({length: w}, async () => { while (Date.now() < end) {
      const events = Array.from({ length: 100 }, ev);
      if (step === 'v') {
        const values = events.map((_, i) => `($1, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6}, $${i * 6 + 7})`);
        const params = events.flatMap((e, i) => [i, e.eventId, e.type, 1, JSON.stringify(e.data), JSON.stringify(e.metadata)]);
        await pool.query(`INSERT INTO rawb.raw_events (stream_id, stream_position, event_id, type, schema_version, data, metadata) VALUES ${values.join(', ')}`, ['s', ...params]);
      } else {
        await pool.query(`INSERT INTO rawb.raw_events (stream_id, stream_position, event_id, type, schema_version, data, metadata) SELECT $1, u.n, u.id, u.t, u.v, u.d, u.m FROM unnest($2::uuid[], $3::text[], $4::int[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY AS u(id, t, v, d, m, n)`,
          ['s', events.map(e => e.eventId), events.map(e => e.type), events.map(() => 1), events.map(e => JSON.stringify(e.data)), events.map(e => JSON.stringify(e.metadata))]);
      }
      n += 100; } }));
    totals[step]! += n;
  }
  console.log(w, totals);
  await pool.query('DROP SCHEMA rawb CASCADE'); await pool.end();
})();
