/**
 * The behaviour every EventStore adapter must have. Run it from an adapter's `*.int.spec.ts` with a harness
 * that hands out a store on a fresh, empty schema.
 */
import { randomUUID } from 'node:crypto';
import {
  checkpointOf,
  compareCheckpoints,
  DuplicateEventIdError,
  START_OF_LOG,
  WrongExpectedVersionError,
  type EventStore,
  type GlobalCheckpoint,
  type LogEvent,
  type NewEvent,
  type RecordedEvent,
} from '../src/event-store';
import type { SqlEventStoreOptions } from '../src/sql-event-store';

export interface EventStoreHarness {
  /** A store on a fresh, empty schema; `dispose` closes it and drops the schema. */
  createStore(options?: Pick<SqlEventStoreOptions, 'pollIntervalMs'>): Promise<{
    store: EventStore;
    /** Another store on the same schema (as another process would open it), closed by `dispose`. */
    another(): EventStore;
    dispose(): Promise<void>;
  }>;
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

/** Counts the store's reads of the global log (both adapters run their SQL through `query`). */
function countLogReads(store: EventStore): () => number {
  const query = jest.spyOn(store as unknown as { query(text: string, params: unknown[]): Promise<unknown[]> }, 'query');
  return () => query.mock.calls.filter(([text]) => text.includes('log_horizon')).length;
}

/** A subscription's batches and the checkpoint it has seen the log through. */
function recorder(): { received: RecordedEvent[]; calls: number; through: GlobalCheckpoint; handler(events: RecordedEvent[], through: GlobalCheckpoint): Promise<void> } {
  const record = {
    received: [] as RecordedEvent[],
    calls: 0,
    through: START_OF_LOG,
    async handler(events: RecordedEvent[], through: GlobalCheckpoint) {
      record.received.push(...events);
      record.calls += 1;
      record.through = through;
    },
  };
  return record;
}

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
    let another: () => EventStore;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      ({ store, another, dispose } = await harness.createStore());
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

