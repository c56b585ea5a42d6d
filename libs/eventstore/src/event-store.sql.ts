/**
 * The SQL both adapters run. Everything lives in one PostgreSQL schema whose name is configurable, so that
 * services (and tests) can keep separate logs in one database.
 *
 * A stream's version is its last stream_position; the unique (stream_id, stream_position) is what makes two
 * appends at the same expected version collide. An append is one statement (one round trip, one commit):
 * plain SQL costs the server noticeably less per call than a plpgsql function.
 */

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/** Constraints whose violation by an append means "look again": a concurrent append or a retried one. */
export const APPEND_CONSTRAINTS = ['events_pkey', 'events_stream_position_unique'];

export interface LogEventRow {
  event_id: string;
  stream_id: string;
  stream_position: number;
  global_position: string;
  transaction_id: string;
  type: string;
  schema_version: number;
  data: unknown;
}

export interface EventRow extends LogEventRow {
  metadata: unknown;
  recorded_at: Date;
}

export interface AppendRow {
  stream_version: number | null;
  last_global_position: string | null;
}

type NoEvent<Row> = { [K in keyof Row]: null };

type StoredEventId = Pick<EventRow, 'event_id' | 'stream_id' | 'stream_position' | 'global_position'>;

/** A row per stream (its head) and a row per already stored event of the given ids. */
export type StreamHeadsRow =
  | ({ head_stream_id: string; version: number; last_global_position: string } & NoEvent<StoredEventId>)
  | ({ head_stream_id: null; version: null; last_global_position: null } & StoredEventId);

/** One row per event, or a single row of nulls besides `version` when there is none. */
export type ReadStreamRow = { version: number } & (EventRow | NoEvent<EventRow>);

/** ReadStreamRow, with the index (1-based) of the read the row answers. */
export type ReadStreamsRow = { read_index: number } & ReadStreamRow;

/**
 * One row per event, or a single row of nulls besides the horizon, the snapshot's xmax and the log's last event when
 * there is none. The last event (of any type) below the horizon is null when there is none.
 */
export type ReadLogRow = { log_horizon: string; log_xmax: string; last_transaction_id: string | null; last_global_position: string | null } & (
  | EventRow
  | NoEvent<EventRow>
);

export interface EventStoreSql {
  schema: string;
  /** NOTIFY channel of appends. */
  channel: string;
  /** Idempotent DDL, one script (one implicit transaction). */
  createSchema: string;
  /**
   * Appends after the stream's last position ('any'), or after version $2 ('exact', for a version known to
   * exist, or 0 for a new stream; 'exactChecked' otherwise); $1 is the stream id, then come the event parameters
   * (see oneEvent, manyEvents). 'exactChecked' returns no row, or nulls, when version $2 does not exist.
   */
  append: Record<'any' | 'exact' | 'exactChecked', Record<'one' | 'many', string>>;
  /**
   * Appends to several streams at once, or to none if any stream's version is not the expected one: $1 is a jsonb
   * array of [streamId, expectedVersion (null: any), [event, …]] (each event as in manyEvents), the stream ids
   * distinct. Returns a row per stream, in the order given, or none when a version did not match.
   */
  appendMany: string;
  /** $1 text[] stream ids, $2 uuid[] event ids. */
  streamHeads: string;
  /** $1 stream id, $2 after version, $3 limit (null: all). */
  readStream: string;
  /** $1 stream id, $2 limit (null: all): the newest events first. */
  readStreamBackwards: string;
  /**
   * $1 jsonb array of [streamId, backwards, fromVersion, maxCount (null: all)]: each stream as readStream or
   * readStreamBackwards reads it, the rows ordered by read, then as that read orders them.
   */
  readStreams: string;
  /** $1 uuid[] event ids. */
  readEventsById: string;
  lastGlobalPosition: string;
  /** $1 transaction id, $2 global position (the checkpoint), $3 limit (null: all). */
  readLog: string;
  /** readLog of the event types in $4 (text[]) only. */
  readLogOfTypes: string;
  /** readLog and readLogOfTypes without each event's metadata and recorded_at (LogEventRow). */
  readLogWithoutMetadata: string;
  readLogOfTypesWithoutMetadata: string;
  /** readLog's events alone (no snapshot bounds, no last event): $1 transaction id, $2 global position, $3 limit (null: all). */
  readAll: string;
  /** readAll of the event types in $4 (text[]) only. */
  readAllOfTypes: string;
  /** readAll and readAllOfTypes without each event's metadata and recorded_at (LogEventRow). */
  readAllWithoutMetadata: string;
  readAllOfTypesWithoutMetadata: string;
}

