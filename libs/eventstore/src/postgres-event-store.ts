import { createHash } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { Pool } from 'pg';
import { SqlEventStore, type SqlEventStoreOptions } from './sql-event-store';

const NOTIFY_INTERVAL_MS = 10;

export interface PostgresEventStoreOptions extends SqlEventStoreOptions {
  /** A connection string (the store creates its pool and ends it on close) or a pool the caller owns. */
  connection: string | Pool;
  /** Size of the pool the store creates from a connection string (default 20). */
  poolSize?: number;
}

/**
 * EventStore on PostgreSQL through `pg`. Subscribers are woken by LISTEN/NOTIFY across processes, directly
 * within this one, and by polling when a notification is lost.
 */
export class PostgresEventStore extends SqlEventStore {
  readonly pool: Pool;
  private readonly ownsPool: boolean;
  private listener: Promise<(() => void) | undefined> | undefined;
  private notification: Promise<void> | undefined;
  private notifyPending = false;
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

  /** Named statements: each connection parses and plans a statement once, not on every call. */
  protected async query<Row>(text: string, params: unknown[]): Promise<Row[]> {
    return (await this.pool.query({ name: statementName(text), text, values: params })).rows as Row[];
  }

  protected async execScript(text: string): Promise<void> {
    await this.pool.query(text);
  }

  protected override onAppended(): void {
    super.onAppended();
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
      // A lost notification only delays subscribers until their next poll.
      await this.pool
        .query(`SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, '')`, [this.sql.channel])
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
    client.on('notification', () => this.changes.notify());
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

const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `elk_es_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`));
  return name;
}
