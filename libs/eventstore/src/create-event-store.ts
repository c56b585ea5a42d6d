import { PgliteEventStore, type PgliteEventStoreOptions } from './pglite-event-store';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';

export type EventStoreConfig =
  | ({ kind: 'postgres' } & PostgresEventStoreOptions)
  | ({ kind: 'pglite' } & PgliteEventStoreOptions);

/** Creates the adapter the config names and makes sure its schema exists. */
export async function createEventStore(config: EventStoreConfig): Promise<PostgresEventStore | PgliteEventStore> {
  const store = config.kind === 'postgres' ? new PostgresEventStore(config) : new PgliteEventStore(config);
  try {
    await store.ensureSchema();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
