import {
  checkpointOf,
  START_OF_LOG,
  type EventBatchHandler,
  type GlobalCheckpoint,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from './event-store';

/** A page of the global log and the bounds of the snapshot it was read in. */
export interface LogPage {
  events: RecordedEvent[];
  /** Every transaction below it had finished; the page holds only their events. */
  xmin: bigint;
  /** Every transaction that had committed is below it. */
  xmax: bigint;
}

export type ReadLogPage = (after: GlobalCheckpoint, limit: number) => Promise<LogPage>;

/** Tells subscriptions that something may have been appended. */
export class ChangeSignal {
  private count = 0;
  private readonly listeners = new Set<() => void>();

  get generation(): number {
    return this.count;
  }

  notify(): void {
    this.count += 1;
    for (const listener of [...this.listeners]) listener();
  }

  listen(listener: () => void): () => void {
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
 * (with a short backoff) until the snapshot's xmin has passed the xmax of its first read: then everything
 * committed before the wake-up has been delivered.
 */
export class GlobalLogSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;
  private failCaughtUp!: (error: unknown) => void;
  private readonly batchSize: number;
  private stopping = false;
  private interrupt: (() => void) | undefined;
  private readonly finished: Promise<void>;

  constructor(
    private readonly readPage: ReadLogPage,
    private readonly changes: ChangeSignal,
    private readonly handler: EventBatchHandler,
    private readonly pollIntervalMs: number,
    options: SubscribeOptions,
    onFinished: () => void,
    private readonly liveReadIntervalMs = DEFAULT_LIVE_READ_INTERVAL_MS,
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.markCaughtUp = resolve;
      this.failCaughtUp = reject;
    });
    // Whoever awaits caughtUp still sees the rejection; nobody has to.
    this.caughtUp.catch(() => undefined);
    this.finished = this.run(options.from ?? START_OF_LOG)
      .catch((error: unknown) => {
        this.stopping = true;
        this.failCaughtUp(error);
        options.onError?.(error);
      })
      .finally(onFinished);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.interrupt?.();
    await this.finished;
  }

  private async run(from: GlobalCheckpoint): Promise<void> {
    let checkpoint = from;
    let horizon: bigint | undefined;
    let backoffMs = MIN_BACKOFF_MS;
    let lastReadAt = 0;
    while (!this.stopping) {
      const seen = this.changes.generation;
      lastReadAt = Date.now();
      const page = await this.read(checkpoint);
      if (!page) return;
      horizon ??= page.xmax;
      const last = page.events.at(-1);
      if (last) {
        await this.handler(page.events);
        checkpoint = checkpointOf(last);
        backoffMs = MIN_BACKOFF_MS;
      }
      if (page.events.length === this.batchSize) continue;
      if (page.xmin >= horizon) {
        this.markCaughtUp();
        horizon = undefined;
        backoffMs = MIN_BACKOFF_MS;
        await this.pause(this.pollIntervalMs, seen);
        const early = lastReadAt + this.liveReadIntervalMs - Date.now();
        if (early > 0) await this.pause(early);
      } else {
        await this.pause(backoffMs);
        backoffMs = Math.min(backoffMs * 2, this.pollIntervalMs);
      }
    }
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

  /** Waits `ms`, or less when stopped or (given the generation seen before reading) on a change. */
  private pause(ms: number, seen?: number): Promise<void> {
    if (this.stopping || (seen !== undefined && this.changes.generation !== seen)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unlisten?.();
        this.interrupt = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      const unlisten = seen === undefined ? undefined : this.changes.listen(done);
      this.interrupt = done;
    });
  }
}
