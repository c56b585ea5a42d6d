import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresDocumentStore, defineCollection } from '../src';
import { TEST_DATABASE_URL } from './document-store-fixtures';

const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 3 });
const schema = `checkpoint_lock_${randomBytes(6).toString('hex')}`;
const store = new PostgresDocumentStore({ pool, schema });
const counters = defineCollection<{ count: number }>('counters.v1');
beforeAll(() => store.ensureCollections([counters]));
afterAll(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
});

/** The transaction id (null: none yet) of the one backend holding checkpoint `name`'s lock, seen from another connection. */
async function transactionIdOfHolder(name: string): Promise<string | null> {
  const { rows } = await pool.query<{ xid: string | null }>(
    `SELECT activity.backend_xid::text AS xid FROM pg_locks AS lock JOIN pg_stat_activity AS activity USING (pid)
     WHERE lock.locktype = 'advisory' AND lock.granted AND lock.objsubid = 1
       AND ((lock.classid::bigint << 32) | lock.objid::bigint) = hashtextextended($1, 0)`,
    [`elk.checkpoint:${schema}:${name}`],
  );
  expect(rows).toHaveLength(1);
  return rows[0]!.xid;
}

describe('PostgresDocumentStore checkpoint locks', () => {
  // A transaction id held keeps the log's no-skip readers from every later append until it ends (decision 0020).
  it('holds checkpoint locks without a transaction id, which the transaction takes at its first write', async () => {
    await store.transaction(async (session) => {
      await session.lockCheckpoints(['b.v1', 'a.v1']);
      expect(await transactionIdOfHolder('a.v1')).toBeNull();
      expect(await transactionIdOfHolder('b.v1')).toBeNull();
      await session.saveCheckpoints(new Map([['a.v1', { transactionId: 7n, globalPosition: 3n }]]));
      expect(await transactionIdOfHolder('a.v1')).not.toBeNull();
    });
    expect(await store.getCheckpoint('a.v1')).toEqual({ transactionId: 7n, globalPosition: 3n });
    expect(await store.getCheckpoint('b.v1')).toBeNull();
  });

  it('takes no transaction id for the writes a transaction with writesLast holds, until its work is done', async () => {
    await store.transaction(
      async (session) => {
        await session.lockCheckpoints(['c.v1']);
        await session.collection(counters).upsertMany([{ id: 'c1', data: { count: 1 } }]);
        await session.saveCheckpoints(new Map([['c.v1', { transactionId: 8n, globalPosition: 4n }]]));
        expect(await transactionIdOfHolder('c.v1')).toBeNull();
      },
      { writesLast: true },
    );
    expect((await store.collection(counters).get('c1'))?.data).toEqual({ count: 1 });
    expect(await store.getCheckpoint('c.v1')).toEqual({ transactionId: 8n, globalPosition: 4n });
  });
});
