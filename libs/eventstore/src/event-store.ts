/**
 * The EventStore port. Adapters: PostgreSQL (`pg`) and embedded PGlite, sharing one SQL schema.
 *
 * Streams are named `<aggregate>-<organisationId>-<aggregateId>`. A stream's version is the number of
 * events in it: a new stream has version 0, its first event has streamPosition 1.
 *
 * The global log ($all) is ordered by (transactionId, globalPosition); see the architecture page for why
 * a reader must never pass a transaction that might still commit.
 */

/** Trace context travels with every event (W3C traceparent/tracestate). */
export interface EventMetadata {
  organisationId: string;
  /** Account id or device id that caused the change ('system' for seeds and ops scripts). */
  actor: string;
  correlationId: string;
  causationId: string;
  traceparent?: string;
  tracestate?: string;
  [key: string]: unknown;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  eventId: string;
  type: Type;
  /** Schema version of `data` (see libs/contracts); upcasters lift old versions when read. */
  schemaVersion?: number;
  data: Data;
  metadata: EventMetadata;
}

/** Where a global-log reader stands: the last (transactionId, globalPosition) it has processed. */
export interface GlobalCheckpoint {
  transactionId: bigint;
  globalPosition: bigint;
}

export const START_OF_LOG: GlobalCheckpoint = { transactionId: 0n, globalPosition: 0n };

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  eventId: string;
  streamId: string;
  /** 1-based position of the event in its stream. */
  streamPosition: number;
  globalPosition: bigint;
  transactionId: bigint;
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  recordedAt: Date;
}

/**
 * An event as projections read it off the log: without its metadata and recording time, which no read model shows, so
 * a page of them costs less to read (a rebuild reads the whole log).
 */
export type LogEvent<Type extends string = string, Data = unknown> = Omit<RecordedEvent<Type, Data>, 'metadata' | 'recordedAt'>;

/** 'any' skips the check; 'no-stream' requires the stream not to exist; a number is the exact version. */
export type ExpectedVersion = 'any' | 'no-stream' | number;

export interface AppendResult {
  /** The stream's version after the append (pass it as expectedVersion next time). */
  nextExpectedVersion: number;
  /** Global position of the last event of this append. */
  lastGlobalPosition: bigint;
}

/** One stream's part of an appendToStreams call. */
export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  expectedVersion?: ExpectedVersion;
}

/**
 * Forwards (the default): events after version `fromVersion` (default 0: from the first event), oldest first.
 * Backwards: the newest events first. Either way at most `maxCount` of them.
 */
export type ReadStreamOptions = { direction?: 'forwards'; fromVersion?: number; maxCount?: number } | { direction: 'backwards'; maxCount?: number };

/** One stream of a readStreams call, read as readStream reads it with these options. */
export type StreamRead = { streamId: string } & ReadStreamOptions;

/** The most event ids one readEventsById call looks up. */
export const MAX_EVENT_IDS_PER_READ = 500;

export interface ReadStreamResult {
  /** Version of the stream now (0 when it does not exist). */
  version: number;
  events: RecordedEvent[];
}

export interface ReadAllOptions {
  /** Read events strictly after this checkpoint. */
  after?: GlobalCheckpoint;
  maxCount?: number;
  /** Only events of these types (default: every type). */
  eventTypes?: readonly string[];
  /** Leave out each event's metadata and recording time (LogEvent): what projections read. */
  withoutMetadata?: boolean;
}

/**
 * A batch of a subscription, in log order, and the checkpoint through which the log has been seen: the batch's last
 * event, or (for a subscription to some event types) a later event of another type. A subscriber stores `through`
 * and passes it back as `from`. A subscription to some event types may call with no events, only to move `through`
 * past events of other types.
 */
export type EventBatchHandler<Event extends LogEvent = RecordedEvent> = (events: Event[], through: GlobalCheckpoint) => Promise<void>;

