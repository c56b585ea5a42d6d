export * from './decider-spec';
export * from './fake-handler';
export * from './integration-events-probe';
export * from './pglite-template';
export * from './remote-failure';
export * from './test-infrastructure';
export * from './test-pglite';
export * from './unique-phone';
