import {
  compareCheckpoints,
  START_OF_LOG,
  type EventBatchHandler,
  type GlobalCheckpoint,
  type LogEvent,
  type SubscribeOptions,
  type Subscription,
} from './event-store';

/** A page of the global log (of some event types, or all) and the bounds of the snapshot it was read in. */
export interface LogPage {
  /** With their metadata (RecordedEvent) when any of the store's subscriptions wants it. */
  events: LogEvent[];
  /**
   * Every transaction below it that could write the log had finished (the snapshot's xmin, or past it where the running
   * transactions below belong to other databases of the server); the page holds only their events.
   */
  horizon: bigint;
  /** Every transaction that had committed is below it. */
  xmax: bigint;
  /**
   * How far the page has seen the log: the last event read when the read stopped at its limit (`full`), else the log's
   * last event of any type below the horizon; undefined when the log has no event below it.
   */
  through: GlobalCheckpoint | undefined;
  /** The read stopped at its limit: more may follow at once. */
  full: boolean;
}

export type ReadLogPage = (after: GlobalCheckpoint, limit: number) => Promise<LogPage>;

/** The event types of an append, or undefined when unknown (anything may have been appended). */
export type ChangeListener = (eventTypes: ReadonlySet<string> | undefined) => void;

/** Tells subscriptions that something may have been appended, and of which event types when known. */
export class ChangeSignal {
  private readonly listeners = new Set<ChangeListener>();

  notify(eventTypes?: ReadonlySet<string>): void {
    for (const listener of [...this.listeners]) listener(eventTypes);
  }

