export * from './decider-spec';
export * from './fake-handler';
export * from './test-infrastructure';
export * from './test-pglite';
