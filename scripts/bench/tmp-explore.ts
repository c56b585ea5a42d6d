import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@elk/eventstore';
const ev = () => ({ eventId: randomUUID(), type: 'ProductAdded', data: { productId: randomUUID(), name: 'Кофе капучино 0,3 л', price: 19900 }, metadata: { organisationId: randomUUID(), actor: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() } });
import { readdirSync, readFileSync } from 'node:fs';
function pgCpu(): number { let t = 0; for (const d of readdirSync('/proc')) { if (!/^\d+$/.test(d)) continue; try { const st = readFileSync(`/proc/${d}/stat`, 'utf8'); if (!st.includes('(postgres)')) continue; const f = st.slice(st.lastIndexOf(')') + 2).split(' '); t += Number(f[11]) + Number(f[12]); } catch {} } return t * 10000; }
const SINGLE = `WITH appended AS (
  INSERT INTO rawt.events (stream_id, stream_position, event_id, type, schema_version, data, metadata)
  SELECT $1, v.version + u.n, u.event_id, u.type, u.schema_version, u.data, u.metadata
  FROM (SELECT coalesce(max(stream_position), 0) AS version FROM rawt.events WHERE stream_id = $1) v,
       unnest($3::uuid[], $4::text[], $5::integer[], $6::jsonb[], $7::jsonb[]) WITH ORDINALITY AS u(event_id, type, schema_version, data, metadata, n)
  WHERE $2 < 0 OR v.version = $2
  RETURNING stream_position, global_position
)
SELECT 'appended' AS outcome, max(stream_position) AS stream_version, max(global_position)::text AS last_global_position FROM appended`;
const SCALAR = SINGLE.replace('unnest($3::uuid[], $4::text[], $5::integer[], $6::jsonb[], $7::jsonb[]) WITH ORDINALITY AS u(event_id, type, schema_version, data, metadata, n)', '(VALUES ($3::uuid, $4::text, $5::integer, $6::jsonb, $7::jsonb, 1)) AS u(event_id, type, schema_version, data, metadata, n)');
(async () => {
  const pool = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/test', max: 24 });
  await pool.query('DROP SCHEMA IF EXISTS rawt CASCADE; CREATE SCHEMA rawt; CREATE TABLE rawt.raw_events (global_position bigserial, transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(), stream_id text NOT NULL, stream_position integer NOT NULL, event_id uuid NOT NULL, type text NOT NULL, schema_version integer NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())');
  const store = new PostgresEventStore({ connection: pool, schema: 'rawt' });
  await store.ensureSchema();
  if (process.argv[3]) await pool.query(process.argv[3]);
  if (process.env.NONOTIFY) (store as any).notifyOtherProcesses = async () => {};
  const w = Number(process.argv[2] ?? 16);
  const totals: Record<string, number> = { r: 0, o: 0 };
  const cpu: Record<string, number> = { r: 0, o: 0 };
  const pcpu: Record<string, number> = { r: 0, o: 0 };
  const wal: Record<string, number> = { r: 0, o: 0 };
  const lsn = async () => Number((await pool.query("SELECT pg_current_wal_lsn() - '0/0' AS b")).rows[0].b);
  const versions: number[] = [];
  for (let round = 0; round < 12; round++) for (const step of ['r', 'o']) {
      let n = 0; const end = Date.now() + 500; const c0 = process.cpuUsage(); const p0 = pgCpu(); const w0 = await lsn();
      await Promise.all(Array.from({length: w}, async (_, i) => { while (Date.now() < end) {
        const e = ev();
        if (step === 'r') await pool.query('INSERT INTO rawt.raw_events (stream_id, stream_position, event_id, type, schema_version, data, metadata) VALUES ($1,$2,$3,$4,$5,$6,$7)', ['s', n, e.eventId, e.type, 1, JSON.stringify(e.data), JSON.stringify(e.metadata)]);
        else if (process.env.SCALAR) { const r = await pool.query({ name: 'scalar', text: SCALAR, values: ['s' + i, versions[i] ?? 0, e.eventId, e.type, 1, JSON.stringify(e.data), JSON.stringify(e.metadata)] }); versions[i] = r.rows[0].stream_version; }
        else if (process.env.SINGLE) { const r = await pool.query({ name: 'single', text: SINGLE, values: ['s' + i, versions[i] ?? 0, [e.eventId], [e.type], [1], [JSON.stringify(e.data)], [JSON.stringify(e.metadata)]] }); versions[i] = r.rows[0].stream_version; }
        else versions[i] = (await store.appendToStream('s' + i, [e], { expectedVersion: versions[i] ?? 0 })).nextExpectedVersion;
        n++; } }));
      totals[step]! += n; const c1 = process.cpuUsage(c0); cpu[step]! += c1.user + c1.system; pcpu[step]! += pgCpu() - p0; wal[step]! += (await lsn()) - w0;
  }
  console.log('wal B/op', Math.round(wal.r! / totals.r!), Math.round(wal.o! / totals.o!));
  console.log('pg µs/op', Math.round(pcpu.r! / totals.r!), Math.round(pcpu.o! / totals.o!));
  console.log('node µs/op', Math.round(cpu.r! / totals.r!), Math.round(cpu.o! / totals.o!));
  console.log(w, totals, ((totals.o! / totals.r!) * 100).toFixed(0) + '%');
  await store.close();
  await pool.query('DROP SCHEMA rawt CASCADE'); await pool.end();
})();
