import { randomInt } from 'node:crypto';
import {
  checkpointOf,
  DuplicateEventIdError,
  MAX_EVENT_IDS_PER_READ,
  START_OF_LOG,
  WrongExpectedVersionError,
  type AppendResult,
  type EventBatchHandler,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type GlobalCheckpoint,
  type LogEvent,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ReadStreamResult,
  type RecordedEvent,
  type StreamAppend,
  type StreamRead,
  type SubscribeOptions,
  type Subscription,
} from './event-store';
import {
  APPEND_CONSTRAINTS,
  eventStoreSql,
  type AppendRow,
  type EventRow,
  type EventStoreSql,
  type LogEventRow,
  type ReadLogRow,
  type ReadStreamRow,
  type ReadStreamsRow,
  type StreamHeadsRow,
} from './event-store.sql';
import { ChangeSignal, GlobalLogSubscription, type LogPage } from './global-log-subscription';

export const DEFAULT_SCHEMA = 'eventstore';
const DEFAULT_POLL_INTERVAL_MS = 300;
const MAX_APPEND_ATTEMPTS = 20;
const KNOWN_VERSIONS = 10_000;
const DEFAULT_APPENDS_IN_FLIGHT = 4;
/** A shared append statement takes waiting appends up to about this many events. */
const MAX_GROUP_EVENTS = 2_000;

export interface SqlEventStoreOptions {
  /** PostgreSQL schema holding the store's tables (default `eventstore`). */
  schema?: string;
  /** Subscriptions read the log this often when nothing wakes them (default 300 ms; 5 s on embedded PGlite). */
  pollIntervalMs?: number;
  /** A subscription's live reads start at least this far apart, so that a burst of appends is read at once (default 5 ms). */
  liveReadIntervalMs?: number;
  /**
   * Where in the poll interval the store's subscriptions poll: this long after each multiple of it. Random by default,
   * so that the processes of a system, each with its store, do not all poll the log at the same instants (a request
   * that arrived then waited behind all of them).
   */
  pollPhaseMs?: number;
  /**
   * Append statements running at once (default 4); appends that arrive meanwhile wait and then share one statement,
   * one transaction and one commit (group commit).
   */
  appendsInFlight?: number;
}

/** An append waiting for a place in the next shared statement. */
interface WaitingAppend {
  planned: PlannedAppend[];
  resolve(results: AppendResult[] | undefined): void;
  reject(error: unknown): void;
}

/** The EventStore over the shared SQL; adapters supply the connection and the wake-up of subscribers. */
export abstract class SqlEventStore implements EventStore {
  protected readonly sql: EventStoreSql;
  private readonly pollIntervalMs: number;
  private readonly liveReadIntervalMs: number | undefined;
  private readonly pollPhaseMs: number;
  private readonly subscriptions = new Set<Subscription>();
  /** What each running subscription reads, by a key of its own: its event types (undefined: every type), and whether with metadata. */
  private readonly subscribed = new Map<symbol, { types: ReadonlySet<string> | undefined; metadata: boolean }>();
  /** What the subscriptions read together (see readLog); null when to be worked out again. */
  private sharedRead: { types: readonly string[] | undefined; metadata: boolean } | null = null;
  /**
   * Versions streams are known to have reached, to spare a check per append: those learned lately, and before them
   * the previous generation (KNOWN_VERSIONS in all at most). Not a least-recently-used map: removing a Map's oldest
   * key as each new one comes (`keys().next()`) walks every key deleted before it, 8 µs an append at 10,000 streams.
   */
  private knownVersions = new Map<string, number>();
  private previouslyKnownVersions = new Map<string, number>();
  private readonly appendsInFlight: number;
  private running = 0;
  private readonly waiting: WaitingAppend[] = [];
  /** Reads of the log under way, by checkpoint and limit: the same read asked again meanwhile shares it. */
  private readonly logReads = new Map<string, Promise<LogPage>>();

  protected constructor(
    options: SqlEventStoreOptions,
    protected readonly changes: ChangeSignal = new ChangeSignal(),
  ) {
    this.sql = eventStoreSql(options.schema ?? DEFAULT_SCHEMA);
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.liveReadIntervalMs = options.liveReadIntervalMs;
    this.pollPhaseMs = options.pollPhaseMs ?? randomInt(this.pollIntervalMs);
    this.appendsInFlight = options.appendsInFlight ?? DEFAULT_APPENDS_IN_FLIGHT;
  }

  protected abstract query<Row>(text: string, params: unknown[]): Promise<Row[]>;
  /** Runs a multi-statement script as one transaction. */
  protected abstract execScript(text: string): Promise<void>;

