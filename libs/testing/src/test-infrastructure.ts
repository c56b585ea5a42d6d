import { randomBytes } from 'node:crypto';
import { PgliteDocumentStore, PostgresDocumentStore } from '@elk/documents';
import { createEventStore } from '@elk/eventstore';
import { InProcessBroker, InProcessMessageBus, NatsMessageBus } from '@elk/messaging';
import type { Infrastructure, Logger, RunMode } from '@elk/service-kit';
import { Pool } from 'pg';
import pino from 'pino';
import { openTestPglite, type TestPglite } from './test-pglite';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/**
 * NATS subjects and event stream of this jest worker's own (see NatsMessageBusOptions.namespace): test files running
 * at once in other workers start services of the same names, which would otherwise take this file's requests and
 * events. Files of one worker run one after another, as all files did before.
 */
export const TEST_NATS_NAMESPACE = `test${process.env.JEST_WORKER_ID ?? '0'}`;

export interface CapturedLogs {
  logger: Logger;
  /** Everything logged so far, to search for what must not be there. */
  text(): string;
  entries(): Array<Record<string, unknown> & { msg?: string }>;
}

/** A logger that writes to memory, without redaction, so that a test sees what the code itself logs. */
export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, text: () => lines.join(''), entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

export interface TestInfrastructure extends Infrastructure {
  logs: CapturedLogs;
}

/**
 * The infrastructure of one run mode for a test file: embedded is PGlite (one per file) and an in-process
 * bus, distributed is PostgreSQL and NATS on loopback. Each `open` gets schemas of its own and a new bus.
 */
export interface InfrastructureFixture {
  readonly mode: RunMode;
  /** Starts the database (seconds for PGlite): call it in beforeAll with a long enough timeout. */
  start(): Promise<void>;
  open(): Promise<TestInfrastructure>;
  /** Closes what `open` made and drops its schemas (afterEach, once the services on it are closed). */
  cleanup(): Promise<void>;
  /** afterAll. */
  close(): Promise<void>;
}

export function infrastructureFixture(mode: RunMode, schemaPrefix: string): InfrastructureFixture {
  let pglite: Promise<TestPglite> | undefined;
  let pool: Pool | undefined;
  const opened: Infrastructure[] = [];
  const schemas: string[] = [];

  const dropSchema = async (schema: string) => {
    const sql = `DROP SCHEMA IF EXISTS "${schema}" CASCADE`;
    if (pool) await pool.query(sql);
    else await (await pglite)?.db.exec(sql);
  };

  return {
    mode,
    async start() {
      if (mode === 'embedded') await (pglite ??= openTestPglite());
    },
    async open() {
      const schema = `${schemaPrefix}_${randomBytes(6).toString('hex')}`;
      schemas.push(`${schema}_events`, `${schema}_documents`);
      const logs = captureLogs();
      let infrastructure: TestInfrastructure;
      if (mode === 'embedded') {
        const { db } = await (pglite ??= openTestPglite());
        infrastructure = {
          mode,
          eventStore: await createEventStore({ kind: 'pglite', db, schema: `${schema}_events`, pollIntervalMs: 50 }),
          documentStore: new PgliteDocumentStore({ db, schema: `${schema}_documents` }),
          bus: new InProcessMessageBus({ broker: new InProcessBroker(), requestTimeoutMs: 5_000 }),
          logger: logs.logger,
          logs,
        };
      } else {
        const current = (pool ??= new Pool({ connectionString: TEST_DATABASE_URL, max: 10 }));
        infrastructure = {
          mode,
          eventStore: await createEventStore({ kind: 'postgres', connection: current, schema: `${schema}_events`, pollIntervalMs: 50 }),
          documentStore: new PostgresDocumentStore({ pool: current, schema: `${schema}_documents` }),
          bus: await NatsMessageBus.connect({ url: TEST_NATS_URL, name: schemaPrefix, requestTimeoutMs: 5_000, namespace: TEST_NATS_NAMESPACE }),
          logger: logs.logger,
          logs,
        };
      }
      opened.push(infrastructure);
      return infrastructure;
    },
    async cleanup() {
      for (const { bus, eventStore } of opened.splice(0)) {
        await bus.close();
        await eventStore.close();
      }
      for (const schema of schemas.splice(0)) await dropSchema(schema);
    },
    async close() {
      await pool?.end();
      await (await pglite)?.close();
    },
  };
}
