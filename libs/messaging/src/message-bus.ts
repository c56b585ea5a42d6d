/**
 * The bus port. Two kinds of traffic:
 * - request/reply for commands and queries (`elk.<service>.cmd.<Name>` / `elk.<service>.qry.<Name>`),
 *   served by queue groups so any number of instances share the load;
 * - durable integration events (JetStream stream `ELK_EVENTS`, subjects `elk.evt.<service>.<EventType>`,
 *   deduplicated by eventId), read by durable consumers with explicit ack.
 * Adapters: NATS and in-process; one contract suite for both.
 */

/** Message headers. Trace context (traceparent/tracestate) travels here. */
export type MessageHeaders = Record<string, string>;

export interface RequestOptions {
  timeoutMs?: number;
  headers?: MessageHeaders;
}

export interface IncomingRequest<T = unknown> {
  subject: string;
  data: T;
  headers: MessageHeaders;
}

/** A handler's reply. Throwing a BusError-compatible error sends it back to the requester as a typed error. */
export type RequestHandler<T = unknown, R = unknown> = (request: IncomingRequest<T>) => Promise<R>;

export interface ServeOptions {
  /** Queue group; instances in the same group share requests. Defaults to the subject. */
  queue?: string;
}

export interface IntegrationEvent<T = unknown> {
  /** Becomes Nats-Msg-Id: publishing the same eventId twice stores it once. */
  eventId: string;
  /** `elk.evt.<service>.<EventType>` */
  subject: string;
  data: T;
  headers?: MessageHeaders;
}

export interface DeliveredEvent<T = unknown> extends IntegrationEvent<T> {
  /** Stream sequence: increases by one per stored event. */
  sequence: number;
  /** How many times this message has been delivered (1 on first delivery). */
  deliveryCount: number;
}

export interface ConsumeOptions {
  /** Durable consumer name: progress is kept under it across restarts. */
  durable: string;
  /** Subject filter, e.g. `elk.evt.organisation.>` (one filter: the server here is NATS 2.9). */
  filterSubject: string;
  /** A handler that throws gets the message redelivered later; one that returns acks it. */
  handler: (event: DeliveredEvent) => Promise<void>;
  /** Redelivery delay after a failure or an unacked message. */
  ackWaitMs?: number;
  maxDeliver?: number;
}

export interface Closeable {
  close(): Promise<void>;
}

export interface MessageBus {
  request<R = unknown, T = unknown>(subject: string, data: T, options?: RequestOptions): Promise<R>;
  serve<T = unknown, R = unknown>(subject: string, handler: RequestHandler<T, R>, options?: ServeOptions): Promise<Closeable>;
  publishEvent(event: IntegrationEvent): Promise<{ sequence: number; duplicate: boolean }>;
  consumeEvents(options: ConsumeOptions): Promise<Closeable>;
  close(): Promise<void>;
}

/** Nobody answered in time (or nobody serves the subject). */
export class BusTimeoutError extends Error {
  override readonly name = 'BusTimeoutError';
  constructor(readonly subject: string, readonly timeoutMs: number) {
    super(`No reply on ${subject} within ${timeoutMs} ms`);
  }
}

/**
 * An error raised by the remote handler, carried back to the requester. `code` and `details` survive the
 * trip so that the gateway can map domain errors to HTTP statuses.
 */
export class RemoteError extends Error {
  override readonly name = 'RemoteError';
  constructor(
    readonly subject: string,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
