import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { jsonbArrayParam, namedStatement } from '@elk/eventstore';
import { SqlDocumentStore, SqlExecutor } from './sql-document-store';
import type { TransactionOptions } from './document-store';

function executorOf(queryable: Pool | PoolClient): SqlExecutor {
  return {
    query: <R>(text: string, values: unknown[] = [], options?: { prepared?: boolean }) =>
      options?.prepared ? queryable.query<R & QueryResultRow>(namedStatement(text, values)) : queryable.query<R & QueryResultRow>(text, values),
    jsonArrayParam: jsonbArrayParam,
  };
}

export interface PostgresDocumentStoreOptions {
  pool: Pool;
  /** PostgreSQL schema holding the collections and projection checkpoints; created when missing. */
  schema: string;
}

/** Read models as JSONB rows in PostgreSQL, one table per collection. The pool stays the caller's to end. */
export class PostgresDocumentStore extends SqlDocumentStore {
  protected readonly buildsIndexesConcurrently = true;
  private readonly pool: Pool;

  constructor(options: PostgresDocumentStoreOptions) {
    super(executorOf(options.pool), options.schema);
    this.pool = options.pool;
  }

  protected async runInTransaction<R>(fn: (executor: SqlExecutor) => Promise<R>, options: TransactionOptions = {}): Promise<R> {
    const client = await this.pool.connect();
    try {
      // The setting in the same round trip as BEGIN; LOCAL: it ends with the transaction.
      await client.query(options.redoable ? 'BEGIN; SET LOCAL synchronous_commit TO off' : 'BEGIN');
      const result = await fn(executorOf(client));
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
        client.release();
      } catch (rollbackError) {
        // The connection is in an unknown state: destroy it rather than return it to the pool.
        client.release(rollbackError as Error);
      }
      throw error;
    }
  }
}