  listen(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const DEFAULT_BATCH_SIZE = 500;
/**
 * Live reads of one subscription start at least this far apart: appends in quick succession (an import writes
 * hundreds a second, each waking every projection and relay of every service) are read together, not one read each.
 * A wake-up after a quiet spell reads at once.
 */
export const DEFAULT_LIVE_READ_INTERVAL_MS = 5;
const MIN_BACKOFF_MS = 5;
const READ_ATTEMPTS = 5;

/**
 * Catch-up then live reader of the global log.
 *
 * A notification (or the poll timer) only says that something committed; its events become readable once
 * every transaction that was running before it has finished. So after each wake-up the reader keeps reading
 * (after a backoff that doubles, or on the next change it wants if that comes first; live reads at least
 * liveReadIntervalMs apart either way) until the log's horizon has passed the xmax of its first read: then
 * everything committed before the wake-up has been delivered.
 *
 * A subscription to some event types reads only those (the page reader filters) and is woken only by a change of
 * those types or of unknown types. It still moves through the events of other types: the handler gets how far the
 * page has seen the log as `through`, with no events if need be.
 *
 * Live polls fall on multiples of the poll interval shifted by the store's poll phase, so that the subscriptions of a
 * process poll together and can share one read, while processes, whose phases differ, do not all poll at once. A poll
 * is the safety net for a lost notification: it reads once, without waiting for the transactions then running (their
 * own notifications wake the reader, or the next poll reads what they wrote).
 */
export class GlobalLogSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;
  private failCaughtUp!: (error: unknown) => void;
  private readonly batchSize: number;
  private stopping = false;
  private interrupt: (() => void) | undefined;
  /** Ends the live pause under way (if any) on a change this subscription wants. */
  private wake: (() => void) | undefined;
  /** The multiple of the poll interval the last live pause aimed at. */
  private pollTarget = 0;
  /** Changes this subscription wants, counted since it started. */
  private changes = 0;
  private readonly finished: Promise<void>;

  constructor(
    private readonly readPage: ReadLogPage,
    signal: ChangeSignal,
    private readonly handler: EventBatchHandler<LogEvent>,
    private readonly pollIntervalMs: number,
    options: SubscribeOptions,
    onFinished: () => void,
    private readonly liveReadIntervalMs = DEFAULT_LIVE_READ_INTERVAL_MS,
    /** Polls fall this long after each multiple of the interval (0 ≤ phase < interval). */
    private readonly pollPhaseMs = 0,
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.markCaughtUp = resolve;
      this.failCaughtUp = reject;
    });
    // Whoever awaits caughtUp still sees the rejection; nobody has to.
    this.caughtUp.catch(() => undefined);
    const wanted = options.eventTypes && new Set(options.eventTypes);
    const unlisten = signal.listen((eventTypes) => {
      if (!wanted || !eventTypes || [...eventTypes].some((type) => wanted.has(type))) this.readNow();
    });
    this.finished = this.run(options.from ?? START_OF_LOG)
      .catch((error: unknown) => {
        this.stopping = true;
        this.failCaughtUp(error);
        options.onError?.(error);
      })
      .finally(() => {
        unlisten();
        onFinished();
      });
  }

  readNow(): void {
    this.changes += 1;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.interrupt?.();
    await this.finished;
  }

  private async run(from: GlobalCheckpoint): Promise<void> {
    let checkpoint = from;
    /** The xmax of the first read since the wake-up: every transaction committed by then is below it. */
    let committedBelow: bigint | undefined;
    let backoffMs = MIN_BACKOFF_MS;
    let lastReadAt = 0;
    // Read because the poll interval went by, not on a change: nothing is known to have committed, so one read does.
    let polled = false;
    while (!this.stopping) {
      const seen = this.changes;
      lastReadAt = Date.now();
      const page = await this.read(checkpoint);
      if (!page) return;
      committedBelow ??= page.xmax;
      const through = page.through && compareCheckpoints(page.through, checkpoint) > 0 ? page.through : checkpoint;
      if (page.events.length > 0 || through !== checkpoint) {
        await this.handler(page.events, through);
        checkpoint = through;
        backoffMs = MIN_BACKOFF_MS;
      }
      if (page.full) continue;
      if (polled || page.horizon >= committedBelow) {
        this.markCaughtUp();
        committedBelow = undefined;
        backoffMs = MIN_BACKOFF_MS;
        await this.pause(this.untilNextPoll(polled), seen);
        polled = this.changes === seen;
      } else {
        // A transaction older than the wake-up is still running (mostly a projection's batch or an append's commit):
        // read again after the backoff, or sooner on a change of this subscription's types. Under a steady load one
        // comes every few ms; a backoff doubled to tens of ms kept what committed meanwhile waiting.
        await this.pause(backoffMs, seen);
        backoffMs = Math.min(backoffMs * 2, this.pollIntervalMs);
      }
      const early = lastReadAt + this.liveReadIntervalMs - Date.now();
      if (early > 0) await this.pause(early);
    }
  }

  /**
   * Time to the next poll instant (a multiple of the poll interval plus the phase). After a poll, the instant after the
   * one it aimed at: a timer may fire a little before its wall-clock time (it counts from the event loop's cached
   * clock, stale under load), and counted from now such a poll would aim at the instant it was meant for and read twice.
   */
  private untilNextPoll(afterPoll: boolean): number {
    const now = Date.now();
    const from = afterPoll ? Math.max(now, this.pollTarget) : now;
    this.pollTarget = (Math.floor((from - this.pollPhaseMs) / this.pollIntervalMs) + 1) * this.pollIntervalMs + this.pollPhaseMs;
    return this.pollTarget - now;
  }

  /** Retries a failing read a few times (the database may be restarting); undefined once stopped. */
  private async read(after: GlobalCheckpoint): Promise<LogPage | undefined> {
    for (let attempt = 1; !this.stopping; attempt += 1) {
      try {
        return await this.readPage(after, this.batchSize);
      } catch (error) {
        if (attempt === READ_ATTEMPTS) throw error;
        await this.pause(100 * 2 ** attempt);
      }
    }
    return undefined;
  }

  /** Waits `ms`, or less when stopped or (given the count of changes seen before reading) on a wanted change. */
  private pause(ms: number, seen?: number): Promise<void> {
    if (this.stopping || (seen !== undefined && this.changes !== seen)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.interrupt = undefined;
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.interrupt = done;
      if (seen !== undefined) this.wake = done;
    });
  }
}
