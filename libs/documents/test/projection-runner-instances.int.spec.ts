/**
 * Two instances of a service run the same projection on the same PostgreSQL schemas, each with its own pool,
 * while writers append concurrently: they take turns batch by batch.
 */
import { checkpointOf, createEventStore, type EventStore, type GlobalCheckpoint, type NewEvent } from '@elk/eventstore';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresDocumentStore, compareCheckpoints, defineCollection, oneEventAtATime, startProjections, type DocumentStore, type Projection, type ProjectionRunner } from '../src';
import { TEST_DATABASE_URL } from './document-store-fixtures';

interface Tally {
  /** Stream positions in the order they were applied: applying an event twice, or out of order, shows here. */
  positions: number[];
}

const tallies = defineCollection<Tally>('tally.v1');

/** Deliberately not idempotent: it appends to the list however often it sees the same event. */
const tally: Projection = {
  name: 'tally.v1',
  collections: [tallies],
  handles: ['Counted'],
  apply: oneEventAtATime(async (event, session) => {
    const documents = session.collection(tallies);
    const current = await documents.get(event.streamId);
    await documents.upsert(event.streamId, { positions: [...(current?.data.positions ?? []), event.streamPosition] });
  }),
};

const STREAMS = Array.from({ length: 8 }, (_, index) => `counter-org-${index}`);

function counted(): NewEvent {
  return { eventId: randomUUID(), type: 'Counted', data: {}, metadata: { organisationId: 'org', actor: 'test', correlationId: randomUUID(), causationId: randomUUID() } };
}

/** An event the projection does not handle: batches of these alone open no transaction. */
function noise(): NewEvent {
  return { eventId: randomUUID(), type: 'Ignored', data: {}, metadata: { organisationId: 'org', actor: 'test', correlationId: randomUUID(), causationId: randomUUID() } };
}

/** A service instance: its own pool, event store and document store over the shared schemas. */
interface Instance {
  pool: Pool;
  eventStore: EventStore;
  documentStore: DocumentStore;
  runner?: ProjectionRunner;
}

