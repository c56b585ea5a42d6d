import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresDocumentStore, defineCollection, rebuildProjections, type Projection } from '../src';
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
  it('applies a page to the projections it rebuilds at the same time', async () => {
    const database = await fixture.open();
    const eventStore = await database.openEventStore();
    const ticked = () => ({ eventId: randomUUID(), type: 'Ticked', data: {}, metadata: { organisationId: 'org-1', actor: 'test', correlationId: randomUUID(), causationId: randomUUID() } });
    await eventStore.appendToStream('ticks-1', [ticked(), ticked()]);
    // Each projection's apply reads on until the other's has begun (at most 100 reads): applied one after the other, the
    // first would never see the second begin.
    const begun = [false, false];
    const sawOtherBegin: boolean[] = [];
    const projection = (index: number): Projection => {
      const collection = defineCollection<{ events: number }>(`ticks-${index}.v1`);
      return {
        name: `ticks-${index}.v1`,
        collections: [collection],
        handles: ['Ticked'],
        async apply(events, session) {
          begun[index] = true;
          for (let reads = 0; reads < 100 && !begun[1 - index]; reads++) await session.collection(collection).get('ticks');
          sawOtherBegin[index] = begun[1 - index]!;
          await session.collection(collection).upsert('ticks', { events: events.length });
        },
      };
    };
    const projections = [projection(0), projection(1)];
    expect(await rebuildProjections(eventStore, database.documentStore, projections)).toEqual({ events: 2 });
    expect(sawOtherBegin).toEqual([true, true]);
    for (const { collections } of projections) expect((await database.documentStore.collection(collections[0]!).get('ticks'))?.data).toEqual({ events: 2 });
  });

  it("builds a rebuild's indexes without holding back the event log's readers", async () => {
    const database = await fixture.open();
    const eventStore = await database.openEventStore();
    const ticked = () => ({ eventId: randomUUID(), type: 'Ticked', data: {}, metadata: { organisationId: 'org-1', actor: 'test', correlationId: randomUUID(), causationId: randomUUID() } });
    const counters = defineCollection<{ organisationId: string; count: number }>('indexed-counters.v1', { indexes: [{ fields: ['organisationId', 'count'] }] });
    const rebuild = await database.documentStore.startRebuild([counters]);
    await rebuild.transaction((session) => session.collection(counters).upsert('c1', { organisationId: 'org-1', count: 1 }));
    // A transaction of the same database that holds a snapshot (no transaction id): a concurrent index build waits for
    // it before it ends, which keeps the build running while the log is read.
    const reader = new Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
    const snapshotHolder = await reader.connect();
    try {
      await snapshotHolder.query('BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 1');
      let built = false;
      const building = rebuild.createIndexes().then(() => void (built = true));
      // The log's live reader delivers the event once no transaction id below it runs on the server. The concurrent
      // build cannot end before the snapshot above does, so it is still running when the event arrives; a plain build
      // holds its id to its end, and the event arrives only after it.
      let delivered!: () => void;
      const arrived = new Promise<void>((resolve) => (delivered = resolve));
      const subscription = eventStore.subscribeToAll(async (events) => {
        if (events.length > 0) delivered();
      });
      try {
        await eventStore.appendToStream('ticks-1', [ticked()]);
        await arrived;
        expect(built).toBe(false);
      } finally {
        await subscription.stop();
      }

      await snapshotHolder.query('COMMIT');
      await building;
      await rebuild.switchOver(async () => undefined);
      expect((await database.documentStore.collection(counters).find({ where: { organisationId: 'org-1' } })).items.map((item) => item.id)).toEqual(['c1']);
      const { rows: indexes } = await reader.query<{ name: string; valid: boolean }>(
        `SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname LIKE 'indexed-counters.v1%'`,
        [database.schema],
      );
      expect(indexes.filter((index) => index.name !== 'indexed-counters.v1_pkey')).toEqual([expect.objectContaining({ valid: true })]);
    } finally {
      snapshotHolder.release();
      await reader.end();
    }
  });

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
