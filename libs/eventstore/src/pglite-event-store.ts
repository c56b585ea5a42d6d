import { ChangeSignal } from './global-log-subscription';
import { DEFAULT_SCHEMA, SqlEventStore, type SqlEventStoreOptions } from './sql-event-store';

/** What the store needs of the embedded database: a PGlite, or embedded ELK's thread that runs one. */
export interface PgliteExecutor {
  query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  exec(text: string): Promise<unknown>;
}

export interface PgliteEventStoreOptions extends SqlEventStoreOptions {
  /** The embedded database, shared with other libraries; the store never closes it. */
  db: PgliteExecutor;
}

// Every store on the same database and schema shares one signal, so an append through one wakes the
// subscribers of all.
const signals = new WeakMap<PgliteEventStoreOptions['db'], Map<string, ChangeSignal>>();

function signalFor(db: PgliteEventStoreOptions['db'], schema: string): ChangeSignal {
  let bySchema = signals.get(db);
  if (!bySchema) signals.set(db, (bySchema = new Map()));
  let signal = bySchema.get(schema);
  if (!signal) bySchema.set(schema, (signal = new ChangeSignal()));
  return signal;
}

/**
 * Only this process writes to an embedded database, and every append through it wakes the subscribers: the poll is a
 * safety net, not how they learn of new events. Polling every 300 ms, as over PostgreSQL, cost an idle embedded ELK
 * 8% of a core (its ~20 projections reading an unchanged log).
 */
const POLL_INTERVAL_MS = 5_000;

/**
 * EventStore on embedded PGlite. PGlite runs one statement at a time and keeps other statements out of an
 * open `transaction()`, and every operation here is one statement, so no extra locking is needed; one append
 * statement at a time, so the appends that arrive meanwhile share the next one.
 */
export class PgliteEventStore extends SqlEventStore {
  private readonly db: PgliteEventStoreOptions['db'];

  constructor(options: PgliteEventStoreOptions) {
    super({ ...options, pollIntervalMs: options.pollIntervalMs ?? POLL_INTERVAL_MS, appendsInFlight: options.appendsInFlight ?? 1 }, signalFor(options.db, options.schema ?? DEFAULT_SCHEMA));
    this.db = options.db;
  }

  protected async query<Row>(text: string, params: unknown[]): Promise<Row[]> {
    return (await this.db.query<Row>(text, params)).rows;
  }

  protected async execScript(text: string): Promise<void> {
    await this.db.exec(text);
  }
}
