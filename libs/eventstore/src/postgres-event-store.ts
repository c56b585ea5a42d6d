import { createHash } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { Pool, type QueryConfig } from 'pg';
import { jsonbArrayParam } from './jsonb-array';
import { SqlEventStore, type SqlEventStoreOptions } from './sql-event-store';

const NOTIFY_INTERVAL_MS = 10;
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7_999;

export interface PostgresEventStoreOptions extends SqlEventStoreOptions {
  /** A connection string (the store creates its pool and ends it on close) or a pool the caller owns. */
  connection: string | Pool;
  /** Size of the pool the store creates from a connection string (default 20). */
  poolSize?: number;
}

/**
 * EventStore on PostgreSQL through `pg`. Subscribers are woken by LISTEN/NOTIFY across processes, directly
 * within this one, and by polling when a notification is lost. A notification's payload lists the event types
 * appended since the previous one (comma-separated), so that only subscriptions to those types wake; an empty
 * payload means any type.
 */
export class PostgresEventStore extends SqlEventStore {
  readonly pool: Pool;
  private readonly ownsPool: boolean;
  private listener: Promise<(() => void) | undefined> | undefined;
  private notification: Promise<void> | undefined;
  private notifyPending = false;
  /** The event types appended since the last notification. */
  private pendingTypes = new Set<string>();
  private closed = false;

  constructor(options: PostgresEventStoreOptions) {
    super(options);
    if (typeof options.connection === 'string') {
      this.pool = new Pool({ connectionString: options.connection, max: options.poolSize ?? 20 });
      // An idle client that loses its connection is dropped by the pool; the next query opens another.
      this.pool.on('error', () => undefined);
      this.ownsPool = true;
    } else {
      this.pool = options.connection;
      this.ownsPool = false;
    }
  }

  override async close(): Promise<void> {
    this.closed = true;
    await super.close();
    await this.notification;
    const unlisten = await this.listener;
    unlisten?.();
    if (this.ownsPool) await this.pool.end();
  }

  protected async query<Row>(text: string, params: unknown[]): Promise<Row[]> {
    return (await this.pool.query(namedStatement(text, params))).rows as Row[];
  }

  protected override jsonArrayParam(items: readonly unknown[]): unknown {
    return jsonbArrayParam(items);
  }

  protected async execScript(text: string): Promise<void> {
    await this.pool.query(text);
  }

  protected override onAppended(eventTypes: ReadonlySet<string>): void {
    super.onAppended(eventTypes);
    for (const type of eventTypes) this.pendingTypes.add(type);
    this.notifyPending = true;
    this.notification ??= this.notifyOtherProcesses().finally(() => (this.notification = undefined));
  }

  /**
   * NOTIFY after the append's commit, not inside it, and at most one per NOTIFY_INTERVAL_MS: appends that
   * finish meanwhile share the next one. It needs no durability, hence the asynchronous commit.
   */
  private async notifyOtherProcesses(): Promise<void> {
    while (this.notifyPending && !this.closed) {
      this.notifyPending = false;
      const payload = notificationPayload(this.pendingTypes);
      this.pendingTypes = new Set();
      // A lost notification only delays subscribers until their next poll.
      await this.pool
        .query(`SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)`, [this.sql.channel, payload])
        .catch(() => undefined);
      await setTimeout(NOTIFY_INTERVAL_MS);
    }
  }

  /** (Re)opens the LISTEN connection; subscriptions call it before each read, so it heals by itself. */
  protected override watchChanges(): void {
    if (this.listener || this.closed) return;
    this.listener = this.listen().catch(() => (this.listener = undefined));
  }

  /** Resolves to the function that ends the listening. */
  private async listen(): Promise<() => void> {
    const client = await this.pool.connect();
    let released = false;
    const release = (error?: Error) => {
      if (released) return;
      released = true;
      // Destroyed rather than returned to the pool, where it would still be listening.
      client.release(error ?? true);
    };
    client.on('notification', ({ payload }) => this.changes.notify(payload ? new Set(payload.split(',')) : undefined));
    client.on('error', (error) => {
      release(error);
      this.listener = undefined;
    });
    try {
      await client.query(`LISTEN "${this.sql.channel}"`);
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }
}

/** The types, comma-separated; empty (any type) when a type holds a comma or they would not fit. */
function notificationPayload(eventTypes: ReadonlySet<string>): string {
  const types = [...eventTypes];
  const payload = types.join(',');
  return types.some((type) => type.includes(',')) || Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES ? '' : payload;
}

const statementNames = new Map<string, string>();

/**
 * A statement of fixed text, named after it: each connection parses it once, and PostgreSQL plans it once when a
 * generic plan serves (after five custom ones), instead of parsing and planning it on every call. Only for the few
 * texts code spells out (not those built from a query's filters): each connection keeps every one it has run.
 */
export function namedStatement(text: string, values: unknown[]): QueryConfig {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `elk_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`));
  return { name, text, values };
}
