export * from './document-store';
export * from './sql-document-store';
export * from './postgres-document-store';
export * from './pglite-document-store';
export * from './projection';
export * from './checkpoint-lock';
export * from './projection-runner';
export * from './projection-rebuild';
