import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PgliteDocumentStore, PostgresDocumentStore } from '@elk/documents';
import { createEventStore } from '@elk/eventstore';
import { InProcessBroker, InProcessMessageBus, NatsMessageBus } from '@elk/messaging';
import { Pool } from 'pg';
import { lockDataDir } from './data-dir-lock';
import { defaultTemplateDir, openEmbeddedDatabase } from './embedded-database';
import type { Infrastructure } from './infrastructure.module';
import type { Logger } from './logger';

/** Schemas of the event store and of the read models, the same in both run modes. */
export const EVENTS_SCHEMA = 'elk_events';
export const DOCUMENTS_SCHEMA = 'elk_documents';

export type InfrastructureConfig =
  | {
      mode: 'embedded';
      dataDir: string;
      logger: Logger;
      /** Called if the database's thread dies: nothing can be stored or read any more (embedded.ts stops ELK). */
      onDatabaseLost?: (error: Error) => void;
    }
  | { mode: 'distributed'; serviceName: string; databaseUrl: string; natsUrl: string; natsNamespace?: string; requestTimeoutMs?: number; logger: Logger; poolSize?: number };

export interface OwnedInfrastructure extends Infrastructure {
  /** Closes the bus, the stores and the database, in that order. */
  close(): Promise<void>;
}

/**
 * The infrastructure of a run mode. Embedded: one PGlite under `dataDir` (kept across restarts), in a thread of its
 * own, for the events and the read models, and the in-process bus. Distributed: a PostgreSQL pool and NATS.
 */
export async function createInfrastructure(config: InfrastructureConfig): Promise<OwnedInfrastructure> {
  if (config.mode === 'embedded') {
    mkdirSync(config.dataDir, { recursive: true });
    const unlock = lockDataDir(config.dataDir);
    const db = await openEmbeddedDatabase(join(config.dataDir, 'pglite'), { templateDir: defaultTemplateDir(), logger: config.logger });
    void db.lost.then((error) => {
      config.logger.error({ errorMessage: error.message }, 'the embedded database stopped: nothing can be stored or read any more');
      config.onDatabaseLost?.(error);
    });
    const eventStore = await createEventStore({ kind: 'pglite', db, schema: EVENTS_SCHEMA });
    const bus = new InProcessMessageBus({ broker: new InProcessBroker() });
    return {
      mode: 'embedded',
      eventStore,
      documentStore: new PgliteDocumentStore({ db, schema: DOCUMENTS_SCHEMA }),
      bus,
      logger: config.logger,
      close: async () => {
        await bus.close();
        await eventStore.close();
        await db.close();
        unlock();
      },
    };
  }

  const pool = new Pool({ connectionString: config.databaseUrl, max: config.poolSize ?? 10 });
  // An idle client that loses its connection is dropped by the pool; the next query opens another.
  pool.on('error', (error) => config.logger.warn({ errorMessage: error.message }, 'PostgreSQL connection lost'));
  try {
    const eventStore = await createEventStore({ kind: 'postgres', connection: pool, schema: EVENTS_SCHEMA });
    const bus = await NatsMessageBus.connect({ url: config.natsUrl, name: config.serviceName, namespace: config.natsNamespace, requestTimeoutMs: config.requestTimeoutMs });
    return {
      mode: 'distributed',
      eventStore,
      documentStore: new PostgresDocumentStore({ pool, schema: DOCUMENTS_SCHEMA }),
      bus,
      logger: config.logger,
      close: async () => {
        await bus.close();
        await eventStore.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
