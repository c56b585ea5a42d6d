import {
  DuplicateEventIdError,
  START_OF_LOG,
  WrongExpectedVersionError,
  type AppendResult,
  type EventBatchHandler,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type GlobalCheckpoint,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamResult,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from './event-store';
import {
  APPEND_CONSTRAINTS,
  eventStoreSql,
  type AppendRow,
  type EventRow,
  type EventStoreSql,
  type ReadLogRow,
  type ReadStreamRow,
  type StreamHeadRow,
} from './event-store.sql';
import { ChangeSignal, GlobalLogSubscription, type LogPage } from './global-log-subscription';

export const DEFAULT_SCHEMA = 'eventstore';
const DEFAULT_POLL_INTERVAL_MS = 300;
const MAX_APPEND_ATTEMPTS = 20;
const KNOWN_VERSIONS = 10_000;

export interface SqlEventStoreOptions {
  /** PostgreSQL schema holding the store's tables (default `eventstore`). */
  schema?: string;
  /** Subscriptions read the log this often when nothing wakes them (default 300 ms; 5 s on embedded PGlite). */
  pollIntervalMs?: number;
  /** A subscription's live reads start at least this far apart, so that a burst of appends is read at once (default 5 ms). */
  liveReadIntervalMs?: number;
}

/** The EventStore over the shared SQL; adapters supply the connection and the wake-up of subscribers. */
export abstract class SqlEventStore implements EventStore {
  protected readonly sql: EventStoreSql;
  private readonly pollIntervalMs: number;
  private readonly liveReadIntervalMs: number | undefined;
  private readonly subscriptions = new Set<Subscription>();
  /** Versions streams are known to have reached (recently used streams only), to spare a check per append. */
  private readonly knownVersions = new Map<string, number>();

  protected constructor(
    options: SqlEventStoreOptions,
    protected readonly changes: ChangeSignal = new ChangeSignal(),
  ) {
    this.sql = eventStoreSql(options.schema ?? DEFAULT_SCHEMA);
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.liveReadIntervalMs = options.liveReadIntervalMs;
  }

  protected abstract query<Row>(text: string, params: unknown[]): Promise<Row[]>;
  /** Runs a multi-statement script as one transaction. */
  protected abstract execScript(text: string): Promise<void>;

  /** Called after a successful append by this store. */
  protected onAppended(): void {
    this.changes.notify();
  }

  /** Called before every read of a subscription. */
  protected watchChanges(): void {}

  /** Creates the schema, table and indexes if missing; safe to run concurrently and repeatedly. */
  async ensureSchema(): Promise<void> {
    await this.execScript(this.sql.createSchema);
  }

  async appendToStream(
    streamId: string,
    events: NewEvent[],
    options: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedVersion ?? 'any';
    const expectedVersion = expectedVersionNumber(expected);
    const eventIds = events.map((event) => event.eventId);
    const repeated = eventIds.filter((id, index) => eventIds.indexOf(id) !== index);
    if (repeated.length > 0) throw new DuplicateEventIdError(streamId, repeated);

    for (let attempt = 1; ; attempt += 1) {
      const appended = events.length > 0 ? await this.tryAppend(streamId, expectedVersion, events) : undefined;
      if (appended) {
        this.learnVersion(streamId, appended.nextExpectedVersion);
        this.onAppended();
        return appended;
      }
      // Nothing appended: the version did not match, or a concurrent append won, or this is a retry.
      const head = await this.streamHead(streamId, eventIds);
      this.learnVersion(streamId, head.version);
      if (head.retried) return head.retried;
      if (expectedVersion !== undefined && head.version !== expectedVersion) {
        throw new WrongExpectedVersionError(streamId, expected, head.version);
      }
      if (head.taken.length > 0) throw new DuplicateEventIdError(streamId, head.taken);
      if (events.length === 0) return { nextExpectedVersion: head.version, lastGlobalPosition: head.lastGlobalPosition };
      // Only an 'any' append (or one whose expected version was reached meanwhile) lands here, having lost a
      // race to another append; give up, as a conflict, only if it keeps losing.
      if (attempt === MAX_APPEND_ATTEMPTS) throw new WrongExpectedVersionError(streamId, expected, head.version);
    }
  }

  async readStream(streamId: string, options: { fromVersion?: number; maxCount?: number } = {}): Promise<ReadStreamResult> {
    const rows = await this.query<ReadStreamRow>(this.sql.readStream, [streamId, options.fromVersion ?? 0, options.maxCount ?? null]);
    const version = rows[0]?.version ?? 0;
    this.learnVersion(streamId, version);
    return { version, events: rows.filter(hasEvent).map(toRecordedEvent) };
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const page = await this.readLog(options.after ?? START_OF_LOG, options.maxCount ?? null);
    return page.events;
  }

  subscribeToAll(handler: EventBatchHandler, options: SubscribeOptions = {}): Subscription {
    const subscription = new GlobalLogSubscription(
      (after, limit) => {
        this.watchChanges();
        return this.readLog(after, limit);
      },
      this.changes,
      handler,
      this.pollIntervalMs,
      options,
      () => this.subscriptions.delete(subscription),
      this.liveReadIntervalMs,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
  }

  private async readLog(after: GlobalCheckpoint, limit: number | null): Promise<LogPage> {
    const rows = await this.query<ReadLogRow>(this.sql.readLog, [after.transactionId.toString(), after.globalPosition.toString(), limit]);
    const [first] = rows;
    if (!first) throw new Error('reading the log returned no row');
    return { events: rows.filter(hasEvent).map(toRecordedEvent), xmin: BigInt(first.log_xmin), xmax: BigInt(first.log_xmax) };
  }

  /** One statement; undefined when the expected version did not match or a concurrent append collided. */
  private async tryAppend(streamId: string, expectedVersion: number | undefined, events: NewEvent[]): Promise<AppendResult | undefined> {
    const [first] = events;
    const eventParams =
      events.length === 1 && first
        ? [first.eventId, first.type, first.schemaVersion ?? 1, JSON.stringify(first.data ?? null), JSON.stringify(first.metadata)]
        : [JSON.stringify(events.map((event) => [event.eventId, event.type, event.schemaVersion ?? 1, event.data ?? null, event.metadata]))];
    // Events are never deleted: a version this store has seen need not be checked again.
    const statements =
      expectedVersion === undefined
        ? this.sql.append.any
        : expectedVersion > (this.knownVersions.get(streamId) ?? 0)
          ? this.sql.append.exactChecked
          : this.sql.append.exact;
    const params = expectedVersion === undefined ? [streamId, ...eventParams] : [streamId, expectedVersion, ...eventParams];
    try {
      const [row] = await this.query<AppendRow>(events.length === 1 ? statements.one : statements.many, params);
      if (!row || row.stream_version === null || row.last_global_position === null) return undefined;
      return { nextExpectedVersion: row.stream_version, lastGlobalPosition: BigInt(row.last_global_position) };
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  private learnVersion(streamId: string, version: number): void {
    if (version <= (this.knownVersions.get(streamId) ?? 0)) return;
    this.knownVersions.delete(streamId);
    this.knownVersions.set(streamId, version);
    if (this.knownVersions.size > KNOWN_VERSIONS) this.knownVersions.delete(this.knownVersions.keys().next().value!);
  }

  /** The stream's version, and what became of the given event ids: all stored by this stream's append, or taken. */
  private async streamHead(
    streamId: string,
    eventIds: string[],
  ): Promise<{ version: number; lastGlobalPosition: bigint; retried?: AppendResult; taken: string[] }> {
    const rows = await this.query<StreamHeadRow>(this.sql.streamHead, [streamId, eventIds]);
    const version = rows[0]?.version ?? 0;
    const lastGlobalPosition = BigInt(rows[0]?.last_global_position ?? 0);
    const stored = rows.filter(hasEvent);
    if (eventIds.length > 0 && stored.length === eventIds.length && stored.every((event) => event.stream_id === streamId)) {
      const retried = {
        nextExpectedVersion: Math.max(...stored.map((event) => event.stream_position)),
        lastGlobalPosition: stored.map((event) => BigInt(event.global_position)).reduce((a, b) => (a > b ? a : b)),
      };
      return { version, lastGlobalPosition, retried, taken: [] };
    }
    return { version, lastGlobalPosition, taken: stored.map((event) => event.event_id) };
  }
}

/** undefined for 'any'. */
function expectedVersionNumber(expected: ExpectedVersion): number | undefined {
  if (expected === 'any') return undefined;
  if (expected === 'no-stream') return 0;
  if (!Number.isSafeInteger(expected) || expected < 0) throw new RangeError(`Invalid expected version ${expected}`);
  return expected;
}

function hasEvent<Row extends { event_id: string | null }>(row: Row): row is Row & EventRow {
  return row.event_id !== null;
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    streamPosition: row.stream_position,
    globalPosition: BigInt(row.global_position),
    transactionId: BigInt(row.transaction_id),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata as EventMetadata,
    recordedAt: row.recorded_at,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === '23505' &&
    'constraint' in error &&
    APPEND_CONSTRAINTS.includes(String(error.constraint))
  );
}
