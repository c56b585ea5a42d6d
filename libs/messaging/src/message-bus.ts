/**
 * The bus port. Two kinds of traffic:
 * - request/reply for commands and queries (`elk.<service>.cmd.<Name>` / `elk.<service>.qry.<Name>`),
 *   served by queue groups so any number of instances share the load;
 * - durable integration events (JetStream stream `ELK_EVENTS`, subjects `elk.evt.<service>.<EventType>`,
 *   deduplicated by eventId), read by durable consumers with explicit ack;
 * - broadcasts (`elk.<service>.note.<Name>`): fire and forget, to every listener connected now, kept nowhere
 *   (a cache told to forget something; whoever misses one must not depend on it).
 * Adapters: NATS and in-process; one contract suite for both.
 */

/** Message headers. Trace context (traceparent/tracestate) travels here. */
export type MessageHeaders = Record<string, string>;

/** Request timeout when a request names none. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
/** Consumer `ackWaitMs` when none is given. */
export const DEFAULT_ACK_WAIT_MS = 10_000;

export interface RequestOptions {
  /** Defaults to the bus's request timeout ({@link DEFAULT_REQUEST_TIMEOUT_MS} unless configured). */
  timeoutMs?: number;
  headers?: MessageHeaders;
}

export interface IncomingRequest<T = unknown> {
  subject: string;
  data: T;
  headers: MessageHeaders;
}

/**
 * A handler's reply, carried as JSON. An error with a string `code` (and optional `details`) thrown by the
 * handler reaches the requester as a {@link RemoteError} with the same code, message and details; any other
 * error arrives as code `INTERNAL` with a generic message (the original stays in the handler's span).
 */
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
  /** The headers it was published with, trace context included (transport headers such as `Nats-*` removed). */
  headers: MessageHeaders;
  /** Stream sequence: increases by one per stored event. */
  sequence: number;
  /** How many times this message has been delivered (1 on first delivery). */
  deliveryCount: number;
}

/**
 * A durable consumer gets every event of its filter once it is handled successfully (at least once), one at a
 * time and in stream order: a failing event is retried after `ackWaitMs` and holds back the events after it,
 * until it succeeds or `maxDeliver` deliveries are spent (then it is skipped). Make effects idempotent by
 * eventId (see `ProcessedEventGuard`): an event can come again after a crash or a close before its ack.
 */
export interface ConsumeOptions {
  /** Durable consumer name: progress is kept under it across restarts. */
  durable: string;
  /** Subject filter, e.g. `elk.evt.organisation.>` (one filter: the server here is NATS 2.9). */
  filterSubject: string;
  /** A handler that throws gets the message redelivered later; one that returns acks it. */
  handler: (event: DeliveredEvent) => Promise<void>;
  /** Redelivery delay after a failure or an unacked message (default {@link DEFAULT_ACK_WAIT_MS}). */
  ackWaitMs?: number;
  /** Deliveries of one event before it is given up; unlimited by default. */
  maxDeliver?: number;
}

/** Hears a broadcast: its data and the subject it came on. Runs apart from the broadcaster; what it throws is only logged. */
export type BroadcastListener = (data: unknown, subject: string) => void;

export interface Closeable {
  /**
   * Stops taking messages. A served subject finishes the requests it has taken and answers them; a consumer
   * stops at once and does not ack an event whose handler is still running (it is redelivered later).
   */
  close(): Promise<void>;
}

export interface MessageBus {
  request<R = unknown, T = unknown>(subject: string, data: T, options?: RequestOptions): Promise<R>;
  serve<T = unknown, R = unknown>(subject: string, handler: RequestHandler<T, R>, options?: ServeOptions): Promise<Closeable>;
  publishEvent(event: IntegrationEvent): Promise<{ sequence: number; duplicate: boolean }>;
  consumeEvents(options: ConsumeOptions): Promise<Closeable>;
  /** Sends `data` to every listener of the subject connected now: at most once, no reply, not stored. */
  broadcast(subject: string, data: unknown): Promise<void>;
  /** Hears the broadcasts on subjects matching `subject` (wildcards as in serve) from now on: every listener gets each one. */
  listen(subject: string, listener: BroadcastListener): Promise<Closeable>;
  close(): Promise<void>;
}

/** Nobody answered in time (or nobody serves the subject: see {@link BusNoRespondersError}). */
export class BusTimeoutError extends Error {
  override readonly name: string = 'BusTimeoutError';
  constructor(
    readonly subject: string,
    readonly timeoutMs: number,
    message = `No reply on ${subject} within ${timeoutMs} ms`,
  ) {
    super(message);
  }
}

/** Nobody serves the subject: the request failed at once instead of waiting for its timeout. */
export class BusNoRespondersError extends BusTimeoutError {
  override readonly name: string = 'BusNoRespondersError';
  constructor(subject: string, timeoutMs: number) {
    super(subject, timeoutMs, `No one serves ${subject}`);
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
