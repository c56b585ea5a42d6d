export * from './event-store';
export { SqlEventStore, DEFAULT_SCHEMA, type SqlEventStoreOptions } from './sql-event-store';
export { PostgresEventStore, namedStatement, type PostgresEventStoreOptions } from './postgres-event-store';
export { jsonbArrayParam } from './jsonb-array';
export { PgliteEventStore, type PgliteEventStoreOptions, type PgliteExecutor } from './pglite-event-store';
export { createEventStore, type EventStoreConfig } from './create-event-store';
