import { PGlite } from '@electric-sql/pglite';
import { PgliteDocumentStore, PostgresDocumentStore, type DocumentStore } from '@elk/documents';
import { PGLITE_TEMPLATE_DUMP_ENV } from '@elk/testing';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Opens document stores on one database, each test in a schema of its own. */
export interface DocumentStoreFixture {
  /** A store on a fresh, empty schema. */
  freshStore(): DocumentStore;
  /** Another store on the schema of `freshStore`'s last result, as a second service instance would open it. */
  sameSchemaStore(): DocumentStore;
  /** Drops this test's schema. */
  afterEach(): Promise<void>;
  close(): Promise<void>;
}

const freshSchemaName = () => `notifications_test_${randomBytes(6).toString('hex')}`;

export type DocumentsAdapter = 'postgres' | 'pglite';

/** Declares `suite` once per documents adapter asked for (each with its own fixture). */
export function describeEachDocumentStore(
  title: string,
  suite: (fixture: DocumentStoreFixture) => void,
  adapters: readonly DocumentsAdapter[] = ['postgres', 'pglite'],
): void {
  if (adapters.includes('postgres')) describe(`${title} on PostgreSQL`, () => suite(postgresFixture()));
  if (adapters.includes('pglite')) describe(`${title} on PGlite`, () => suite(pgliteFixture()));
}

function pgliteFixture(): DocumentStoreFixture {
  // One PGlite per test file, loaded from the run's initdb'd template: a new instance takes seconds, a new schema
  // milliseconds.
  let db: PGlite | null = null;
  let schema = '';
  const database = () => (db ??= new PGlite({ loadDataDir: new Blob([readFileSync(process.env[PGLITE_TEMPLATE_DUMP_ENV]!)]) }));
  return {
    freshStore() {
      schema = freshSchemaName();
      return new PgliteDocumentStore({ db: database(), schema });
    },
    sameSchemaStore: () => new PgliteDocumentStore({ db: database(), schema }),
    async afterEach() {
      if (db && schema) await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
    async close() {
      await db?.close();
    },
  };
}

function postgresFixture(): DocumentStoreFixture {
  const pools: Pool[] = [];
  let schema = '';
  const pool = () => {
    const created = new Pool({ connectionString: TEST_DATABASE_URL, max: 3 });
    pools.push(created);
    return created;
  };
  return {
    freshStore() {
      schema = freshSchemaName();
      return new PostgresDocumentStore({ pool: pool(), schema });
    },
    // Its own pool, as another process would have.
    sameSchemaStore: () => new PostgresDocumentStore({ pool: pool(), schema }),
    async afterEach() {
      if (schema && pools[0]) await pools[0].query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await Promise.all(pools.splice(0).map((p) => p.end()));
    },
    async close() {
      await Promise.all(pools.splice(0).map((p) => p.end()));
    },
  };
}
