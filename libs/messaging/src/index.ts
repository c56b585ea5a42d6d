export * from './message-bus';
export * from './processed-event-guard';
export { NatsMessageBus, natsNamespaceFromEnv, requestTimeoutFromEnv, type NatsMessageBusOptions, type EventStreamOptions } from './nats-message-bus';
export { InProcessBroker, InProcessMessageBus, type InProcessMessageBusOptions } from './in-process-message-bus';
export { createMessageBus, type MessageBusConfig } from './create-message-bus';
