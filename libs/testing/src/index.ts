export * from './decider-spec';
export * from './fake-handler';
export * from './integration-events-probe';
export * from './test-infrastructure';
export * from './test-pglite';