    describe('appendToStreams', () => {
      it('appends to several streams in one transaction, the events in the order given', async () => {
        await store.appendToStream('register', [newEvent('SaleChainExtended')]);
        const sale1 = [newEvent('SaleCreated'), newEvent('PaymentReceived')];
        const sale2 = [newEvent('SaleCreated')];
        const chain = newEvent('SaleChainExtended');

        const results = await store.appendToStreams([
          { streamId: 'sale-1', events: sale1, expectedVersion: 'no-stream' },
          { streamId: 'sale-2', events: sale2 },
          { streamId: 'register', events: [chain], expectedVersion: 1 },
        ]);

        const all = await readAllThrough(store, chain.eventId);
        const appended = all.slice(1);
        expect(ids(appended)).toEqual(ids([...sale1, ...sale2, chain]));
        expect(new Set(appended.map((e) => e.transactionId)).size).toBe(1);
        expect(appended.map((e) => [e.streamId, e.streamPosition])).toEqual([
          ['sale-1', 1],
          ['sale-1', 2],
          ['sale-2', 1],
          ['register', 2],
        ]);
        expect(results).toEqual([
          { nextExpectedVersion: 2, lastGlobalPosition: appended[1]!.globalPosition },
          { nextExpectedVersion: 1, lastGlobalPosition: appended[2]!.globalPosition },
          { nextExpectedVersion: 2, lastGlobalPosition: appended[3]!.globalPosition },
        ]);
        expect((await store.readStream('sale-1')).version).toBe(2);
      });

      it('stores the data and metadata of large appends exactly as given, whatever their text', async () => {
        // Past 128 KiB of JSON (PostgreSQL gets it in parts, see jsonb-array.ts), with every kind of text JSON escapes.
        const texts = ['Кофе «Арабика» 0,3 л', 'emoji 🧾☕', 'quote " backslash \\ slash /', 'tab\tnew line\nreturn\r', '\u0001\u001f\u007f\u2028\u2029', '', '{"not":"json"}'];
        const eventOf = (index: number) =>
          newEvent('SaleItemAdded', { index, name: texts[index % texts.length], lines: Array.from({ length: 40 }, (_, line) => ({ line, text: `${texts[line % texts.length]} ${index}`, price: 19_900.5, none: null })) });
        const single = Array.from({ length: 60 }, (_, index) => eventOf(index));
        const many = Array.from({ length: 30 }, (_, sale) => ({ streamId: `sale-text-${sale}`, events: [eventOf(sale), eventOf(sale + 1)] }));

        await store.appendToStream('sale-text', single, { expectedVersion: 'no-stream' });
        await store.appendToStreams(many);

        const read = await store.readStreams([{ streamId: 'sale-text' }, ...many.map(({ streamId }) => ({ streamId }))]);
        expect(read.flatMap((stream) => stream.events.map((event) => [event.eventId, event.data, event.metadata]))).toEqual(
          [...single, ...many.flatMap(({ events }) => events)].map((event) => [event.eventId, event.data, event.metadata]),
        );
      });

      it('writes nothing to any stream when one stream is not at its expected version, and names that stream', async () => {
        const head = newEvent('SaleChainExtended');
        await store.appendToStream('register', [head]);
        const before = await readAllThrough(store, head.eventId);

        const stale = store.appendToStreams([
          { streamId: 'sale-1', events: [newEvent()], expectedVersion: 'no-stream' },
          { streamId: 'register', events: [newEvent()], expectedVersion: 0 },
        ]);
        await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await expect(stale).rejects.toMatchObject({ streamId: 'register', expected: 0, actual: 1 });
        await expect(
          store.appendToStreams([
            { streamId: 'sale-1', events: [newEvent()] },
            { streamId: 'register', events: [newEvent()], expectedVersion: 3 },
          ]),
        ).rejects.toMatchObject({ streamId: 'register', expected: 3, actual: 1 });
        await expect(
          store.appendToStreams([
            { streamId: 'sale-1', events: [newEvent()] },
            { streamId: 'register', events: [], expectedVersion: 'no-stream' },
          ]),
        ).rejects.toMatchObject({ streamId: 'register', actual: 1 });

        expect(await store.readStream('sale-1')).toEqual({ version: 0, events: [] });
        expect((await store.readStream('register')).version).toBe(1);
        const marker = newEvent();
        await store.appendToStream('other', [marker]);
        expect(ids(await readAllThrough(store, marker.eventId))).toEqual([...ids(before), marker.eventId]);
      });

      it('only checks the version of a stream given no events, and answers its head', async () => {
        const registered = await store.appendToStream('register', [newEvent(), newEvent()]);
        const sale = newEvent();

        const [saleResult, registerResult] = await store.appendToStreams([
          { streamId: 'sale-1', events: [sale], expectedVersion: 'no-stream' },
          { streamId: 'register', events: [], expectedVersion: 2 },
        ]);

        expect(saleResult).toMatchObject({ nextExpectedVersion: 1 });
        expect(registerResult).toEqual(registered);
        expect((await store.readStream('register')).version).toBe(2);
      });

      it('lets exactly one of concurrent appends that share streams win, whatever order they name them in', async () => {
        const outcomes = await Promise.allSettled(
          Array.from({ length: 6 }, (_, n) => {
            const shared = [
              { streamId: 'register-a', events: [newEvent()], expectedVersion: 'no-stream' as const },
              { streamId: 'register-b', events: [newEvent()], expectedVersion: 'no-stream' as const },
            ];
            return store.appendToStreams([{ streamId: `sale-${n}`, events: [newEvent()] }, ...(n % 2 ? shared.reverse() : shared)]);
          }),
        );

        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
          expect(outcome.reason).toBeInstanceOf(WrongExpectedVersionError);
          expect(outcome.reason).toMatchObject({ actual: 1 });
        }
        const versions = await Promise.all(Array.from({ length: 6 }, async (_, n) => (await store.readStream(`sale-${n}`)).version));
        expect(versions.sort()).toEqual([0, 0, 0, 0, 0, 1]);
        expect((await store.readStream('register-a')).version).toBe(1);
        expect((await store.readStream('register-b')).version).toBe(1);
      });

      it('rejects event ids another append used, an id twice in one call, and a stream named twice', async () => {
        const first = newEvent();
        await store.appendToStream('sale-1', [first]);

        await expect(
          store.appendToStreams([
            { streamId: 'sale-2', events: [newEvent()] },
            { streamId: 'register', events: [newEvent(), first] },
          ]),
        ).rejects.toMatchObject({ name: 'DuplicateEventIdError', streamId: 'register', eventIds: [first.eventId] });
        const twice = newEvent();
        await expect(
          store.appendToStreams([
            { streamId: 'sale-2', events: [twice] },
            { streamId: 'register', events: [twice] },
          ]),
        ).rejects.toMatchObject({ name: 'DuplicateEventIdError', eventIds: [twice.eventId] });
        await expect(
          store.appendToStreams([
            { streamId: 'sale-2', events: [newEvent()] },
            { streamId: 'sale-2', events: [newEvent()] },
          ]),
        ).rejects.toBeInstanceOf(RangeError);

        expect(await store.readStream('sale-2')).toEqual({ version: 0, events: [] });
        expect(await store.readStream('register')).toEqual({ version: 0, events: [] });
      });

      it('returns the original results to a retry whose ids are all stored in the streams it names, and refuses any other reuse', async () => {
        const sale = [newEvent('SaleCreated'), newEvent('PaymentReceived')];
        const chain = newEvent('SaleChainExtended');
        const call = [
          { streamId: 'sale-1', events: sale, expectedVersion: 'no-stream' as const },
          { streamId: 'register', events: [chain], expectedVersion: 'no-stream' as const },
        ];
        const original = await store.appendToStreams(call);
        const later = newEvent();
        await store.appendToStream('register', [later]);

        await expect(store.appendToStreams(call)).resolves.toEqual(original);
        await expect(
          store.appendToStreams([
            { streamId: 'sale-1', events: sale },
            { streamId: 'register', events: [chain] },
          ]),
        ).resolves.toEqual(original);
        await expect(
          store.appendToStreams([
            { streamId: 'sale-1', events: [sale[0]!] },
            { streamId: 'register', events: [sale[1]!, chain] },
          ]),
        ).rejects.toMatchObject({ name: 'DuplicateEventIdError', streamId: 'sale-1', eventIds: [sale[0]!.eventId] });
        await expect(
          store.appendToStreams([
            { streamId: 'sale-1', events: sale },
            { streamId: 'register', events: [chain, newEvent()] },
          ]),
        ).rejects.toMatchObject({ name: 'DuplicateEventIdError', streamId: 'sale-1' });

        expect((await store.readStream('sale-1')).version).toBe(2);
        expect((await store.readStream('register')).version).toBe(2);
        expect(await readAllThrough(store, later.eventId)).toHaveLength(4);
      });

      it('returns the original results to concurrent identical calls and stores the events once', async () => {
        await store.appendToStream('register', [newEvent()]);
        const call = [
          { streamId: 'sale-1', events: [newEvent(), newEvent()], expectedVersion: 'no-stream' as const },
          { streamId: 'register', events: [newEvent()], expectedVersion: 1 },
        ];
        const results = await Promise.all(Array.from({ length: 6 }, () => store.appendToStreams(call)));

        expect(new Set(results.map((result) => JSON.stringify(result, (_, value: unknown) => String(value)))).size).toBe(1);
        expect(results[0]!.map((result) => result.nextExpectedVersion)).toEqual([2, 2]);
        expect(await readAllThrough(store, call[1]!.events[0]!.eventId)).toHaveLength(4);
      });
    });

    describe('group commit', () => {
      it('lets a burst of appends share commits, and fails only the one whose version does not match', async () => {
        await store.appendToStream('stale', [newEvent(), newEvent()]);
        const burst = Array.from({ length: 40 }, (_, index) => ({ streamId: `burst-${index}`, events: [newEvent(), newEvent()] }));
        const outcomes = await Promise.allSettled([
          ...burst.map(({ streamId, events }) => store.appendToStream(streamId, events, { expectedVersion: 'no-stream' })),
          store.appendToStream('stale', [newEvent()], { expectedVersion: 1 }),
          // A multi-stream append in the burst stays all or nothing.
          store.appendToStreams([
            { streamId: 'burst-sale', events: [newEvent()], expectedVersion: 'no-stream' },
            { streamId: 'burst-register', events: [newEvent()], expectedVersion: 'no-stream' },
          ]),
        ]);

        expect(outcomes.slice(0, 40).map((outcome) => outcome.status)).toEqual(burst.map(() => 'fulfilled'));
        expect(outcomes[40]).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedVersionError) });
        expect(outcomes[41]!.status).toBe('fulfilled');
        for (const { streamId, events } of burst) expect(ids((await store.readStream(streamId)).events)).toEqual(ids(events));
        expect((await store.readStream('stale')).version).toBe(2);

        const log = await readAllThrough(store, burst.at(-1)!.events[1]!.eventId);
        const burstEvents = log.filter((event) => event.streamId.startsWith('burst-'));
        expect(burstEvents).toHaveLength(82);
        // Fewer transactions than appends: the appends that waited shared one.
        expect(new Set(burstEvents.map((event) => event.transactionId)).size).toBeLessThan(burst.length / 2);
        // Each append's events are next to each other in the log, in the order given.
        for (const { events } of burst) {
          const [first, second] = events.map((event) => burstEvents.findIndex((stored) => stored.eventId === event.eventId));
          expect(second).toBe(first! + 1);
        }
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
        await expect(store.readStream('missing', { direction: 'backwards', maxCount: 1 })).resolves.toEqual({ version: 0, events: [] });
      });

      it('reads backwards: the newest events first, at most maxCount, with the version', async () => {
        const events = Array.from({ length: 5 }, () => newEvent());
        await store.appendToStream('s', events.slice(0, 3));
        await store.appendToStream('t', [newEvent()]);
        await store.appendToStream('s', events.slice(3));

        const last = await store.readStream('s', { direction: 'backwards', maxCount: 1 });
        expect(last.version).toBe(5);
        expect(last.events.map((e) => [e.eventId, e.streamPosition])).toEqual([[events[4]!.eventId, 5]]);
        expect(last.events).toEqual((await store.readStream('s', { fromVersion: 4 })).events);
        const all = await store.readStream('s', { direction: 'backwards' });
        expect(ids(all.events)).toEqual(ids(events).reverse());
      });
    });

    describe('readStreams', () => {
      it('reads several streams in one call, each with its own options, a result per read in the order given', async () => {
        const s = Array.from({ length: 6 }, () => newEvent());
        const t = Array.from({ length: 3 }, () => newEvent());
        await store.appendToStream('s', s.slice(0, 4));
        await store.appendToStream('t', t);
        await store.appendToStream('s', s.slice(4));

        const [tBackwards, missing, sPage, sAll, tAll] = await store.readStreams([
          { streamId: 't', direction: 'backwards', maxCount: 1 },
          { streamId: 'missing' },
          { streamId: 's', fromVersion: 2, maxCount: 3 },
          { streamId: 's' },
          { streamId: 't', direction: 'backwards' },
        ]);
        expect(tBackwards).toEqual(await store.readStream('t', { direction: 'backwards', maxCount: 1 }));
        expect(ids(tBackwards!.events)).toEqual([t[2]!.eventId]);
        expect(missing).toEqual({ version: 0, events: [] });
        expect(sPage!.version).toBe(6);
        expect(sPage!.events.map((e) => e.streamPosition)).toEqual([3, 4, 5]);
        expect(sAll).toEqual(await store.readStream('s'));
        expect(ids(tAll!.events)).toEqual(ids(t).reverse());
        await expect(store.readStreams([])).resolves.toEqual([]);
      });

      it('reads a stream past its end as its version with no events', async () => {
        await store.appendToStream('s', [newEvent(), newEvent()]);
        await expect(store.readStreams([{ streamId: 's', fromVersion: 2 }, { streamId: 's', direction: 'backwards', maxCount: 0 }])).resolves.toEqual([
          { version: 2, events: [] },
          { version: 2, events: [] },
        ]);
      });
    });

    describe('readEventsById', () => {
      it('reads the stored events among the ids, of any stream, in log order, leaving out unknown ids', async () => {
        const a = [newEvent(), newEvent()];
        const b = newEvent();
        await store.appendToStream('a', a);
        await store.appendToStream('b', [b, newEvent()]);
        const all = await readAllThrough(store, b.eventId);

        const read = await store.readEventsById([b.eventId, randomUUID(), a[1]!.eventId, a[0]!.eventId]);

        expect(read).toEqual([all[0], all[1], all[2]]);
        await expect(store.readEventsById([randomUUID()])).resolves.toEqual([]);
        await expect(store.readEventsById([])).resolves.toEqual([]);
      });

      it('reads up to 500 ids a call', async () => {
        const event = newEvent();
        await store.appendToStream('a', [event]);
        const many = [event.eventId, ...Array.from({ length: 499 }, () => randomUUID())];
        expect(ids(await store.readEventsById(many))).toEqual([event.eventId]);
        await expect(store.readEventsById([...many, randomUUID()])).rejects.toBeInstanceOf(RangeError);
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

      it('reads only the event types asked for', async () => {
        const appended = ['A', 'B', 'C', 'A', 'B'].map((type) => newEvent(type));
        await store.appendToStream('s', appended);
        const all = await readAllThrough(store, appended.at(-1)!.eventId);
        expect(ids(await store.readAll({ eventTypes: ['A', 'C'] }))).toEqual(ids(appended.filter((event) => event.type !== 'B')));
        expect(ids(await store.readAll({ after: checkpointOf(all[0]!), eventTypes: ['A'], maxCount: 5 }))).toEqual([appended[3]!.eventId]);
        expect(await store.readAll({ eventTypes: [] })).toEqual([]);
      });

      it('reads the same events without their metadata and recording time when asked to', async () => {
        const appended = ['A', 'B', 'A'].map((type) => newEvent(type));
        await store.appendToStream('s', appended);
        const all = await readAllThrough(store, appended.at(-1)!.eventId);
        const withoutMetadata = ({ metadata: _metadata, recordedAt: _recordedAt, ...event }: RecordedEvent) => event;
        const light = await store.readAll({ withoutMetadata: true });
        expect(light).toEqual(all.map(withoutMetadata));
        expect(light.every((event) => !('metadata' in event) && !('recordedAt' in event))).toBe(true);
        expect(await store.readAll({ after: checkpointOf(all[0]!), eventTypes: ['A'], withoutMetadata: true })).toEqual([withoutMetadata(all[2]!)]);
      });
    });

    describe('lastGlobalPosition', () => {
      it('is 0 for an empty log, then the global position of the last event appended', async () => {
        expect(await store.lastGlobalPosition()).toBe(0n);
        await store.appendToStream('a', [newEvent()]);
        const { lastGlobalPosition } = await store.appendToStream('b', [newEvent(), newEvent()]);
        expect(await store.lastGlobalPosition()).toBe(lastGlobalPosition);
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

      it('delivers only the event types it subscribes to, moving its checkpoint through the others', async () => {
        const appended = ['A', 'B', 'A', 'B', 'B'].map((type) => newEvent(type));
        await store.appendToStream('s', appended);
        const all = await readAllThrough(store, appended.at(-1)!.eventId);
        const wide = recorder();
        const narrow = recorder();
        const subscriptions = [store.subscribeToAll(wide.handler, { eventTypes: ['A'] }), store.subscribeToAll(narrow.handler, { eventTypes: ['A'], batchSize: 1 })];
        await Promise.all(subscriptions.map((subscription) => subscription.caughtUp));
        for (const { received } of [wide, narrow]) expect(ids(received)).toEqual([appended[0]!.eventId, appended[2]!.eventId]);
        // A short page has seen the log through its last event; a full one through the last event it holds.
        expect(wide.through).toEqual(checkpointOf(all[4]!));
        expect(narrow.through).toEqual(checkpointOf(all[4]!));

        // Nothing of its types: a call with no events, only to move the checkpoint on.
        const calls = wide.calls;
        const other = newEvent('B');
        await store.appendToStream('t', [other]);
        const last = checkpointOf((await readAllThrough(store, other.eventId)).at(-1)!);
        subscriptions[0]!.readNow();
        await waitFor(() => compareCheckpoints(wide.through, last) === 0);
        expect(wide.calls).toBe(calls + 1);
        expect(wide.received).toHaveLength(2);
        await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      });

      it('is not woken by appends of event types it does not subscribe to', async () => {
        const quiet = await harness.createStore({ pollIntervalMs: 60_000 });
        try {
          const logReads = countLogReads(quiet.store);
          const typed = recorder();
          const subscription = quiet.store.subscribeToAll(typed.handler, { eventTypes: ['A', 'C'] });
          await subscription.caughtUp;
          const readsAtHead = logReads();

          for (let index = 0; index < 3; index++) await quiet.store.appendToStream(`b-${index}`, [newEvent('B')]);
          // An append wakes its subscribers as it returns: a read would have started within the microtasks before this.
          await new Promise((resolve) => setImmediate(resolve));
          expect(logReads()).toBe(readsAtHead);

          const wanted = newEvent('A');
          await quiet.store.appendToStreams([{ streamId: 'a', events: [wanted] }, { streamId: 'b-9', events: [newEvent('B')] }]);
          await waitFor(() => typed.received.length === 1);
          expect(ids(typed.received)).toEqual([wanted.eventId]);
          expect(logReads()).toBeGreaterThan(readsAtHead);
          await subscription.stop();
        } finally {
          await quiet.dispose();
        }
      });

      it('reads the log for its subscriptions together, with their event types in SQL, each getting its own', async () => {
        const query = jest.spyOn(store as unknown as { query(text: string, params: unknown[]): Promise<unknown[]> }, 'query');
        const subscribed = [['A'], ['B', 'C'], ['C', 'A']];
        const recorders = subscribed.map(() => recorder());
        const subscriptions = subscribed.map((eventTypes, index) => store.subscribeToAll(recorders[index]!.handler, { eventTypes }));
        await Promise.all(subscriptions.map((subscription) => subscription.caughtUp));
        query.mockClear();

        const appended = ['A', 'B', 'C', 'A', 'D'].map((type) => newEvent(type));
        await store.appendToStream('s', appended);
        const all = await readAllThrough(store, appended.at(-1)!.eventId);
        await waitFor(() => recorders.every(({ through }) => compareCheckpoints(through, checkpointOf(all[4]!)) === 0));
        expect(recorders.map(({ received }) => received.map((event) => event.type))).toEqual([['A', 'A'], ['B', 'C'], ['A', 'C', 'A']]);
        // Every read the subscriptions made asked for their types together: none read D, which none of them handles.
        const logReads = query.mock.calls.filter(([text]) => text.includes('log_horizon') && text.includes('type = ANY'));
        expect(logReads.length).toBeGreaterThan(0);
        for (const [, params] of logReads) expect(params[3]).toEqual(['A', 'B', 'C']);
        await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      });

      it("reads the log without the events' metadata when none of its subscriptions wants it, with it when one does", async () => {
        const query = jest.spyOn(store as unknown as { query(text: string, params: unknown[]): Promise<unknown[]> }, 'query');
        const logReads = () => query.mock.calls.filter(([text]) => text.includes('log_horizon')).map(([text]) => text.includes('metadata'));
        const appended = [newEvent('A'), newEvent('A')];
        await store.appendToStream('s', appended);
        const projected: LogEvent[] = [];
        const projection = store.subscribeToAll(async (batch) => void projected.push(...batch), { eventTypes: ['A'], withoutMetadata: true });
        await projection.caughtUp;
        expect(projected.map((event) => event.eventId)).toEqual(ids(appended));
        expect(projected.every((event) => !('metadata' in event) && !('recordedAt' in event))).toBe(true);
        expect(logReads().length).toBeGreaterThan(0);
        expect(logReads().every((withMetadata) => !withMetadata)).toBe(true);

        const relayed = recorder();
        const relay = store.subscribeToAll(relayed.handler, { eventTypes: ['A'] });
        await relay.caughtUp;
        query.mockClear();
        const later = newEvent('A');
        await store.appendToStream('s', [later]);
        await waitFor(() => projected.length === 3 && relayed.received.length === 3);
        expect(relayed.received.map((event) => event.metadata)).toMatchObject([...appended, later].map((event) => event.metadata));
        expect(logReads().length).toBeGreaterThan(0);
        expect(logReads().every((withMetadata) => withMetadata)).toBe(true);
        await Promise.all([projection.stop(), relay.stop()]);
      });

      it(
        `delivers every event exactly once and in one order while ${harness.writers} writers append ${harness.eventsPerWriter} events each (some to two streams at once), also across a restart from the stored checkpoint`,
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
          // Every third event is of a type a filtered subscription reads (alone in its store, so the type is filtered in
          // SQL), also across a restart from its `through`.
          const keeping = another();
          const kept: RecordedEvent[] = [];
          let keptThrough: GlobalCheckpoint = START_OF_LOG;
          const keptHandler = async (batch: RecordedEvent[], through: GlobalCheckpoint) => {
            kept.push(...batch);
            keptThrough = through;
          };
          const firstKept = keeping.subscribeToAll(keptHandler, { batchSize: 50, eventTypes: ['Kept'] });

          // Calls to several streams at once, each to read back as one block in the order given.
          const multiStream: string[][] = [];
          const writers = Array.from({ length: harness.writers }, async (_, writer) => {
            for (let written = 0, append = 0; written < harness.eventsPerWriter; append += 1) {
              const size = Math.min(1 + (append % 3), harness.eventsPerWriter - written);
              const events = Array.from({ length: size }, (_, index) => newEvent((written + index) % 3 === 0 ? 'Kept' : 'ProductAdded'));
              // Mostly the writer's own streams, every fifth append a stream all writers share, every fourth the writer's
              // stream and a shared one at once (named in either order).
              const stream = append % 5 === 4 ? `shared-${append % 3}` : `writer-${writer}-${append % 7}`;
              if (append % 4 === 3 && size > 1) {
                const parts = [
                  { streamId: `writer-${writer}-${append % 7}`, events: events.slice(0, 1) },
                  { streamId: `shared-${append % 3}`, events: events.slice(1) },
                ];
                await store.appendToStreams(writer % 2 ? parts.reverse() : parts);
                multiStream.push(ids(parts.flatMap((part) => part.events)));
              } else {
                await store.appendToStream(stream, events);
              }
              written += size;
            }
          });

          await waitFor(() => restarted.length >= total / 3, 60_000);
          await Promise.all([firstRun.stop(), firstKept.stop()]);
          const secondRun = store.subscribeToAll(handler, { from: stored, batchSize: 100 });
          const secondKept = keeping.subscribeToAll(keptHandler, { from: keptThrough, batchSize: 50, eventTypes: ['Kept'] });

          await Promise.all(writers);
          // Appended last, delivered last: once both have it, they have delivered everything (and any duplicate) before it.
          const end = newEvent('End');
          await store.appendToStream('end', [end]);
          const hasEnd = (events: RecordedEvent[]) => events.some((event) => event.eventId === end.eventId);
          await waitFor(() => hasEnd(live) && hasEnd(restarted), 60_000);
          const all = await readAllThrough(store, end.eventId);
          // 'End' does not wake the filtered subscription; its poll would, later.
          secondKept.readNow();
          await waitFor(() => compareCheckpoints(keptThrough, checkpointOf(all.at(-1)!)) === 0, 60_000);
          await Promise.all([liveSubscription.stop(), secondRun.stop(), secondKept.stop()]);

          expect(all).toHaveLength(total + 1);
          expect(new Set(ids(all)).size).toBe(total + 1);
          expect(ids(live)).toEqual(ids(all));
          expect(ids(restarted)).toEqual(ids(all));
          expect(ids(kept)).toEqual(ids(all.filter((event) => event.type === 'Kept')));

          const streams = new Map<string, number[]>();
          for (const event of all) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event.streamPosition]);
          for (const positions of streams.values()) expect(positions).toEqual(positions.map((_, i) => i + 1));
          expect(multiStream.length).toBeGreaterThan(0);
          const logIds = ids(all);
          for (const block of multiStream) {
            const start = logIds.indexOf(block[0]!);
            expect(logIds.slice(start, start + block.length)).toEqual(block);
          }
        },
        120_000,
      );
    });
  });
}