  /** A jsonb array parameter (an append's events): JSON text here, an adapter may send it otherwise. */
  protected jsonArrayParam(items: readonly unknown[]): unknown {
    return JSON.stringify(items);
  }

  /** Called after a successful append by this store, with the event types it appended. */
  protected onAppended(eventTypes: ReadonlySet<string>): void {
    this.changes.notify(eventTypes);
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
    const [result] = await this.appendToStreams([{ streamId, events, expectedVersion: options.expectedVersion }]);
    return result!;
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const planned = appends.map(({ streamId, events, expectedVersion = 'any' }) => ({
      streamId,
      events,
      expected: expectedVersion,
      expectedVersion: expectedVersionNumber(expectedVersion),
    }));
    const streams = new Set<string>();
    for (const { streamId } of planned) {
      if (streams.has(streamId)) throw new RangeError(`Stream ${streamId} is named twice in one append`);
      streams.add(streamId);
    }
    const eventIds = planned.flatMap((append) => append.events.map((event) => event.eventId));
    const timesNamed = new Map<string, number>();
    for (const id of eventIds) timesNamed.set(id, (timesNamed.get(id) ?? 0) + 1);
    if (timesNamed.size < eventIds.length) {
      for (const append of planned) {
        const repeated = append.events.map((event) => event.eventId).filter((id) => timesNamed.get(id)! > 1);
        if (repeated.length > 0) throw new DuplicateEventIdError(append.streamId, [...new Set(repeated)]);
      }
    }
    const [first] = planned;
    if (!first) return [];

    for (let attempt = 1; ; attempt += 1) {
      const appended = planned.length > 1 || first.events.length > 0 ? await this.appendInTurn(planned) : undefined;
      if (appended) {
        planned.forEach((append, index) => this.learnVersion(append.streamId, appended[index]!.nextExpectedVersion));
        if (eventIds.length > 0) this.onAppended(new Set(planned.flatMap((append) => append.events.map((event) => event.type))));
        return appended;
      }
      // Nothing appended: a version did not match, or a concurrent append won, or this is a retry.
      const heads = await this.streamHeads(planned, eventIds);
      for (const append of planned) this.learnVersion(append.streamId, heads.version(append.streamId));
      if (heads.retried) return heads.retried;
      for (const append of planned) {
        const version = heads.version(append.streamId);
        if (append.expectedVersion !== undefined && version !== append.expectedVersion) {
          throw new WrongExpectedVersionError(append.streamId, append.expected, version);
        }
      }
      for (const append of planned) {
        const taken = append.events.map((event) => event.eventId).filter((id) => heads.stored.has(id));
        if (taken.length > 0) throw new DuplicateEventIdError(append.streamId, taken);
      }
      if (eventIds.length === 0) return planned.map((append) => heads.head(append.streamId));
      // Only a stream appended with 'any' (or whose expected version was reached meanwhile) can have lost a race to
      // another append; give up, as a conflict, only if it keeps losing.
      if (attempt === MAX_APPEND_ATTEMPTS) {
        const loser = planned.find((append) => append.expectedVersion === undefined && append.events.length > 0) ?? first;
        throw new WrongExpectedVersionError(loser.streamId, loser.expected, heads.version(loser.streamId));
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    const rows =
      options.direction === 'backwards'
        ? await this.query<ReadStreamRow>(this.sql.readStreamBackwards, [streamId, options.maxCount ?? null])
        : await this.query<ReadStreamRow>(this.sql.readStream, [streamId, options.fromVersion ?? 0, options.maxCount ?? null]);
    const version = rows[0]?.version ?? 0;
    this.learnVersion(streamId, version);
    return { version, events: rows.filter(hasEvent).map(toRecordedEvent) };
  }

  async readStreams(reads: readonly StreamRead[]): Promise<ReadStreamResult[]> {
    if (reads.length === 0) return [];
    const param = reads.map((read) =>
      read.direction === 'backwards' ? [read.streamId, true, 0, read.maxCount ?? null] : [read.streamId, false, read.fromVersion ?? 0, read.maxCount ?? null],
    );
    const results = reads.map((): ReadStreamResult => ({ version: 0, events: [] }));
    for (const row of await this.query<ReadStreamsRow>(this.sql.readStreams, [JSON.stringify(param)])) {
      const result = results[row.read_index - 1]!;
      result.version = row.version;
      if (hasEvent(row)) result.events.push(toRecordedEvent(row));
    }
    reads.forEach((read, index) => this.learnVersion(read.streamId, results[index]!.version));
    return results;
  }

  async readEventsById(eventIds: readonly string[]): Promise<RecordedEvent[]> {
    if (eventIds.length > MAX_EVENT_IDS_PER_READ) {
      throw new RangeError(`At most ${MAX_EVENT_IDS_PER_READ} event ids a read, got ${eventIds.length}`);
    }
    if (eventIds.length === 0) return [];
    return (await this.query<EventRow>(this.sql.readEventsById, [eventIds])).map(toRecordedEvent);
  }

  async lastGlobalPosition(): Promise<bigint> {
    const [row] = await this.query<{ position: string }>(this.sql.lastGlobalPosition, []);
    return BigInt(row?.position ?? 0);
  }

  readAll(options: ReadAllOptions & { withoutMetadata: true }): Promise<LogEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  async readAll(options: ReadAllOptions = {}): Promise<LogEvent[] | RecordedEvent[]> {
    const { transactionId, globalPosition } = options.after ?? START_OF_LOG;
    const params = [transactionId.toString(), globalPosition.toString(), options.maxCount ?? null];
    const ofTypes = options.eventTypes ? [...params, options.eventTypes] : undefined;
    if (options.withoutMetadata) {
      const rows = ofTypes ? await this.query<LogEventRow>(this.sql.readAllOfTypesWithoutMetadata, ofTypes) : await this.query<LogEventRow>(this.sql.readAllWithoutMetadata, params);
      return rows.map(toLogEvent);
    }
    const rows = ofTypes ? await this.query<EventRow>(this.sql.readAllOfTypes, ofTypes) : await this.query<EventRow>(this.sql.readAll, params);
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(handler: EventBatchHandler<LogEvent>, options: SubscribeOptions & { withoutMetadata: true }): Subscription;
  subscribeToAll(handler: EventBatchHandler, options?: SubscribeOptions): Subscription;
  subscribeToAll(handler: EventBatchHandler<LogEvent> | EventBatchHandler, options: SubscribeOptions = {}): Subscription {
    const eventTypes = options.eventTypes && new Set(options.eventTypes);
    // Registered before the subscription starts: its first read is under way when the constructor returns.
    const key = Symbol('subscription');
    this.subscribed.set(key, { types: eventTypes, metadata: !options.withoutMetadata });
    this.sharedRead = null;
    const subscription = new GlobalLogSubscription(
      (after, limit) => {
        this.watchChanges();
        return this.readLog(after, limit, eventTypes);
      },
      this.changes,
      // A subscription that did not ask without metadata makes every shared read carry it: it gets RecordedEvents.
      handler as EventBatchHandler<LogEvent>,
      this.pollIntervalMs,
      options,
      () => {
        this.subscriptions.delete(subscription);
        this.subscribed.delete(key);
        this.sharedRead = null;
      },
      this.liveReadIntervalMs,
      this.pollPhaseMs,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
  }

  /**
   * Subscriptions at the head of the log (a service's projections and relay, every projection of embedded ELK) wake
   * together on an append of their types, or poll together, and ask for the same page: one query answers all of them
   * (a page read once is as good for each as if it had read it itself at that moment). So the query reads the types
   * of all the store's subscriptions (every type if one of them wants every type), and each subscription gets the
   * page's events of its own types. A service's process thus reads the log's events of the types it handles, never
   * those of other services (the sales, say), once per wake-up. Their metadata is read only if a subscription wants
   * it (a relay does, projections do not).
   */
  private async readLog(after: GlobalCheckpoint, limit: number | null, eventTypes: ReadonlySet<string> | undefined): Promise<LogPage> {
    const subscribed = [...this.subscribed.values()];
    this.sharedRead ??= { types: readTypesOf(subscribed.map(({ types }) => types)), metadata: subscribed.some(({ metadata }) => metadata) };
    const shared = this.sharedRead;
    const key = `${after.transactionId}:${after.globalPosition}:${limit ?? ''}:${JSON.stringify(shared.types ?? null)}:${shared.metadata}`;
    let read = this.logReads.get(key);
    if (!read) {
      read = this.readLogPage(after, limit, shared.types, shared.metadata).finally(() => this.logReads.delete(key));
      this.logReads.set(key, read);
    }
    const page = await read;
    if (!eventTypes || page.events.every((event) => eventTypes.has(event.type))) return page;
    return { ...page, events: page.events.filter((event) => eventTypes.has(event.type)) };
  }

  private async readLogPage(after: GlobalCheckpoint, limit: number | null, eventTypes: readonly string[] | undefined, withMetadata: boolean): Promise<LogPage> {
    const params = [after.transactionId.toString(), after.globalPosition.toString(), limit];
    const { sql } = this;
    const rows = eventTypes
      ? await this.query<ReadLogRow>(withMetadata ? sql.readLogOfTypes : sql.readLogOfTypesWithoutMetadata, [...params, eventTypes])
      : await this.query<ReadLogRow>(withMetadata ? sql.readLog : sql.readLogWithoutMetadata, params);
    const [first] = rows;
    if (!first) throw new Error('reading the log returned no row');
    const events: LogEvent[] = rows.filter(hasEvent).map(withMetadata ? toRecordedEvent : toLogEvent);
    const full = limit !== null && events.length === limit;
    const last =
      first.last_transaction_id === null || first.last_global_position === null
        ? undefined
        : { transactionId: BigInt(first.last_transaction_id), globalPosition: BigInt(first.last_global_position) };
    return { events, horizon: BigInt(first.log_horizon), xmax: BigInt(first.log_xmax), through: full ? checkpointOf(events.at(-1)!) : last, full };
  }

  /**
   * Group commit: an append runs at once while fewer than `appendsInFlight` append statements are running; otherwise
   * it waits, and the appends that waited (on distinct streams) share the next statement, so a burst of them costs one
   * transaction and one commit. Undefined as tryAppend: a version did not match or a concurrent append collided.
   */
  private appendInTurn(planned: PlannedAppend[]): Promise<AppendResult[] | undefined> {
    if (this.running < this.appendsInFlight) return this.inTurn(() => this.tryAppendPlanned(planned));
    return new Promise((resolve, reject) => this.waiting.push({ planned, resolve, reject }));
  }

  private async inTurn<T>(run: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await run();
    } finally {
      this.running -= 1;
      this.startWaitingGroups();
    }
  }

  private startWaitingGroups(): void {
    while (this.running < this.appendsInFlight && this.waiting.length > 0) void this.inTurn(() => this.appendGroup(this.takeGroup()));
  }

  /** The waiting appends, in order, that touch none of each other's streams, up to MAX_GROUP_EVENTS events. */
  private takeGroup(): WaitingAppend[] {
    const group: WaitingAppend[] = [];
    const streams = new Set<string>();
    let events = 0;
    for (let index = 0; index < this.waiting.length && events < MAX_GROUP_EVENTS; ) {
      const candidate = this.waiting[index]!;
      if (candidate.planned.some((append) => streams.has(append.streamId))) {
        index += 1;
        continue;
      }
      this.waiting.splice(index, 1);
      group.push(candidate);
      for (const append of candidate.planned) streams.add(append.streamId);
      events += candidate.planned.reduce((sum, append) => sum + append.events.length, 0);
    }
    return group;
  }

  /**
   * One statement for the whole group; if it does not go in (someone's version did not match, or a concurrent append
   * collided), each half as a group of its own, down to the append at fault alone, which alone fails.
   */
  private async appendGroup(group: WaitingAppend[]): Promise<void> {
    if (group.length === 1) {
      const [member] = group;
      return this.tryAppendPlanned(member!.planned).then(member!.resolve, member!.reject);
    }
    const shared = await this.tryAppendMany(group.flatMap((member) => member.planned)).catch(() => undefined);
    if (!shared) {
      const half = Math.ceil(group.length / 2);
      await this.appendGroup(group.slice(0, half));
      return this.appendGroup(group.slice(half));
    }
    let from = 0;
    for (const member of group) {
      member.resolve(shared.slice(from, from + member.planned.length));
      from += member.planned.length;
    }
  }

  private tryAppendPlanned(planned: PlannedAppend[]): Promise<AppendResult[] | undefined> {
    return planned.length > 1 ? this.tryAppendMany(planned) : this.tryAppend(planned[0]!);
  }

  /** One statement; undefined when the expected version did not match or a concurrent append collided. */
  private async tryAppend({ streamId, expectedVersion, events }: PlannedAppend): Promise<AppendResult[] | undefined> {
    const [first] = events;
    const eventParams =
      events.length === 1 && first
        ? [first.eventId, first.type, first.schemaVersion ?? 1, JSON.stringify(first.data ?? null), JSON.stringify(first.metadata)]
        : [this.jsonArrayParam(events.map(eventParam))];
    // Events are never deleted: a version this store has seen need not be checked again.
    const statements =
      expectedVersion === undefined
        ? this.sql.append.any
        : expectedVersion > this.knownVersion(streamId)
          ? this.sql.append.exactChecked
          : this.sql.append.exact;
    const params = expectedVersion === undefined ? [streamId, ...eventParams] : [streamId, expectedVersion, ...eventParams];
    const [row] = await this.appendRows(events.length === 1 ? statements.one : statements.many, params);
    if (!row || row.stream_version === null || row.last_global_position === null) return undefined;
    return [{ nextExpectedVersion: row.stream_version, lastGlobalPosition: BigInt(row.last_global_position) }];
  }

  /** One statement for all the streams; undefined when a version did not match or a concurrent append collided. */
  private async tryAppendMany(appends: PlannedAppend[]): Promise<AppendResult[] | undefined> {
    const param = this.jsonArrayParam(appends.map((append) => [append.streamId, append.expectedVersion ?? null, append.events.map(eventParam)]));
    const rows = await this.appendRows(this.sql.appendMany, [param]);
    if (rows.length !== appends.length) return undefined;
    return rows.map((row) => ({ nextExpectedVersion: row.stream_version!, lastGlobalPosition: BigInt(row.last_global_position!) }));
  }

  /** The rows of an append statement, none when it collided with a concurrent or an earlier append. */
  private async appendRows(text: string, params: unknown[]): Promise<AppendRow[]> {
    try {
      return await this.query<AppendRow>(text, params);
    } catch (error) {
      if (isUniqueViolation(error)) return [];
      throw error;
    }
  }

  private knownVersion(streamId: string): number {
    return this.knownVersions.get(streamId) ?? this.previouslyKnownVersions.get(streamId) ?? 0;
  }

  private learnVersion(streamId: string, version: number): void {
    if (version <= this.knownVersion(streamId)) return;
    this.knownVersions.set(streamId, version);
    if (this.knownVersions.size < KNOWN_VERSIONS / 2) return;
    this.previouslyKnownVersions = this.knownVersions;
    this.knownVersions = new Map();
  }

  /**
   * The streams' heads, and what became of the given event ids: stored, and if all of them were stored by these
   * streams' appends (a retry), the results those appends had.
   */
  private async streamHeads(
    appends: PlannedAppend[],
    eventIds: string[],
  ): Promise<{ version(streamId: string): number; head(streamId: string): AppendResult; retried?: AppendResult[]; stored: Set<string> }> {
    const rows = await this.query<StreamHeadsRow>(this.sql.streamHeads, [appends.map((append) => append.streamId), eventIds]);
    const heads = new Map<string, AppendResult>();
    const stored = new Map<string, { streamId: string; streamPosition: number; globalPosition: bigint }>();
    for (const row of rows) {
      if (row.head_stream_id !== null) {
        heads.set(row.head_stream_id, { nextExpectedVersion: row.version, lastGlobalPosition: BigInt(row.last_global_position) });
      } else {
        stored.set(row.event_id, { streamId: row.stream_id, streamPosition: row.stream_position, globalPosition: BigInt(row.global_position) });
      }
    }
    const head = (streamId: string) => heads.get(streamId) ?? { nextExpectedVersion: 0, lastGlobalPosition: 0n };
    const result = { version: (streamId: string) => head(streamId).nextExpectedVersion, head, stored: new Set(stored.keys()) };
    const isRetry =
      eventIds.length > 0 &&
      appends.every((append) => append.events.every((event) => stored.get(event.eventId)?.streamId === append.streamId));
    if (!isRetry) return result;
    const retried = appends.map((append): AppendResult => {
      const events = append.events.map((event) => stored.get(event.eventId)!);
      if (events.length === 0) return head(append.streamId);
      return {
        nextExpectedVersion: Math.max(...events.map((event) => event.streamPosition)),
        lastGlobalPosition: events.map((event) => event.globalPosition).reduce((a, b) => (a > b ? a : b)),
      };
    });
    return { ...result, retried };
  }
}

/** The types that subscriptions to these types read together, sorted; undefined when one reads every type. */
function readTypesOf(subscribed: ReadonlyArray<ReadonlySet<string> | undefined>): readonly string[] | undefined {
  if (subscribed.some((types) => types === undefined)) return undefined;
  return [...new Set(subscribed.flatMap((types) => [...types!]))].sort();
}

interface PlannedAppend {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedVersion;
  /** undefined for 'any'. */
  expectedVersion: number | undefined;
}

/** An event as the append statements take it in a jsonb array. */
function eventParam(event: NewEvent): unknown[] {
  return [event.eventId, event.type, event.schemaVersion ?? 1, event.data ?? null, event.metadata];
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

function toLogEvent(row: LogEventRow): LogEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    streamPosition: row.stream_position,
    globalPosition: BigInt(row.global_position),
    transactionId: BigInt(row.transaction_id),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
  };
}

/** Spelled out rather than spread over toLogEvent's result: every read of a stream or the log makes these. */
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