export function eventStoreSql(schema: string): EventStoreSql {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`Event store schema name must match ${String(SCHEMA_NAME)}, got "${schema}"`);
  }
  const s = `"${schema}"`;
  const logEventColumns = (e: string) =>
    `${e}.event_id::text AS event_id, ${e}.stream_id, ${e}.stream_position, ${e}.global_position::text AS global_position,
  ${e}.transaction_id::text AS transaction_id, ${e}.type, ${e}.schema_version, ${e}.data`;
  const columns = (e: string) => `${logEventColumns(e)}, ${e}.metadata, ${e}.recorded_at`;
  const insert = `INSERT INTO ${s}.events (stream_id, stream_position, event_id, type, schema_version, data, metadata)`;
  // An event from the parameters from $p on: five scalars for one event; for many, one jsonb array of
  // [eventId, type, schemaVersion, data, metadata] (cheaper to send and to parse than an array per column).
  const oneEvent = (p: number) => `$${p}::uuid, $${p + 1}::text, $${p + 2}::integer, $${p + 3}::jsonb, $${p + 4}::jsonb`;
  const manyEvents = (p: number) => `jsonb_array_elements($${p}::jsonb) WITH ORDINALITY AS u(e, n)`;
  const eventOfMany = `(u.e->>0)::uuid, u.e->>1, (u.e->>2)::integer, u.e->3, u.e->4`;
  const lastPosition = `(SELECT coalesce(max(stream_position), 0) AS version FROM ${s}.events WHERE stream_id = $1::text) head`;
  // Position n (the expected version) must exist, or n + 1 would leave a gap; the unique index rejects n + 1 if
  // it exists too, so the stream is then exactly at n.
  const expectedExists = `EXISTS (SELECT FROM ${s}.events WHERE stream_id = $1::text AND stream_position = $2::integer)`;
  const oneRow = (source: string) => `${insert}
${source}
RETURNING stream_position AS stream_version, global_position::text AS last_global_position`;
  const manyRows = (select: string) => `WITH appended AS (
  ${insert}
  ${select}
  ORDER BY u.n
  RETURNING stream_position, global_position
)
SELECT max(stream_position) AS stream_version, max(global_position)::text AS last_global_position FROM appended`;

  // The log's horizon: every transaction below it that could have written this database's events has finished. The
  // snapshot's xmin is the oldest transaction running anywhere on the PostgreSQL server; of the snapshot's running
  // transactions, those pg_stat_activity places in another database are passed over (a session writes only to its own
  // database). Those it cannot place (ended since the snapshot, prepared, another role's unless ELK's role has
  // pg_read_all_stats) are kept. Evaluated once per statement, and pg_stat_activity read only when something runs.
  const horizon = `horizon AS MATERIALIZED (
  SELECT coalesce(min(running.id), pg_snapshot_xmax(pg_current_snapshot())) AS id
  FROM pg_snapshot_xip(pg_current_snapshot()) AS running(id)
  WHERE NOT EXISTS (
    SELECT FROM pg_stat_get_activity(NULL) AS backend
    WHERE backend.backend_xid = running.id::xid AND backend.datid <> (SELECT oid FROM pg_database WHERE datname = current_database())
  )
)`;
  const belowHorizon = (e: string) => `${e}.transaction_id < (SELECT id FROM horizon)`;
  const readLog = (typeFilter: string, selected = columns('e')) => `WITH ${horizon}
SELECT (SELECT id FROM horizon)::text AS log_horizon, pg_snapshot_xmax(pg_current_snapshot())::text AS log_xmax,
  last.transaction_id::text AS last_transaction_id, last.global_position::text AS last_global_position, ${selected}
FROM (VALUES (1)) AS one(x)
LEFT JOIN (
  SELECT l.transaction_id, l.global_position FROM ${s}.events l
  WHERE ${belowHorizon('l')}
  ORDER BY l.transaction_id DESC, l.global_position DESC LIMIT 1
) last ON true
LEFT JOIN (
  SELECT * FROM ${s}.events e
  WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
    AND ${belowHorizon('e')} ${typeFilter}
  ORDER BY e.transaction_id, e.global_position LIMIT $3
) e ON true
ORDER BY e.transaction_id, e.global_position`;
  // No join around the page, so no sort of it: readLog's outer ORDER BY sorts a page's rows, data included (on disk
  // past work_mem: a rebuild's page of 5,000 sale events cost PostgreSQL more to sort than to read).
  const readAll = (typeFilter: string, selected = columns('e')) => `WITH ${horizon}
SELECT ${selected} FROM ${s}.events e
WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
  AND ${belowHorizon('e')} ${typeFilter}
ORDER BY e.transaction_id, e.global_position LIMIT $3`;

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
    // Each variant its own statement, so that each plan does only what it needs.
    append: {
      any: {
        one: oneRow(`SELECT $1::text, head.version + 1, ${oneEvent(2)} FROM ${lastPosition}`),
        many: manyRows(`SELECT $1::text, head.version + u.n, ${eventOfMany} FROM ${lastPosition}, ${manyEvents(2)}`),
      },
      exact: {
        one: oneRow(`VALUES ($1::text, $2::integer + 1, ${oneEvent(3)})`),
        many: manyRows(`SELECT $1::text, $2::integer + u.n, ${eventOfMany} FROM ${manyEvents(3)}`),
      },
      exactChecked: {
        one: oneRow(`SELECT $1::text, $2::integer + 1, ${oneEvent(3)} WHERE ${expectedExists}`),
        many: manyRows(`SELECT $1::text, $2::integer + u.n, ${eventOfMany} FROM ${manyEvents(3)} WHERE ${expectedExists}`),
      },
    },
    // Positions come from the expected version or the head read here; a concurrent append to a stream collides on its
    // unique position. Global positions are drawn in the order given, but rows are inserted in stream order: two calls
    // sharing streams then wait on each other's rows in one order, never in a deadlock.
    appendMany: `WITH input AS (
  SELECT a.n, a.a->>0 AS stream_id, (a.a->>1)::integer AS expected, a.a->2 AS events
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(a, n)
), head AS (
  SELECT input.*, coalesce(h.stream_position, 0) AS version, coalesce(h.global_position, 0) AS last_global_position
  FROM input LEFT JOIN LATERAL (
    SELECT stream_position, global_position FROM ${s}.events WHERE stream_id = input.stream_id ORDER BY stream_position DESC LIMIT 1
  ) h ON true
), checked AS (
  SELECT * FROM head WHERE NOT EXISTS (SELECT FROM head WHERE expected <> version)
), numbered AS (
  SELECT c.stream_id, c.version + u.n AS stream_position, nextval('${s}.events_global_position_seq') AS global_position, u.e
  FROM checked c, jsonb_array_elements(c.events) WITH ORDINALITY AS u(e, n)
  ORDER BY c.n, u.n
), appended AS (
  INSERT INTO ${s}.events (global_position, stream_id, stream_position, event_id, type, schema_version, data, metadata)
  SELECT global_position, stream_id, stream_position, (e->>0)::uuid, e->>1, (e->>2)::integer, e->3, e->4
  FROM numbered ORDER BY stream_id, stream_position
  RETURNING stream_id, stream_position, global_position
)
SELECT coalesce(max(a.stream_position), c.version) AS stream_version,
  coalesce(max(a.global_position), c.last_global_position)::text AS last_global_position
FROM checked c LEFT JOIN appended a ON a.stream_id = c.stream_id
GROUP BY c.n, c.version, c.last_global_position
ORDER BY c.n`,
    streamHeads: `SELECT s.stream_id AS head_stream_id, coalesce(h.stream_position, 0) AS version,
  coalesce(h.global_position, 0)::text AS last_global_position,
  NULL::text AS event_id, NULL::text AS stream_id, NULL::integer AS stream_position, NULL::text AS global_position
FROM unnest($1::text[]) AS s(stream_id)
LEFT JOIN LATERAL (
  SELECT stream_position, global_position FROM ${s}.events WHERE stream_id = s.stream_id ORDER BY stream_position DESC LIMIT 1
) h ON true
UNION ALL
SELECT NULL, NULL, NULL, e.event_id::text, e.stream_id, e.stream_position, e.global_position::text
FROM ${s}.events e WHERE e.event_id = ANY($2::uuid[])`,
    readStream: `SELECT v.version, ${columns('e')}
FROM (SELECT coalesce(max(stream_position), 0) AS version FROM ${s}.events WHERE stream_id = $1) v
LEFT JOIN (
  SELECT * FROM ${s}.events WHERE stream_id = $1 AND stream_position > $2 ORDER BY stream_position LIMIT $3
) e ON true
ORDER BY e.stream_position`,
    readStreamBackwards: `SELECT v.version, ${columns('e')}
FROM (SELECT coalesce(max(stream_position), 0) AS version FROM ${s}.events WHERE stream_id = $1) v
LEFT JOIN (
  SELECT * FROM ${s}.events WHERE stream_id = $1 ORDER BY stream_position DESC LIMIT $2
) e ON true
ORDER BY e.stream_position DESC`,
    lastGlobalPosition: `SELECT coalesce(max(global_position), 0)::text AS position FROM ${s}.events`,
    readStreams: `WITH input AS (
  SELECT r.n::integer AS n, r.r->>0 AS stream_id, (r.r->>1)::boolean AS backwards, (r.r->>2)::integer AS from_version,
    (r.r->>3)::integer AS max_count
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(r, n)
)
SELECT i.n AS read_index, v.version, ${columns('e')}
FROM input i
CROSS JOIN LATERAL (SELECT coalesce(max(stream_position), 0) AS version FROM ${s}.events WHERE stream_id = i.stream_id) v
LEFT JOIN LATERAL (
  (SELECT * FROM ${s}.events WHERE stream_id = i.stream_id AND NOT i.backwards AND stream_position > i.from_version ORDER BY stream_position LIMIT i.max_count)
  UNION ALL
  (SELECT * FROM ${s}.events WHERE stream_id = i.stream_id AND i.backwards ORDER BY stream_position DESC LIMIT i.max_count)
) e ON true
ORDER BY i.n, CASE WHEN i.backwards THEN -e.stream_position ELSE e.stream_position END`,
    readEventsById: `SELECT ${columns('e')} FROM ${s}.events e WHERE e.event_id = ANY($1::uuid[]) ORDER BY e.transaction_id, e.global_position`,
    // Rows of transactions below the horizon only: every transaction that may still commit an event is at or above
    // it, so nothing can later appear before the returned rows. The horizon and xmax tell the caller whether
    // transactions that were running (and may have committed since) have finished. The log's last event below the
    // horizon (one step of a backward index scan) is how far a read of some types has seen the log, past events of
    // others.
    readLog: readLog(''),
    readLogOfTypes: readLog('AND type = ANY($4::text[])'),
    readLogWithoutMetadata: readLog('', logEventColumns('e')),
    readLogOfTypesWithoutMetadata: readLog('AND type = ANY($4::text[])', logEventColumns('e')),
    readAll: readAll(''),
    readAllOfTypes: readAll('AND e.type = ANY($4::text[])'),
    readAllWithoutMetadata: readAll('', logEventColumns('e')),
    readAllOfTypesWithoutMetadata: readAll('AND e.type = ANY($4::text[])', logEventColumns('e')),
  };
}
