import { checkpointOf, type GlobalCheckpoint, type LogEvent, type RecordedEvent, type SubscribeOptions } from './event-store';
import { ChangeSignal, GlobalLogSubscription, type LogPage } from './global-log-subscription';

/** A global log whose snapshot bounds the test moves by hand, read the way the SQL reads it. */
class FakeLog {
  events: RecordedEvent[] = [];
  horizon = 1n;
  xmax = 1n;
  reads = 0;
  failures = 0;
  /** Runs after a page was read, before the subscription sees it. */
  afterRead: (() => void) | undefined;

  add(transactionId: bigint, globalPosition: bigint, type = 'Happened'): void {
    this.events.push({
      eventId: `${transactionId}/${globalPosition}`,
      streamId: 's',
      streamPosition: this.events.length + 1,
      globalPosition,
      transactionId,
      type,
      schemaVersion: 1,
      data: null,
      metadata: { organisationId: 'o', actor: 'a', correlationId: 'c', causationId: 'c' },
      recordedAt: new Date(),
    });
  }

  /** Commits a transaction with nothing running: every event is readable. */
  commit(transactionId: bigint, globalPosition: bigint, type?: string): void {
    this.add(transactionId, globalPosition, type);
    this.horizon = this.xmax = transactionId + 1n;
  }

  readonly read = async (after: GlobalCheckpoint, limit: number, eventTypes?: readonly string[]): Promise<LogPage> => {
    this.reads += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('connection lost');
    }
    const readable = this.events
      .filter((e) => e.transactionId < this.horizon)
      .sort((a, b) => (a.transactionId === b.transactionId ? Number(a.globalPosition - b.globalPosition) : Number(a.transactionId - b.transactionId)));
    const events = readable
      .filter((e) => e.transactionId > after.transactionId || (e.transactionId === after.transactionId && e.globalPosition > after.globalPosition))
      .filter((e) => !eventTypes || eventTypes.includes(e.type))
      .slice(0, limit);
    const full = events.length === limit;
    const last = full ? events.at(-1) : readable.at(-1);
    const page = { events, horizon: this.horizon, xmax: this.xmax, through: last && checkpointOf(last), full };
    this.afterRead?.();
    return page;
  };
}

const positions = (events: LogEvent[]) => events.map((e) => Number(e.globalPosition));

const subscriptions: GlobalLogSubscription[] = [];

afterEach(async () => {
  await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
});

function subscribe(log: FakeLog, options: SubscribeOptions & { pollIntervalMs?: number; liveReadIntervalMs?: number; pollPhaseMs?: number } = {}, changes = new ChangeSignal()) {
  const batches: LogEvent[][] = [];
  const throughs: GlobalCheckpoint[] = [];
  let finished = false;
  const subscription = new GlobalLogSubscription(
    (after, limit) => log.read(after, limit, options.eventTypes),
    changes,
    async (batch, through) => {
      batches.push(batch);
      throughs.push(through);
    },
    options.pollIntervalMs ?? 10_000,
    options,
    () => (finished = true),
    options.liveReadIntervalMs,
    options.pollPhaseMs,
  );
  subscriptions.push(subscription);
  return { subscription, changes, batches, throughs, delivered: () => batches.flat(), finished: () => finished };
}

const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean): Promise<void> {
  for (const started = Date.now(); !condition(); await settle(5)) {
    if (Date.now() - started > 5_000) throw new Error('condition not met within 5 s');
  }
}

