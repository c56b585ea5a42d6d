import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** A result as the stores read it: the rows (PGlite's type parsing, done in the database's thread). */
export interface EmbeddedQueryResult<Row> {
  rows: Row[];
  affectedRows?: number;
}

export interface EmbeddedExecutor {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<EmbeddedQueryResult<Row>>;
  exec(text: string): Promise<EmbeddedQueryResult<Record<string, unknown>>[]>;
}

/** What runs in one of the thread's transactions. */
export interface EmbeddedTransaction extends EmbeddedExecutor {
  /**
   * Runs the transaction's last statement and commits it in the same exchange with the thread (or rolls back if the
   * statement fails): the transaction then ends, and any statement sent in it afterwards fails.
   */
  queryAndCommit<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<EmbeddedQueryResult<Row>>;
}

export interface EmbeddedDatabaseThreadOptions {
  /** A PostgreSQL cluster directory (embedded-database.ts copies the template into a new one first). */
  dir: string;
  /** `-c name=value` pairs appended to PGlite's default start parameters. */
  startParams: readonly string[];
  /** Loads pg_trgm, which the document store's search indexes need. */
  pgTrgm: boolean;
  /** At most this many statements stay prepared in PostgreSQL, the least recently used closed first (default 200). */
  maxPreparedStatements?: number;
}

const MAX_PREPARED_STATEMENTS = 200;

interface Pending {
  resolve: (result: never) => void;
  reject: (error: Error) => void;
}

/** An error of the database as its thread reported it: PostgreSQL's fields (code, constraint, detail…) kept. */
export class EmbeddedDatabaseError extends Error {
  constructor(fields: Record<string, unknown> & { message: string }) {
    super(fields.message);
    Object.assign(this, fields);
    this.name = typeof fields['name'] === 'string' ? fields['name'] : 'EmbeddedDatabaseError';
  }
}

/**
 * The embedded PGlite in a worker thread of its own (embedded-database.worker.cjs). PGlite runs each statement
 * synchronously: on the main thread, its CPU and that of HTTP, the services and the projections added up on one core
 * while the other idled. Here the main thread only posts a statement and awaits its rows, and carries on meanwhile.
 * Statements run in the order they are sent; a transaction's, sent with its id, run inside it, and other statements
 * wait for its end in PGlite, as they would on the main thread. A `query`'s text is prepared once and then run by name
 * (the worker's PreparedStatements); an `exec`'s script runs as it is.
 */
export class EmbeddedDatabaseThread implements EmbeddedExecutor {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private nextTxId = 0;
  private failure: Error | null = null;
  private closing = false;
  private reportLoss!: (error: Error) => void;
  /** Resolves if the thread dies while open (not on close): from then on every statement fails, so the owner stops. */
  readonly lost = new Promise<Error>((resolve) => (this.reportLoss = resolve));
  /** The database thread's id under /proc/<pid>/task (Linux; null elsewhere): the benches read its CPU time there. */
  osThreadId: number | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: Record<string, unknown> & { message: string } }) => {
      const pending = this.pending.get(id);
      if (!pending) return;
      this.pending.delete(id);
      if (error) pending.reject(new EmbeddedDatabaseError(error));
      else pending.resolve(result as never);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the embedded database's thread exited (code ${code})`)));
  }

  /** Starts the thread and opens the cluster in it; rejects with PGlite's error when it does not open. */
  static async open(options: EmbeddedDatabaseThreadOptions): Promise<EmbeddedDatabaseThread> {
    // A small young generation: the thread's garbage is each statement's rows, gone once posted, and the default one
    // kept ~50 MB more resident at idle (bench:startup, ELK's median 356 → ~305 MB).
    const thread = new EmbeddedDatabaseThread(
      new Worker(join(__dirname, 'embedded-database.worker.cjs'), { workerData: { maxPreparedStatements: MAX_PREPARED_STATEMENTS, ...options }, resourceLimits: { maxYoungGenerationSizeMb: 4 } }),
    );
    try {
      thread.osThreadId = await thread.send<number | null>('ready', {});
      return thread;
    } catch (error) {
      await thread.worker.terminate();
      throw error;
    }
  }

  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<EmbeddedQueryResult<Row>> {
    return this.send('query', { text, params });
  }

  exec(text: string): Promise<EmbeddedQueryResult<Record<string, unknown>>[]> {
    return this.send('exec', { text });
  }

  /**
   * Runs `fn` in one transaction: committed when it resolves (unless it committed with `queryAndCommit`), rolled back
   * when it throws. BEGIN travels with the transaction's first statement: while a transaction is open PGlite runs
   * nothing else, so every exchange it waits for (each a turn of the main thread's event loop, milliseconds under
   * load) holds up the appends behind it; a transaction without statements sends nothing.
   */
  async transaction<R>(fn: (tx: EmbeddedTransaction) => Promise<R>): Promise<R> {
    const txId = this.nextTxId++;
    // Where the transaction stands in the thread: not begun yet (nothing sent), open, or committed or rolled back.
    let state = 'new' as 'new' | 'open' | 'ended';
    const inTransaction = <T>(op: 'query' | 'exec', message: Record<string, unknown>, commit = false): Promise<T> => {
      if (state === 'ended') return Promise.reject(new Error(`transaction ${txId} has ended`));
      const begin = state === 'new';
      state = commit ? 'ended' : 'open';
      return this.send(op, { ...message, txId, begin, commit });
    };
    let result: R;
    try {
      result = await fn({
        query: (text, params) => inTransaction('query', { text, params }),
        exec: (text) => inTransaction('exec', { text }),
        queryAndCommit: (text, params) => inTransaction('query', { text, params }, true),
      });
    } catch (error) {
      if (state === 'open') await this.send('rollback', { txId });
      state = 'ended';
      throw error;
    }
    const open = state === 'open';
    state = 'ended';
    if (open) await this.send('commit', { txId });
    return result;
  }

  /** Closes PGlite (a clean shutdown of the cluster) and ends the thread. */
  async close(): Promise<void> {
    if (this.failure) return;
    this.closing = true;
    await this.send('close', {});
    this.failure = new Error('the embedded database is closed');
    await this.worker.terminate();
  }

  private send<R>(op: string, message: Record<string, unknown>): Promise<R> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: never) => void, reject });
      this.worker.postMessage({ id, op, ...message });
    });
  }

  private fail(error: Error): void {
    if (!this.failure && !this.closing) this.reportLoss(error);
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
