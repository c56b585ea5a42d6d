/**
 * The SQL both adapters run. Everything lives in one PostgreSQL schema whose name is configurable, so that
 * services (and tests) can keep separate logs in one database.
 */

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/** `p_expected` of append_to_stream: -1 any, 0 no stream, n > 0 the exact version. */
export const ANY_VERSION = -1;

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

export interface AppendRow {
  outcome: 'appended' | 'duplicate' | 'conflict';
  stream_version: number;
  last_global_position: string | null;
}

/** One row per event, or a single row of nulls besides `version` when there is none. */
export type ReadStreamRow = { version: number } & (EventRow | { [K in keyof EventRow]: null });

/** One row per event, or a single row of nulls besides the snapshot bounds when there is none. */
export type ReadLogRow = { log_xmin: string; log_xmax: string } & (EventRow | { [K in keyof EventRow]: null });

export interface EventStoreSql {
  schema: string;
  /** NOTIFY channel of appends. */
  channel: string;
  /** Idempotent DDL, one script (one implicit transaction). */
  createSchema: string;
  /** $1 stream id, $2 expected version (see ANY_VERSION), $3… arrays of event ids, types, schema versions, data, metadata. */
  append: string;
  /** $1 uuid[] event ids. */
  findEvents: string;
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
CREATE INDEX IF NOT EXISTS events_log_order ON ${s}.events (transaction_id, global_position);

-- Version check and insert in one call: one round trip, one commit. No NOTIFY here: a notifying
-- transaction holds a database-wide lock through its commit, which serialises all appenders.
-- A stream's version is its last stream_position. Appends to one stream queue on a transaction-scoped
-- advisory lock (no row to update); the unique (stream_id, stream_position) stays the final guard.
CREATE OR REPLACE FUNCTION ${s}.append_to_stream(
  p_stream_id text, p_expected integer,
  p_event_ids uuid[], p_types text[], p_schema_versions integer[], p_data jsonb[], p_metadata jsonb[],
  OUT outcome text, OUT stream_version integer, OUT last_global_position bigint
) LANGUAGE plpgsql AS $fn$
DECLARE
  v_count integer := cardinality(p_event_ids);
  v_retried_version integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('${schema}'), hashtext(p_stream_id));
  -- A new statement, so a new snapshot: it sees what the holder of the lock committed.
  SELECT coalesce(max(e.stream_position), 0) INTO stream_version FROM ${s}.events e WHERE e.stream_id = p_stream_id;

  IF v_count = 0 THEN
    SELECT coalesce(max(e.global_position), 0) INTO last_global_position
    FROM ${s}.events e WHERE e.stream_id = p_stream_id AND e.stream_position = stream_version;
    outcome := CASE WHEN p_expected < 0 OR p_expected = stream_version THEN 'appended' ELSE 'conflict' END;
    RETURN;
  END IF;

  IF p_expected >= 0 AND p_expected <> stream_version THEN
    -- A retry of an append that already succeeded fails the version check: answer with its result.
    SELECT max(e.stream_position), max(e.global_position) INTO v_retried_version, last_global_position
    FROM ${s}.events e
    WHERE e.event_id = ANY(p_event_ids) AND e.stream_id = p_stream_id
    HAVING count(*) = v_count;
    IF FOUND THEN
      outcome := 'duplicate';
      stream_version := v_retried_version;
    ELSE
      outcome := 'conflict';
    END IF;
    RETURN;
  END IF;

  INSERT INTO ${s}.events (stream_id, stream_position, event_id, type, schema_version, data, metadata)
  SELECT p_stream_id, stream_version + u.n, u.event_id, u.type, u.schema_version, u.data, u.metadata
  FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata)
    WITH ORDINALITY AS u(event_id, type, schema_version, data, metadata, n);
  stream_version := stream_version + v_count;
  -- The rows took their positions in order, so the session's last one is the append's last.
  last_global_position := currval('${s}.events_global_position_seq');
  outcome := 'appended';
END
$fn$;
`,
    append: `SELECT outcome, stream_version, last_global_position::text AS last_global_position
FROM ${s}.append_to_stream($1, $2, $3::uuid[], $4::text[], $5::integer[], $6::jsonb[], $7::jsonb[])`,
    findEvents: `SELECT event_id::text AS event_id, stream_id, stream_position, global_position::text AS global_position
FROM ${s}.events WHERE event_id = ANY($1::uuid[])`,
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