describe('GlobalLogSubscription', () => {
  it('delivers the log in batches from the checkpoint, then resolves caughtUp', async () => {
    const log = new FakeLog();
    for (let i = 1n; i <= 5n; i += 1n) log.commit(i, i);
    const { subscription, batches } = subscribe(log, { batchSize: 2, from: { transactionId: 1n, globalPosition: 1n } });

    await subscription.caughtUp;
    expect(batches.map(positions)).toEqual([[2, 3], [4, 5]]);
    await subscription.stop();
  });

  it('keeps reading until the transactions running at its first read have finished, delivering in log order', async () => {
    const log = new FakeLog();
    // Transaction 9 is running with position 2; transaction 10 committed position 3 after it.
    log.commit(8n, 1n);
    log.add(10n, 3n);
    log.horizon = 9n;
    log.xmax = 11n;
    const { subscription, delivered } = subscribe(log, { pollIntervalMs: 10_000 });
    let caughtUp = false;
    void subscription.caughtUp.then(() => (caughtUp = true));

    await settle(100);
    expect(positions(delivered())).toEqual([1]);
    expect(caughtUp).toBe(false);

    log.add(9n, 2n);
    log.horizon = log.xmax = 11n;
    await subscription.caughtUp;
    expect(positions(delivered())).toEqual([1, 2, 3]);
    await subscription.stop();
  });

  it('while it waits for the transactions running at its wake-up, reads again on a change of its types, not only when its backoff ends', async () => {
    jest.useFakeTimers({ now: 10_000 });
    try {
      const log = new FakeLog();
      // Transaction 9 (a projection's batch, say) is running; transaction 10 committed position 3 after it.
      log.commit(8n, 1n);
      log.add(10n, 3n);
      log.horizon = 9n;
      log.xmax = 11n;
      const { subscription, changes, delivered } = subscribe(log, { pollIntervalMs: 10_000, eventTypes: ['Happened'] });
      // The backoff has doubled from 5 ms up to a pause of 640 ms, under way from 635 ms to 1,275 ms.
      await jest.advanceTimersByTimeAsync(1_000);
      expect(positions(delivered())).toEqual([1]);
      const reads = log.reads;

      log.add(9n, 2n);
      log.horizon = log.xmax = 11n;
      changes.notify(new Set(['Other']));
      await jest.advanceTimersByTimeAsync(10);
      expect(log.reads).toBe(reads);

      changes.notify(new Set(['Happened']));
      await jest.advanceTimersByTimeAsync(10);
      expect(positions(delivered())).toEqual([1, 2, 3]);
      await subscription.caughtUp;
      await subscription.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads again as soon as it is told of a change, and after the poll interval when it is not', async () => {
    // Fake clock: on a loaded machine a real one may pass a poll boundary between the append and the check.
    jest.useFakeTimers({ now: 10_000 });
    try {
      const log = new FakeLog();
      const signalled = subscribe(log, { pollIntervalMs: 10_000 });
      const polling = subscribe(log, { pollIntervalMs: 500 });
      await jest.advanceTimersByTimeAsync(0);
      await Promise.all([signalled.subscription.caughtUp, polling.subscription.caughtUp]);

      log.commit(1n, 1n);
      signalled.changes.notify();
      await jest.advanceTimersByTimeAsync(100);
      expect(positions(signalled.delivered())).toEqual([1]);
      expect(polling.delivered()).toEqual([]);

      // Polls fall on multiples of the interval: the next is at 10,500.
      await jest.advanceTimersByTimeAsync(400);
      expect(positions(polling.delivered())).toEqual([1]);
      await Promise.all([signalled.subscription.stop(), polling.subscription.stop()]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('polls at its phase within the interval: processes with different phases do not poll at once', async () => {
    jest.useFakeTimers({ now: 10_000 });
    try {
      const log = new FakeLog();
      const early = subscribe(log, { pollIntervalMs: 500, pollPhaseMs: 0 });
      const late = subscribe(log, { pollIntervalMs: 500, pollPhaseMs: 120 });
      await jest.advanceTimersByTimeAsync(0);
      await Promise.all([early.subscription.caughtUp, late.subscription.caughtUp]);

      log.commit(1n, 1n);
      // The first polls after 10,000: 10,120 for the later phase, 10,500 for the other.
      await jest.advanceTimersByTimeAsync(119);
      expect(late.delivered()).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(positions(late.delivered())).toEqual([1]);
      expect(early.delivered()).toEqual([]);
      await jest.advanceTimersByTimeAsync(380);
      expect(positions(early.delivered())).toEqual([1]);

      log.commit(2n, 2n);
      // And every interval after: 10,620, then 11,000.
      await jest.advanceTimersByTimeAsync(119);
      expect(positions(late.delivered())).toEqual([1]);
      await jest.advanceTimersByTimeAsync(1);
      expect(positions(late.delivered())).toEqual([1, 2]);
      expect(positions(early.delivered())).toEqual([1]);
      await Promise.all([early.subscription.stop(), late.subscription.stop()]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads once on a poll, without waiting for the transactions then running', async () => {
    const log = new FakeLog();
    const { subscription } = subscribe(log, { pollIntervalMs: 1_000 });
    await subscription.caughtUp;
    // Transaction 1 is running; 2 has committed.
    log.add(2n, 2n);
    log.xmax = 3n;
    await until(() => Date.now() % 1_000 > 900);
    const before = log.reads;
    await until(() => log.reads === before + 1);
    // A wake-up would read again after 5, 10, 20 … ms until transaction 1 had finished; the next poll is ~1 s away
    // (a loaded machine's late timers stay well inside that).
    await settle(200);
    expect(log.reads).toBe(before + 1);
    await subscription.stop();
  });

  it('reads once on a poll whose timer fires before its wall-clock time', async () => {
    // Timers count from the event loop's cached clock: under load one fires while Date.now() is still short of its time.
    jest.useFakeTimers({ now: 10_000 });
    try {
      const log = new FakeLog();
      const { subscription } = subscribe(log, { pollIntervalMs: 1_000 });
      await jest.advanceTimersByTimeAsync(0);
      await subscription.caughtUp;
      const before = log.reads;
      // The pause aims at 11,000; its timer will fire while Date.now() says 10,960.
      jest.setSystemTime(9_960);
      await jest.advanceTimersByTimeAsync(1_000);
      expect(log.reads).toBe(before + 1);
      await jest.advanceTimersByTimeAsync(900);
      expect(log.reads).toBe(before + 1);
      await jest.advanceTimersByTimeAsync(200);
      expect(log.reads).toBe(before + 2);
      await subscription.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads a burst of appends together, and the first change after a quiet spell at once', async () => {
    // Fake timers: the burst's appends 10 ms apart must stay inside the 200 ms live-read interval, which real timers
    // on a loaded machine do not promise.
    jest.useFakeTimers({ now: 10_000 });
    try {
      const log = new FakeLog();
      const { subscription, changes, batches } = subscribe(log, { pollIntervalMs: 10_000, liveReadIntervalMs: 200 });
      await jest.advanceTimersByTimeAsync(0);
      await subscription.caughtUp;
      await jest.advanceTimersByTimeAsync(250);
      const before = log.reads;

      log.commit(1n, 1n);
      changes.notify();
      await jest.advanceTimersByTimeAsync(0);
      expect(batches.map(positions)).toEqual([[1]]);
      for (let i = 2n; i <= 5n; i += 1n) {
        log.commit(i, i);
        changes.notify();
        await jest.advanceTimersByTimeAsync(10);
      }
      expect(batches.map(positions)).toEqual([[1]]);

      await jest.advanceTimersByTimeAsync(250);
      expect(batches.map(positions)).toEqual([[1], [2, 3, 4, 5]]);
      expect(log.reads - before).toBe(2);
      await subscription.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('delivers only its event types and hands on how far it has seen the log, with no events when it has none', async () => {
    const log = new FakeLog();
    log.commit(1n, 1n, 'A');
    log.commit(2n, 2n, 'B');
    log.commit(3n, 3n, 'A');
    log.commit(4n, 4n, 'B');
    const short = subscribe(log, { eventTypes: ['A'] });
    const full = subscribe(log, { eventTypes: ['A'], batchSize: 1 });
    await Promise.all([short.subscription.caughtUp, full.subscription.caughtUp]);
    expect(short.batches.map(positions)).toEqual([[1, 3]]);
    expect(short.throughs).toEqual([{ transactionId: 4n, globalPosition: 4n }]);
    // A full page has seen the log only through its last event.
    expect(full.batches.map(positions)).toEqual([[1], [3], []]);
    expect(full.throughs.map((through) => through.globalPosition)).toEqual([1n, 3n, 4n]);

    log.commit(5n, 5n, 'B');
    short.subscription.readNow();
    await until(() => short.throughs.length === 2);
    expect(short.batches.at(-1)).toEqual([]);
    expect(short.throughs.at(-1)).toEqual({ transactionId: 5n, globalPosition: 5n });
  });

  it('is woken by changes of its event types or of unknown types, not of others', async () => {
    const log = new FakeLog();
    const changes = new ChangeSignal();
    const { subscription, delivered, throughs } = subscribe(log, { eventTypes: ['A', 'C'], liveReadIntervalMs: 0 }, changes);
    await subscription.caughtUp;
    const readsAtHead = log.reads;

    log.commit(1n, 1n, 'B');
    changes.notify(new Set(['B']));
    // A wake-up would have started its read within the microtasks before this.
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.reads).toBe(readsAtHead);

    log.commit(2n, 2n, 'C');
    changes.notify(new Set(['B', 'C']));
    await until(() => delivered().length === 1);
    expect(positions(delivered())).toEqual([2]);

    log.commit(3n, 3n, 'B');
    changes.notify();
    await until(() => throughs.at(-1)?.globalPosition === 3n);
    expect(log.reads).toBe(readsAtHead + 2);
  });

  it('does not miss a change signalled while it was reading', async () => {
    const log = new FakeLog();
    const changes = new ChangeSignal();
    log.afterRead = () => {
      log.afterRead = undefined;
      log.commit(1n, 1n);
      changes.notify();
    };
    const { subscription, delivered } = subscribe(log, { pollIntervalMs: 10_000 }, changes);
    await settle();
    expect(positions(delivered())).toEqual([1]);
    await subscription.stop();
  });

  it('waits for the batch in flight on stop() and delivers nothing after it', async () => {
    const log = new FakeLog();
    log.commit(1n, 1n);
    let release!: () => void;
    const handled: LogEvent[] = [];
    const subscription = new GlobalLogSubscription(
      log.read,
      new ChangeSignal(),
      async (batch) => {
        await new Promise<void>((resolve) => (release = resolve));
        handled.push(...batch);
      },
      20,
      {},
      () => undefined,
    );
    subscriptions.push(subscription);
    await settle();
    let stopped = false;
    const stopping = subscription.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);

    release();
    await stopping;
    log.commit(2n, 2n);
    await settle(100);
    expect(positions(handled)).toEqual([1]);
  });

  describe('when reads fail', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('retries a failing read and carries on', async () => {
      const log = new FakeLog();
      log.commit(1n, 1n);
      log.failures = 2;
      const { subscription, delivered } = subscribe(log);
      await jest.advanceTimersByTimeAsync(1_000);
      await subscription.caughtUp;
      expect(positions(delivered())).toEqual([1]);
      await subscription.stop();
    });

    it('stops and reports after repeated failures', async () => {
      const log = new FakeLog();
      log.failures = Infinity;
      const errors: unknown[] = [];
      const { subscription, finished } = subscribe(log, { onError: (error) => errors.push(error) });
      const caughtUp = expect(subscription.caughtUp).rejects.toThrow('connection lost');
      await jest.advanceTimersByTimeAsync(10_000);
      await caughtUp;
      expect(errors).toHaveLength(1);
      expect(log.reads).toBe(5);
      expect(finished()).toBe(true);
    });
  });
});
