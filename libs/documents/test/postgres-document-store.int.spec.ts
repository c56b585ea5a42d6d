import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresDocumentStore, defineCollection } from '../src';
import { TEST_DATABASE_URL, postgresFixture } from './document-store-fixtures';
import { documentStoreContract } from './document-store.contract';
import { projectionRunnerContract } from './projection-runner.contract';

const fixture = postgresFixture();
beforeAll(() => fixture.start(), 30_000);
afterEach(() => fixture.afterEach());
afterAll(() => fixture.close());

documentStoreContract(fixture);
projectionRunnerContract(fixture);

describe('PostgresDocumentStore rebuilds', () => {
  it("plans a rebuild's statements for its new tables, never with a generic plan its connection kept from an earlier rebuild", async () => {
    // One connection: the second rebuild runs the statements the first one prepared there, on new tables of the same names.
    const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
    const schema = `rebuild_plans_${randomBytes(6).toString('hex')}`;
    const store = new PostgresDocumentStore({ pool, schema });
    const counters = defineCollection<{ count: number }>('counters.v1');
    try {
      for (let rebuilt = 0; rebuilt < 2; rebuilt++) {
        const rebuild = await store.startRebuild([counters]);
        for (let page = 0; page < 8; page++) {
          await rebuild.transaction(async (session) => {
            const collection = session.collection(counters);
            const ids = Array.from({ length: 20 }, (_, index) => `c${page * 10 + index}`);
            const stored = await collection.getMany(ids);
            await collection.upsertMany(ids.map((id) => ({ id, data: { count: (stored.get(id)?.data.count ?? 0) + 1 } })));
          });
        }
        await rebuild.createIndexes();
        await rebuild.switchOver(async () => undefined);
      }
      const { rows } = await pool.query<{ statement: string; generic_plans: string }>(
        `SELECT statement, generic_plans FROM pg_prepared_statements WHERE statement LIKE '%"rebuild_%'`,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((row) => Number(row.generic_plans) > 0)).toEqual([]);
      expect((await store.collection(counters).get('c10'))?.data.count).toBe(2);
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    }
  });
});
