import type { Extension, Extensions } from '@electric-sql/pglite';
import { SqlDocumentStore, SqlExecutor } from './sql-document-store';

// A variable: TypeScript's `moduleResolution: node10` does not see the package's `./contrib/*` export.
const PG_TRGM_MODULE = '@electric-sql/pglite/contrib/pg_trgm';

/**
 * The extensions a PGlite needs for the document store (pg_trgm, for collections with `indexSearchFields`); PGlite
 * loads an extension only when created with it: `PGlite.create(dir, { extensions: await pgliteDocumentExtensions() })`.
 */
export async function pgliteDocumentExtensions(): Promise<Extensions> {
  const { pg_trgm } = (await import(PG_TRGM_MODULE)) as { pg_trgm: Extension };
  return { pg_trgm };
}

/** What the store needs of the embedded database: a PGlite, or embedded ELK's thread that runs one. */
export interface PgliteDatabase extends PgliteQueryable {
  transaction<R>(fn: (tx: PgliteQueryable) => Promise<R>): Promise<R>;
}

interface PgliteQueryable {
  query<R>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
  /**
   * Runs a transaction's last statement and commits with it, where that saves an exchange (embedded ELK's database
   * thread: the transaction holds PGlite one exchange less); a PGlite itself commits when the callback resolves.
   */
  queryAndCommit?<R>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface PgliteDocumentStoreOptions {
  /** The embedded database, shared with the event store and other libs; stays the caller's to close. */
  db: PgliteDatabase;
  /** Schema holding the collections and projection checkpoints; created when missing. */
  schema: string;
}

/** Read models in embedded PGlite, with the same SQL as PostgresDocumentStore. */
export class PgliteDocumentStore extends SqlDocumentStore {
  protected readonly buildsIndexesConcurrently = false;
  private readonly db: PgliteDatabase;

  constructor(options: PgliteDocumentStoreOptions) {
    super({ query: (text, values) => options.db.query(text, values) }, options.schema);
    this.db = options.db;
  }

  protected runInTransaction<R>(fn: (executor: SqlExecutor) => Promise<R>): Promise<R> {
    // Inside the callback only `tx` may be used: PGlite runs one transaction at a time and `db.query` would wait for it.
    return this.db.transaction((tx) => fn({ query: (text, values, options) => (options?.last && tx.queryAndCommit ? tx.queryAndCommit(text, values) : tx.query(text, values)) }));
  }
}
