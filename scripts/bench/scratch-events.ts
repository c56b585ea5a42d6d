/**
 * The references of bench:ingest write into a scratch table shaped like the event store's `events` table (the same
 * columns, primary key, unique stream position and log-order index; libs/eventstore/src/event-store.sql.ts): a pushed
 * sale event becomes a row of its sale's stream, at the workplace's seq.
 */
import { pushedPayloadOf, type PushedSaleEvent } from '@elk/contracts';

export function scratchEventsTableSql(table: string): string {
  return `
CREATE TABLE ${table} (
  global_position bigserial NOT NULL,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id text NOT NULL,
  stream_position integer NOT NULL,
  event_id uuid PRIMARY KEY,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_id, stream_position)
);
CREATE INDEX ON ${table} (transaction_id, global_position);`;
}

const COLUMNS = 6;

/** One INSERT statement of `events` (one row each) and its parameters. */
export function insertEventsSql(table: string, events: readonly PushedSaleEvent[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const rows = events.map((event, row) => {
    const { type, payload } = pushedPayloadOf(event);
    values.push(`sale-${event.saleId}`, event.seq, event.eventId, type, JSON.stringify(payload), JSON.stringify({ occurredAt: event.occurredAt, seq: event.seq }));
    const at = row * COLUMNS;
    return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, 1, $${at + 5}, $${at + 6})`;
  });
  return { text: `INSERT INTO ${table} (stream_id, stream_position, event_id, type, schema_version, data, metadata) VALUES ${rows.join(', ')}`, values };
}
