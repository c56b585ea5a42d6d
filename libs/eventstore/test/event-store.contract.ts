/**
 * The behaviour every EventStore adapter must have. Run it from an adapter's `*.int.spec.ts` with a harness
 * that hands out a store on a fresh, empty schema.
 */
import { randomUUID } from 'node:crypto';
import {
  checkpointOf,
  DuplicateEventIdError,
  START_OF_LOG,
  WrongExpectedVersionError,
  type EventStore,
  type GlobalCheckpoint,
  type NewEvent,
  type RecordedEvent,
} from '../src/event-store';

export interface EventStoreHarness {
  /** A store on a fresh, empty schema; `dispose` closes it and drops the schema. */
  createStore(): Promise<{ store: EventStore; dispose(): Promise<void> }>;
  /** Size of the concurrency test. */
  writers: number;
  eventsPerWriter: number;
}

export function newEvent(type = 'ProductAdded', data: unknown = { name: 'Кофе капучино 0,3 л', price: 19900 }): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    data,
    metadata: { organisationId: randomUUID(), actor: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() },
  };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ids = (events: readonly { eventId: string }[]) => events.map((event) => event.eventId);

/**
 * The global log once it shows `lastEventId`. A reader stops short of any transaction still open on the server, another
 * test file's included (transaction ids are server-wide), so a read right after an append may not show it yet.
 */
async function readAllThrough(store: EventStore, lastEventId: string): Promise<RecordedEvent[]> {
  let all: RecordedEvent[] = [];
  await waitFor(async () => (all = await store.readAll()).some((event) => event.eventId === lastEventId));
  return all;
}

