import { Pool } from 'pg';
import { PostgresDocumentStore, type TransactionOptions } from '../src';
import { TEST_DATABASE_URL } from './document-store-fixtures';

/** Reads, inside a transaction of the store, whether its commit waits for the write-ahead log's flush. */
class CommitProbe extends PostgresDocumentStore {
  synchronousCommit(options?: TransactionOptions): Promise<string> {
    return this.runInTransaction(async (executor) => (await executor.query<{ setting: string }>(`SELECT current_setting('synchronous_commit') AS setting`)).rows[0]!.setting, options);
  }
}

// One connection: every transaction below runs on the same session, so a setting that outlived its transaction would show.
const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
const probe = new CommitProbe({ pool, schema: 'documents_commit_probe' });
afterAll(() => pool.end());

describe('PostgresDocumentStore commits', () => {
  it('does not wait for the log flush in a redoable transaction, and only in that transaction', async () => {
    // The test database may be set not to wait (PGOPTIONS, jest.config.js): the session waits, as a production server does.
    await pool.query('SET synchronous_commit TO on');
    expect(await probe.synchronousCommit()).toBe('on');
    expect(await probe.synchronousCommit({ redoable: true })).toBe('off');
    expect(await probe.synchronousCommit()).toBe('on');
  });
});
