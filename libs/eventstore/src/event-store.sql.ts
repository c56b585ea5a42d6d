/**
 * The SQL both adapters run. Everything lives in one PostgreSQL schema whose name is configurable, so that
 * services (and tests) can keep separate logs in one database.
 *
 * A stream's version is its last stream_position; the unique (stream_id, stream_position) is what makes two
 * appends at the same expected version collide. An append is one statement (one round trip, one commit):
 * plain SQL costs the server noticeably less per call than a plpgsql function.
 */

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/** The expected-version parameter of the append statements: -1 any, 0 no stream, n > 0 exactly n. */
export const ANY_VERSION = -1;

/** Constraints whose violation by an append means "look again": a concurrent append or a retried one. */
export const APPEND_CONSTRAINTS = ['events_pkey', 'events_stream_position_unique'];

export interface EventRow {
  event_id: string;
  stream_id: string;
  stream_position: number;
  global_position: string;
  transaction_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  recorded_at: Date;
}

/** No row (appendOne) or nulls (appendMany) when the expected version did not match. */
export interface AppendRow {
  stream_version: number | null;
  last_global_position: string | null;
}

type NoEvent<Row> = { [K in keyof Row]: null };

/** The stream's head, and one row per already stored event of the given ids (a single row of nulls if none). */
export type StreamHeadRow = { version: number; last_global_position: string } & (
  | Pick<EventRow, 'event_id' | 'stream_id' | 'stream_position' | 'global_position'>
  | NoEvent<Pick<EventRow, 'event_id' | 'stream_id' | 'stream_position' | 'global_position'>>
);

/** One row per event, or a single row of nulls besides `version` when there is none. */
export type ReadStreamRow = { version: number } & (EventRow | NoEvent<EventRow>);

/** One row per event, or a single row of nulls besides the snapshot bounds when there is none. */
export type ReadLogRow = { log_xmin: string; log_xmax: string } & (EventRow | NoEvent<EventRow>);

export interface EventStoreSql {
  schema: string;
  /** NOTIFY channel of appends. */
  channel: string;
  /** Idempotent DDL, one script (one implicit transaction). */
  createSchema: string;
  /** $1 stream id, $2 expected version (see ANY_VERSION), $3 event id, $4 type, $5 schema version, $6 data, $7 metadata. */
  appendOne: string;
  /** As appendOne, with arrays (one element per event) for $3 to $7. */
  appendMany: string;
  /** $1 stream id, $2 uuid[] event ids. */
  streamHead: string;
  /** $1 stream id, $2 after version, $3 limit (null: all). */
  readStream: string;
  /** $1 transaction id, $2 global position (the checkpoint), $3 limit (null: all). */
  readLog: string;
}

export function eventStoreSql(schema: string): EventStoreSql {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`Event store schema name must match ${String(SCHEMA_NAME)}, got "${schema}"`);
  }
  const s = `"${schema}"`;
  const columns = (e: string) =>
    `${e}.event_id::text AS event_id, ${e}.stream_id, ${e}.stream_position, ${e}.global_position::text AS global_position,
  ${e}.transaction_id::text AS transaction_id, ${e}.type, ${e}.schema_version, ${e}.data, ${e}.metadata, ${e}.recorded_at`;
  const head = `(SELECT coalesce(max(stream_position), 0) AS version FROM ${s}.events WHERE stream_id = $1::text) head`;
  const matches = `$2::integer < 0 OR head.version = $2::integer`;
  const insert = `INSERT INTO ${s}.events (stream_id, stream_position, event_id, type, schema_version, data, metadata)`;
  return {
    schema,
    channel: `${schema}.events`,
    createSchema: `
SELECT pg_advisory_xact_lock(hashtext('elk-eventstore'), hashtext('${schema}'));
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.events (
  global_position bigserial NOT NULL,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id text NOT NULL,
  stream_position integer NOT NULL,
  event_id uuid CONSTRAINT events_pkey PRIMARY KEY,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_stream_position_unique UNIQUE (stream_id, stream_position)
);
-- The global log's order. No index on global_position alone: nothing reads by it, and every index costs
-- each append.
CREATE INDEX IF NOT EXISTS events_log_order ON ${s}.events (transaction_id, global_position);
`,
    appendOne: `${insert}
SELECT $1::text, head.version + 1, $3::uuid, $4::text, $5::integer, $6::jsonb, $7::jsonb
FROM ${head}
WHERE ${matches}
RETURNING stream_position AS stream_version, global_position::text AS last_global_position`,
    appendMany: `WITH appended AS (
  ${insert}
  SELECT $1::text, head.version + u.n, u.event_id, u.type, u.schema_version, u.data, u.metadata
  FROM ${head},
    unnest($3::uuid[], $4::text[], $5::integer[], $6::jsonb[], $7::jsonb[])
      WITH ORDINALITY AS u(event_id, type, schema_version, data, metadata, n)
  WHERE ${matches}
  ORDER BY u.n
  RETURNING stream_position, global_position
)
SELECT max(stream_position) AS stream_version, max(global_position)::text AS last_global_position FROM appended`,
    streamHead: `SELECT coalesce(head.stream_position, 0) AS version, coalesce(head.global_position, 0)::text AS last_global_position,
  e.event_id::text AS event_id, e.stream_id, e.stream_position, e.global_position::text AS global_position
FROM (VALUES (1)) AS one(x)
LEFT JOIN LATERAL (
  SELECT stream_position, global_position FROM ${s}.events WHERE stream_id = $1 ORDER BY stream_position DESC LIMIT 1
) head ON true
LEFT JOIN ${s}.events e ON e.event_id = ANY($2::uuid[])`,
    readStream: `SELECT v.version, ${columns('e')}
FROM (SELECT coalesce(max(stream_position), 0) AS version FROM ${s}.events WHERE stream_id = $1) v
LEFT JOIN (
  SELECT * FROM ${s}.events WHERE stream_id = $1 AND stream_position > $2 ORDER BY stream_position LIMIT $3
) e ON true
ORDER BY e.stream_position`,
    // Rows of transactions below the snapshot's xmin only: every transaction that may still commit is at or
    // above it, so nothing can later appear before the returned rows. The bounds tell the caller whether
    // transactions that were running (and may have committed since) have finished.
    readLog: `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS log_xmin,
  pg_snapshot_xmax(pg_current_snapshot())::text AS log_xmax, ${columns('e')}
FROM (VALUES (1)) AS one(x)
LEFT JOIN (
  SELECT * FROM ${s}.events
  WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
    AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY transaction_id, global_position LIMIT $3
) e ON true
ORDER BY e.transaction_id, e.global_position`,
  };
}