describe('projection runner: several instances on PostgreSQL', () => {
  let schema: string;
  let instances: Instance[];

  async function instance(): Promise<Instance> {
    const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 4 });
    const eventStore = await createEventStore({ kind: 'postgres', connection: pool, schema: `${schema}_events`, pollIntervalMs: 50 });
    const opened: Instance = { pool, eventStore, documentStore: new PostgresDocumentStore({ pool, schema }) };
    instances.push(opened);
    return opened;
  }

  async function start(target: Instance, batchSize: number): Promise<ProjectionRunner> {
    // Saves after skipped events often, so that both kinds of checkpoint save race with the other instance's.
    target.runner = await startProjections(target.eventStore, target.documentStore, [tally], { batchSize, skippedEventsPerSave: 10 });
    return target.runner;
  }

  /**
   * `writers` concurrent writers, each appending `appends` times one to three events to a random stream, and as often
   * one or two events the projection does not handle to a stream of their own.
   */
  async function write(eventStore: EventStore, writers: number, appends: number): Promise<void> {
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let index = 0; index < appends; index++) {
          const stream = STREAMS[randomInt(STREAMS.length)] as string;
          await eventStore.appendToStream(stream, Array.from({ length: randomInt(1, 4) }, counted));
          await eventStore.appendToStream(`noise-org-${randomUUID()}`, Array.from({ length: randomInt(1, 3) }, noise));
        }
      }),
    );
  }

  /** Reads the stored checkpoint over and over until stopped; fails if it ever goes backwards. */
  function watchCheckpoint(documentStore: DocumentStore): { stop(): Promise<GlobalCheckpoint[]> } {
    const seen: GlobalCheckpoint[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const checkpoint = await documentStore.getCheckpoint(tally.name);
        if (checkpoint) seen.push(checkpoint);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    return {
      async stop() {
        watching = false;
        await watcher;
        return seen;
      },
    };
  }

  /** Read from the streams: reading the log stops short of transactions still open (the runners' ones, say). */
  async function lastCheckpoint(eventStore: EventStore): Promise<GlobalCheckpoint> {
    const events = (await Promise.all(STREAMS.map(async (stream) => (await eventStore.readStream(stream)).events))).flat();
    return events.map(checkpointOf).reduce((a, b) => (compareCheckpoints(a, b) >= 0 ? a : b));
  }

  /** Each stream's tally lists its positions 1..version once each, in order. */
  async function expectEveryEventAppliedOnce(writer: Instance): Promise<void> {
    await writer.documentStore.ensureCollections([tallies]);
    const documents = await writer.documentStore.collection(tallies).find({ limit: 100 });
    const expected = await Promise.all(STREAMS.map(async (stream) => ({ id: stream, version: (await writer.eventStore.readStream(stream)).version })));
    const actual = documents.items.map((document) => ({ id: document.id, positions: document.data.positions }));
    expect(actual).toEqual(
      expected.filter(({ version }) => version > 0).map(({ id, version }) => ({ id, positions: Array.from({ length: version }, (_, index) => index + 1) })),
    );
  }

  beforeEach(() => {
    schema = `runner_instances_${randomBytes(6).toString('hex')}`;
    instances = [];
  });

  afterEach(async () => {
    for (const { runner, eventStore } of instances) {
      await runner?.stop();
      await eventStore.close();
    }
    const [first] = instances;
    for (const name of [schema, `${schema}_events`]) await first?.pool.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
    await Promise.all(instances.map(({ pool }) => pool.end()));
  });

  it('applies every event once while two instances run the projection under concurrent writers', async () => {
    const [writer, first, second] = [await instance(), await instance(), await instance()];
    await write(writer.eventStore, 2, 5);
    const runners = [await start(first, 4), await start(second, 7)];
    const watcher = watchCheckpoint(writer.documentStore);

    await write(writer.eventStore, 4, 40);
    const last = await lastCheckpoint(writer.eventStore);
    await Promise.all(runners.map((runner) => runner.waitFor(last, { timeoutMs: 20_000 })));

    const seen = await watcher.stop();
    expect(seen.length).toBeGreaterThan(10);
    seen.slice(1).forEach((checkpoint, index) => expect(compareCheckpoints(checkpoint, seen[index]!)).toBeGreaterThanOrEqual(0));
    // At the last counted event, or past it when noise after it was saved too.
    expect(compareCheckpoints((await writer.documentStore.getCheckpoint(tally.name))!, last)).toBeGreaterThanOrEqual(0);
    await expectEveryEventAppliedOnce(writer);
  }, 60_000);

  it('rebuilds on one instance while the other keeps serving the old version, then both the new one, without applying an event twice', async () => {
    const [writer, first, second] = [await instance(), await instance(), await instance()];
    const runners = [await start(first, 5), await start(second, 5)];
    await write(writer.eventStore, 4, 20);
    await Promise.all(runners.map(async (runner) => runner.waitFor(await lastCheckpoint(writer.eventStore), { timeoutMs: 20_000 })));
    // A document no event accounts for: there in the old version only.
    const marker = () => second.documentStore.collection(tallies).get('marker');
    await first.documentStore.collection(tallies).upsert('marker', { positions: [-1] });

    let seenDuringRebuild: Tally | undefined;
    const rebuild = runners[0]!.rebuild(tally.name, { batchSize: 10, onProgress: async () => void (seenDuringRebuild ??= (await marker())?.data) });
    await Promise.all([rebuild, write(writer.eventStore, 2, 30)]);
    expect(seenDuringRebuild).toEqual({ positions: [-1] });
    const last = await lastCheckpoint(writer.eventStore);
    await Promise.all(runners.map((runner) => runner.waitFor(last, { timeoutMs: 20_000 })));

    expect(await marker()).toBeNull();
    await expectEveryEventAppliedOnce(writer);
  }, 60_000);
});
