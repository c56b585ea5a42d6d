export * from './telemetry';
export * from './trace-context';
export { SpanKind } from '@opentelemetry/api';
