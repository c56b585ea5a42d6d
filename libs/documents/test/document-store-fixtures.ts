import type { PGlite } from '@electric-sql/pglite';
import { createEventStore, type EventStore } from '@elk/eventstore';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { PgliteDocumentStore, PostgresDocumentStore, pgliteDocumentExtensions, type DocumentStore } from '../src';

export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** One test's database: a document store (and an event store beside it) in schemas made for it alone. */
export interface TestDatabase {
  documentStore: DocumentStore;
  schema: string;
  /** Opens another event store on the same database and schema. */
  openEventStore(): Promise<EventStore>;
  query<R>(text: string, values?: unknown[]): Promise<R[]>;
  /** The plan of a statement with sequential scans off: shows whether an index can serve it at all, whatever the table size. */
  explainWithoutSeqScan(text: string, values?: unknown[]): Promise<string>;
}

const planText = (rows: Array<{ 'QUERY PLAN': string }>) => rows.map((row) => row['QUERY PLAN']).join('\n');

export interface AdapterFixture {
  readonly name: string;
  /** Starts the database server or engine the fixture uses (slow for PGlite: call in beforeAll). */
  start(): Promise<void>;
  /** A fresh database for the next test; dropped by `afterEach`. */
  open(): Promise<TestDatabase>;
  afterEach(): Promise<void>;
  close(): Promise<void>;
}

const freshSchema = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

export function postgresFixture(): AdapterFixture {
  let pool: Pool | null = null;
  let schemas: string[] = [];
  let eventStores: EventStore[] = [];
  return {
    name: 'PostgreSQL',
    async start() {
      pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 10 });
    },
    async open() {
      if (!pool) throw new Error('start() first');
      const current = pool;
      const schema = freshSchema('documents_test');
      const eventSchema = `${schema}_events`;
      schemas.push(schema, eventSchema);
      return {
        schema,
        documentStore: new PostgresDocumentStore({ pool: current, schema }),
        async openEventStore() {
          const store = await createEventStore({ kind: 'postgres', connection: current, schema: eventSchema, pollIntervalMs: 50 });
          eventStores.push(store);
          return store;
        },
        query: async (text, values) => (await current.query(text, values)).rows,
        async explainWithoutSeqScan(text, values) {
          const client = await current.connect();
          try {
            await client.query('BEGIN');
            await client.query('SET LOCAL enable_seqscan = off');
            return planText((await client.query(`EXPLAIN ${text}`, values)).rows);
          } finally {
            await client.query('ROLLBACK');
            client.release();
          }
        },
      };
    },
    async afterEach() {
      await Promise.all(eventStores.map((store) => store.close()));
      for (const schema of schemas) await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      eventStores = [];
      schemas = [];
    },
    async close() {
      await pool?.end();
    },
  };
}

export function pgliteFixture(): AdapterFixture {
  // One PGlite per test file, loaded from the run's initdb'd template (libs/testing's pglite-template.ts sets the
  // variable in the integration project's global setup): a new instance takes seconds, a new schema milliseconds.
  let pglite: Promise<PGlite> | null = null;
  let schemas: string[] = [];
  let eventStores: EventStore[] = [];
  return {
    name: 'PGlite',
    async start() {
      const template = new Blob([readFileSync(process.env['ELK_PGLITE_TEMPLATE_DUMP']!)]);
      pglite = import('@electric-sql/pglite').then(async ({ PGlite }) => PGlite.create({ loadDataDir: template, extensions: await pgliteDocumentExtensions() }));
      await pglite;
    },
    async open() {
      if (!pglite) throw new Error('start() first');
      const current = await pglite;
      const schema = freshSchema('documents_test');
      const eventSchema = `${schema}_events`;
      schemas.push(schema, eventSchema);
      return {
        schema,
        documentStore: new PgliteDocumentStore({ db: current, schema }),
        async openEventStore() {
          const store = await createEventStore({ kind: 'pglite', db: current, schema: eventSchema });
          eventStores.push(store);
          return store;
        },
        query: async <R>(text: string, values?: unknown[]) => (await current.query<R>(text, values)).rows,
        explainWithoutSeqScan: (text, values) =>
          current.transaction(async (tx) => {
            await tx.exec('SET LOCAL enable_seqscan = off');
            const plan = planText((await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, values)).rows);
            await tx.rollback();
            return plan;
          }),
      };
    },
    async afterEach() {
      await Promise.all(eventStores.map((store) => store.close()));
      for (const schema of schemas) await (await pglite)?.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      eventStores = [];
      schemas = [];
    },
    async close() {
      await (await pglite)?.close();
    },
  };
}
