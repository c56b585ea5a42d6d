export * from './bus-handlers';
export * from './config';
export * from './infrastructure.module';
export * from './logger';
