import { type Attributes, SpanKind } from '@opentelemetry/api';
import { extractTraceContext, injectTraceHeaders, withSpan } from '@elk/telemetry';
import type { MessageHeaders } from './message-bus';

// Messaging semantic conventions (still "incubating" in @opentelemetry/semantic-conventions, so spelled here).
const ATTR_MESSAGING_SYSTEM = 'messaging.system';
const ATTR_MESSAGING_DESTINATION_NAME = 'messaging.destination.name';
const ATTR_MESSAGING_OPERATION_NAME = 'messaging.operation.name';
const ATTR_MESSAGING_OPERATION_TYPE = 'messaging.operation.type';
export const ATTR_MESSAGING_CONSUMER_GROUP_NAME = 'messaging.consumer.group.name';
export const ATTR_MESSAGING_MESSAGE_ID = 'messaging.message.id';

export type BusSystem = 'nats' | 'in-process';

export interface OutgoingMessage {
  system: BusSystem;
  kind: SpanKind.CLIENT | SpanKind.PRODUCER;
  operation: 'request' | 'publish';
  subject: string;
  headers?: MessageHeaders;
  attributes?: Attributes;
}

export interface IncomingMessage {
  system: BusSystem;
  kind: SpanKind.SERVER | SpanKind.CONSUMER;
  subject: string;
  headers: MessageHeaders;
  attributes?: Attributes;
}

/** Runs `send` in a CLIENT/PRODUCER span and hands it the caller's headers plus that span's trace context. */
export function traceOutgoing<T>(message: OutgoingMessage, send: (headers: MessageHeaders) => Promise<T>): Promise<T> {
  return withSpan(
    `${message.operation} ${message.subject}`,
    message.kind,
    () => send(injectTraceHeaders({ ...message.headers })),
    { attributes: { ...baseAttributes(message.system, message.subject, message.operation, 'send'), ...message.attributes } },
  );
}

/** Runs `handle` in a SERVER/CONSUMER span whose parent is the trace context the message carries. */
export function traceIncoming<T>(message: IncomingMessage, handle: () => Promise<T>): Promise<T> {
  return withSpan(`process ${message.subject}`, message.kind, handle, {
    parentContext: extractTraceContext(message.headers),
    attributes: { ...baseAttributes(message.system, message.subject, 'process', 'process'), ...message.attributes },
  });
}

function baseAttributes(system: BusSystem, subject: string, operation: string, operationType: string): Attributes {
  return {
    [ATTR_MESSAGING_SYSTEM]: system,
    [ATTR_MESSAGING_DESTINATION_NAME]: subject,
    [ATTR_MESSAGING_OPERATION_NAME]: operation,
    [ATTR_MESSAGING_OPERATION_TYPE]: operationType,
  };
}
