export * from './bus-handlers';
export * from './command-handler';
export * from './config';
export * from './infrastructure.factory';
export * from './infrastructure.module';
export * from './logger';
export * from './run-service';