export function describeEventStoreContract(name: string, harness: EventStoreHarness): void {
  describe(`${name} (EventStore contract)`, () => {
    let store: EventStore;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      ({ store, dispose } = await harness.createStore());
    });

    afterEach(async () => {
      await dispose();
    });

    describe('appendToStream', () => {
      it('appends to a new stream and reads the events back with their metadata and positions', async () => {
        const events = [newEvent('ProductAdded', { name: 'Чай', tags: ['горячее'], price: 10_050 }), newEvent('ProductRenamed', null)];
        events[1] = { ...events[1]!, schemaVersion: 2, metadata: { ...events[1]!.metadata, traceparent: '00-abc-def-01', extra: { n: 1 } } };

        const result = await store.appendToStream('product-org-1', events, { expectedVersion: 'no-stream' });

        const { version, events: read } = await store.readStream('product-org-1');
        expect(result.nextExpectedVersion).toBe(2);
        expect(version).toBe(2);
        expect(read.map((e) => [e.eventId, e.streamId, e.streamPosition, e.type, e.schemaVersion])).toEqual([
          [events[0]!.eventId, 'product-org-1', 1, 'ProductAdded', 1],
          [events[1]!.eventId, 'product-org-1', 2, 'ProductRenamed', 2],
        ]);
        expect(read.map((e) => e.data)).toEqual([events[0]!.data, null]);
        expect(read.map((e) => e.metadata)).toEqual(events.map((e) => e.metadata));
        expect(typeof read[0]!.globalPosition).toBe('bigint');
        expect(typeof read[0]!.transactionId).toBe('bigint');
        expect(read[1]!.globalPosition).toBeGreaterThan(read[0]!.globalPosition);
        expect(read[1]!.transactionId).toBe(read[0]!.transactionId);
        expect(result.lastGlobalPosition).toBe(read[1]!.globalPosition);
        expect(read[0]!.recordedAt).toBeInstanceOf(Date);
        expect(Math.abs(read[0]!.recordedAt.getTime() - Date.now())).toBeLessThan(60_000);
      });

      it('appends at the exact expected version and rejects a stale one with the actual version', async () => {
        await store.appendToStream('s', [newEvent(), newEvent()], { expectedVersion: 'no-stream' });
        await expect(store.appendToStream('s', [newEvent()], { expectedVersion: 2 })).resolves.toMatchObject({ nextExpectedVersion: 3 });

        const stale = store.appendToStream('s', [newEvent()], { expectedVersion: 2 });
        await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await expect(stale).rejects.toMatchObject({ streamId: 's', expected: 2, actual: 3 });
        expect((await store.readStream('s')).version).toBe(3);
      });

      it("rejects 'no-stream' on an existing stream and an exact version on a missing one", async () => {
        await store.appendToStream('s', [newEvent()]);
        await expect(store.appendToStream('s', [newEvent()], { expectedVersion: 'no-stream' })).rejects.toMatchObject({
          name: 'WrongExpectedVersionError',
          expected: 'no-stream',
          actual: 1,
        });
        await expect(store.appendToStream('missing', [newEvent()], { expectedVersion: 3 })).rejects.toMatchObject({
          expected: 3,
          actual: 0,
        });
        expect((await store.readStream('missing')).version).toBe(0);
      });

      it('rejects an expected version the stream has not reached, leaving no gap', async () => {
        await store.appendToStream('s', [newEvent()]);
        await expect(store.appendToStream('s', [newEvent()], { expectedVersion: 3 })).rejects.toMatchObject({ expected: 3, actual: 1 });
        await expect(store.appendToStream('s', [newEvent(), newEvent()], { expectedVersion: 2 })).rejects.toMatchObject({ actual: 1 });
        expect((await store.readStream('s')).events.map((e) => e.streamPosition)).toEqual([1]);
      });

      it("appends with 'any' whatever the version", async () => {
        await expect(store.appendToStream('s', [newEvent()], { expectedVersion: 'any' })).resolves.toMatchObject({ nextExpectedVersion: 1 });
        await expect(store.appendToStream('s', [newEvent(), newEvent()])).resolves.toMatchObject({ nextExpectedVersion: 3 });
      });

      it('lets exactly one of concurrent appends at the same expected version win', async () => {
        await store.appendToStream('s', [newEvent()]);
        const outcomes = await Promise.allSettled(
          Array.from({ length: 6 }, () => store.appendToStream('s', [newEvent()], { expectedVersion: 1 })),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
          expect(outcome.reason).toBeInstanceOf(WrongExpectedVersionError);
          expect(outcome.reason).toMatchObject({ actual: 2 });
        }
        expect((await store.readStream('s')).events.map((e) => e.streamPosition)).toEqual([1, 2]);
      });

      it("serialises concurrent 'any' appends to one stream without gaps", async () => {
        await Promise.all(Array.from({ length: 10 }, () => store.appendToStream('s', [newEvent(), newEvent()])));
        expect((await store.readStream('s')).events.map((e) => e.streamPosition)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      });

      it('stores nothing of a batch that fails', async () => {
        const taken = newEvent();
        await store.appendToStream('other', [taken]);
        const before = await readAllThrough(store, taken.eventId);

        await expect(store.appendToStream('s', [newEvent(), newEvent(), taken])).rejects.toBeInstanceOf(DuplicateEventIdError);
        await expect(store.appendToStream('s', [newEvent(), { ...newEvent(), eventId: 'not-a-uuid' }])).rejects.toThrow();

        expect(await store.readStream('s')).toEqual({ version: 0, events: [] });
        const marker = newEvent();
        await store.appendToStream('other', [marker]);
        expect(ids(await readAllThrough(store, marker.eventId))).toEqual([...ids(before), marker.eventId]);
      });

      it('treats a re-append of the same event ids as a no-op that returns the original result', async () => {
        const batch = [newEvent(), newEvent()];
        const original = await store.appendToStream('s', batch, { expectedVersion: 'no-stream' });
        const later = newEvent();
        await store.appendToStream('s', [later]);

        await expect(store.appendToStream('s', batch, { expectedVersion: 'no-stream' })).resolves.toEqual(original);
        await expect(store.appendToStream('s', batch)).resolves.toEqual(original);
        await expect(store.appendToStream('s', batch, { expectedVersion: 0 })).resolves.toEqual(original);

        expect((await store.readStream('s')).version).toBe(3);
        expect(await readAllThrough(store, later.eventId)).toHaveLength(3);
      });

      it('returns the original result to concurrent identical appends and stores the events once', async () => {
        await store.appendToStream('s', [newEvent()]);
        const batch = [newEvent(), newEvent(), newEvent()];
        const results = await Promise.all([
          ...Array.from({ length: 4 }, () => store.appendToStream('s', batch)),
          ...Array.from({ length: 4 }, () => store.appendToStream('s', batch, { expectedVersion: 1 })),
        ]);
        expect(new Set(results.map((r) => `${r.nextExpectedVersion}/${r.lastGlobalPosition}`)).size).toBe(1);
        expect(results[0]!.nextExpectedVersion).toBe(4);
        expect(await readAllThrough(store, batch[2]!.eventId)).toHaveLength(4);
      });

      it('rejects event ids that another append already used, and repeated ids within a batch', async () => {
        const first = newEvent();
        await store.appendToStream('a', [first]);
        await expect(store.appendToStream('b', [first])).rejects.toMatchObject({ name: 'DuplicateEventIdError', eventIds: [first.eventId] });
        await expect(store.appendToStream('a', [first, newEvent()])).rejects.toBeInstanceOf(DuplicateEventIdError);
        const twice = newEvent();
        await expect(store.appendToStream('c', [twice, twice])).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await readAllThrough(store, first.eventId)).toHaveLength(1);
      });

      it('answers an empty append with the stream head after checking the version', async () => {
        const events = [newEvent(), newEvent()];
        const appended = await store.appendToStream('s', events);
        await expect(store.appendToStream('s', [], { expectedVersion: 2 })).resolves.toEqual(appended);
        await expect(store.appendToStream('s', [], { expectedVersion: 1 })).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await expect(store.appendToStream('new', [], { expectedVersion: 'no-stream' })).resolves.toEqual({
          nextExpectedVersion: 0,
          lastGlobalPosition: 0n,
        });
        expect(await readAllThrough(store, events[1]!.eventId)).toHaveLength(2);
      });
    });

    describe('readStream', () => {
      it('reads forward after a version, at most maxCount events', async () => {
        const events = Array.from({ length: 10 }, () => newEvent());
        await store.appendToStream('s', events.slice(0, 4));
        await store.appendToStream('t', [newEvent()]);
        await store.appendToStream('s', events.slice(4));

        const page = await store.readStream('s', { fromVersion: 3, maxCount: 4 });
        expect(page.version).toBe(10);
        expect(page.events.map((e) => e.streamPosition)).toEqual([4, 5, 6, 7]);
        expect(ids(page.events)).toEqual(ids(events.slice(3, 7)));
        expect((await store.readStream('s', { fromVersion: 10 })).events).toEqual([]);
        expect(ids((await store.readStream('s')).events)).toEqual(ids(events));
      });

      it('reads a missing stream as version 0 with no events', async () => {
        await expect(store.readStream('missing')).resolves.toEqual({ version: 0, events: [] });
      });
    });

    describe('readAll', () => {
      it('reads the global log in order, strictly after a checkpoint, at most maxCount events', async () => {
        const appended: NewEvent[] = [];
        for (const stream of ['a', 'b', 'a', 'c', 'b']) {
          const events = [newEvent(), newEvent()];
          await store.appendToStream(stream, events);
          appended.push(...events);
        }
        const all = await readAllThrough(store, appended.at(-1)!.eventId);
        expect(ids(all)).toEqual(ids(appended));
        const positions = all.map((e) => e.globalPosition);
        expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);

        const page = await store.readAll({ after: checkpointOf(all[3]!), maxCount: 3 });
        expect(ids(page)).toEqual(ids(appended.slice(4, 7)));
        expect(await store.readAll({ after: checkpointOf(all[9]!) })).toEqual([]);
        expect(ids(await store.readAll({ after: START_OF_LOG, maxCount: 2 }))).toEqual(ids(appended.slice(0, 2)));
      });
    });

    describe('subscribeToAll', () => {
      it('catches up with the log, then delivers live appends, and delivers nothing after stop()', async () => {
        const before = Array.from({ length: 5 }, () => newEvent());
        await store.appendToStream('s', before);
        const received: RecordedEvent[] = [];
        const subscription = store.subscribeToAll(async (batch) => void received.push(...batch), { batchSize: 2 });

        await subscription.caughtUp;
        expect(ids(received)).toEqual(ids(before));

        const live = [newEvent(), newEvent()];
        await store.appendToStream('t', live);
        await waitFor(() => received.length === 7);
        expect(ids(received.slice(5))).toEqual(ids(live));

        await subscription.stop();
        const afterStop = newEvent();
        await store.appendToStream('t', [afterStop]);
        // A subscriber still running gets it: by then a stopped one that still delivered would have it too.
        const stillRunning: RecordedEvent[] = [];
        const witness = store.subscribeToAll(async (batch) => void stillRunning.push(...batch), { from: checkpointOf(received[6]!) });
        await waitFor(() => stillRunning.length === 1);
        await witness.stop();
        expect(ids(stillRunning)).toEqual([afterStop.eventId]);
        expect(received).toHaveLength(7);
      });

      it('delivers only the events after the checkpoint it starts from', async () => {
        const events = [newEvent(), newEvent(), newEvent()];
        await store.appendToStream('s', events);
        const [, second] = await readAllThrough(store, events[2]!.eventId);
        const received: RecordedEvent[] = [];
        const subscription = store.subscribeToAll(async (batch) => void received.push(...batch), { from: checkpointOf(second!) });
        await subscription.caughtUp;
        expect(received.map((e) => e.streamPosition)).toEqual([3]);
        await subscription.stop();
      });

      it('stops and reports when the handler fails', async () => {
        await store.appendToStream('s', [newEvent()]);
        const failure = new Error('projection broke');
        const errors: unknown[] = [];
        const subscription = store.subscribeToAll(
          async () => {
            throw failure;
          },
          { onError: (error) => errors.push(error) },
        );
        await expect(subscription.caughtUp).rejects.toBe(failure);
        expect(errors).toEqual([failure]);
        await subscription.stop();
      });

      it(
        `delivers every event exactly once and in one order while ${harness.writers} writers append ${harness.eventsPerWriter} events each, also across a restart from the stored checkpoint`,
        async () => {
          const total = harness.writers * harness.eventsPerWriter;
          const live: RecordedEvent[] = [];
          const liveSubscription = store.subscribeToAll(async (batch) => void live.push(...batch), { batchSize: 200 });

          const restarted: RecordedEvent[] = [];
          let stored: GlobalCheckpoint = START_OF_LOG;
          const handler = async (batch: RecordedEvent[]) => {
            restarted.push(...batch);
            stored = checkpointOf(batch[batch.length - 1]!);
          };
          const firstRun = store.subscribeToAll(handler, { batchSize: 100 });

          const writers = Array.from({ length: harness.writers }, async (_, writer) => {
            for (let written = 0, append = 0; written < harness.eventsPerWriter; append += 1) {
              const size = Math.min(1 + (append % 3), harness.eventsPerWriter - written);
              // Mostly the writer's own streams, every fifth append a stream all writers share.
              const stream = append % 5 === 4 ? `shared-${append % 3}` : `writer-${writer}-${append % 7}`;
              await store.appendToStream(stream, Array.from({ length: size }, () => newEvent()));
              written += size;
            }
          });

          await waitFor(() => restarted.length >= total / 3, 60_000);
          await firstRun.stop();
          const secondRun = store.subscribeToAll(handler, { from: stored, batchSize: 100 });

          await Promise.all(writers);
          // Appended last, delivered last: once both have it, they have delivered everything (and any duplicate) before it.
          const end = newEvent('End');
          await store.appendToStream('end', [end]);
          const hasEnd = (events: RecordedEvent[]) => events.some((event) => event.eventId === end.eventId);
          await waitFor(() => hasEnd(live) && hasEnd(restarted), 60_000);
          await Promise.all([liveSubscription.stop(), secondRun.stop()]);

          const all = await readAllThrough(store, end.eventId);
          expect(all).toHaveLength(total + 1);
          expect(new Set(ids(all)).size).toBe(total + 1);
          expect(ids(live)).toEqual(ids(all));
          expect(ids(restarted)).toEqual(ids(all));

          const streams = new Map<string, number[]>();
          for (const event of all) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event.streamPosition]);
          for (const positions of streams.values()) expect(positions).toEqual(positions.map((_, i) => i + 1));
        },
        120_000,
      );
    });
  });
}