export interface SubscribeOptions {
  /** Checkpoint the subscriber stored; events strictly after it are delivered. */
  from?: GlobalCheckpoint;
  batchSize?: number;
  /**
   * Only events of these types (default: every type): read with the filter in SQL, and woken only by appends of these
   * types (or of types unknown to the notification), the poll timer aside.
   */
  eventTypes?: readonly string[];
  /**
   * Deliver the events without their metadata and recording time (LogEvent), as projections read them: the log is then
   * read without them unless another subscription of the store wants them (the reads are shared).
   */
  withoutMetadata?: boolean;
  /** Called with a failure the subscription cannot recover from; the subscription stops. */
  onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Resolves once the subscription has caught up with the log as it was when it started. */
  readonly caughtUp: Promise<void>;
  /**
   * Reads the log again soon, as after an append of its types: for a subscriber that needs to have passed a checkpoint
   * (a subscription to some types is not woken by appends of others, only by its poll timer).
   */
  readNow(): void;
  /** Stops delivering; resolves after the batch in flight (if any) has been handled, so never await it inside the handler. */
  stop(): Promise<void>;
}

export interface EventStore {
  /** appendToStreams with one stream. */
  appendToStream(streamId: string, events: NewEvent[], options?: { expectedVersion?: ExpectedVersion }): Promise<AppendResult>;
  /**
   * Appends to several streams in one transaction, all or nothing; a result per stream, in the order given. Each
   * stream is checked against its own expected version (WrongExpectedVersionError names the first that failed), a
   * stream given no events is only checked. The events take global positions in the order given and share one
   * transaction id, so global-log readers see them together.
   *
   * Event ids are unique across the store. A call whose event ids are all stored already, each in the stream it
   * names here, is a retry: it writes nothing and returns the original results (a stream given no events answers
   * its current head). Any other call that uses a stored id, or an id twice, throws DuplicateEventIdError; a
   * stream named twice throws a RangeError.
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<ReadStreamResult>;
  /**
   * Several streams in one statement (one snapshot), each as readStream reads it with its own options: a result per
   * read, in the order given.
   */
  readStreams(reads: readonly StreamRead[]): Promise<ReadStreamResult[]>;
  /** The stored events among these ids (at most MAX_EVENT_IDS_PER_READ), of any stream, in log order; unknown ids are left out. */
  readEventsById(eventIds: readonly string[]): Promise<RecordedEvent[]>;
  readAll(options: ReadAllOptions & { withoutMetadata: true }): Promise<LogEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The highest global position stored, 0n for an empty log: how far the log reaches, for progress reports. */
  lastGlobalPosition(): Promise<bigint>;
  /**
   * Catch-up then live subscription to the global log. Batches are handed to `handler` one at a time, in
   * log order; each event exactly once as long as the subscriber stores the `through` checkpoint of each batch
   * it handled and passes it back as `from` after a restart.
   */
  subscribeToAll(handler: EventBatchHandler<LogEvent>, options: SubscribeOptions & { withoutMetadata: true }): Subscription;
  subscribeToAll(handler: EventBatchHandler, options?: SubscribeOptions): Subscription;
  close(): Promise<void>;
}

export function checkpointOf(event: Pick<RecordedEvent, 'transactionId' | 'globalPosition'>): GlobalCheckpoint {
  return { transactionId: event.transactionId, globalPosition: event.globalPosition };
}

/** Orders checkpoints as the global log does: by transaction id, then position. */
export function compareCheckpoints(a: GlobalCheckpoint, b: GlobalCheckpoint): number {
  if (a.transactionId !== b.transactionId) return a.transactionId < b.transactionId ? -1 : 1;
  if (a.globalPosition !== b.globalPosition) return a.globalPosition < b.globalPosition ? -1 : 1;
  return 0;
}

/** Thrown when the stream's version is not the expected one. */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Stream ${streamId}: expected version ${String(expected)}, actual ${actual}`);
  }
}

/**
 * Thrown when some of the appended event ids are already stored but the append is not a retry of an earlier
 * one (a retry, with every id already in the stream it names, returns the original result instead).
 */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(`Stream ${streamId}: event ids already used: ${eventIds.join(', ')}`);
  }
}
