/**
 * The projection runner against a real event store and document store of one adapter.
 */
import { START_OF_LOG, checkpointOf, type EventStore, type GlobalCheckpoint, type LogEvent, type NewEvent, type RecordedEvent } from '@elk/eventstore';
import { randomUUID } from 'node:crypto';
import {
  ProjectionFailedError,
  ProjectionRunnerStoppedError,
  compareCheckpoints,
  defineCollection,
  documentProjection,
  hasApplied,
  lockCheckpoint,
  oneEventAtATime,
  rebuildProjections,
  startProjections,
  type DocumentStore,
  type Projection,
  type ProjectionRunner,
  type ProjectionRunnerOptions,
} from '../src';
import type { AdapterFixture } from './document-store-fixtures';

// Projections see no metadata (LogEvent): the organisation is in the data, as in ELK's events.
type PersonRegistered = LogEvent<'PersonRegistered', { organisationId: string; personId: string; fullName: string; email: string }>;
type PersonRenamed = LogEvent<'PersonRenamed', { organisationId: string; personId: string; fullName: string }>;
type PersonRemoved = LogEvent<'PersonRemoved', { organisationId: string; personId: string }>;
type PersonEvent = PersonRegistered | PersonRenamed | PersonRemoved;

interface DirectoryEntry {
  organisationId: string;
  fullName: string;
  email: string;
}

interface OrganisationStats {
  people: number;
  renames: number;
}

const ORG = 'org-1';
const directoryCollection = defineCollection<DirectoryEntry>('people.directory.v1', { indexes: [{ fields: ['organisationId', 'fullName'] }] });
const statsCollection = defineCollection<OrganisationStats>('people.stats.v1');

/** The common shape: one document per person, folded with evolve; `shown` is how a name is kept. */
function directoryProjection(name: string, shown: (fullName: string) => string = (fullName) => fullName) {
  return documentProjection<DirectoryEntry, PersonEvent>({
    name,
    collection: directoryCollection,
    handles: ['PersonRegistered', 'PersonRenamed', 'PersonRemoved'],
    documentId: (event) => event.data.personId,
    evolve(doc, event) {
      switch (event.type) {
        case 'PersonRegistered':
          return { organisationId: event.data.organisationId, fullName: shown(event.data.fullName), email: event.data.email };
        case 'PersonRenamed':
          return doc && { ...doc, fullName: shown(event.data.fullName) };
        case 'PersonRemoved':
          return null;
      }
    },
  });
}

const directory = directoryProjection('people.directory.v1');

/** The general shape: a per-organisation counter, idempotent by the position it records. */
const stats: Projection = {
  name: 'people.stats.v1',
  collections: [statsCollection],
  handles: ['PersonRegistered', 'PersonRenamed', 'PersonRemoved'],
  apply: oneEventAtATime(async (event, session) => {
    const documents = session.collection(statsCollection);
    const { organisationId } = event.data as PersonEvent['data'];
    const current = await documents.get(organisationId);
    if (hasApplied(current, checkpointOf(event))) return;
    const { people, renames } = current?.data ?? { people: 0, renames: 0 };
    const next =
      event.type === 'PersonRegistered' ? { people: people + 1, renames } : event.type === 'PersonRemoved' ? { people: people - 1, renames } : { people, renames: renames + 1 };
    await documents.upsert(organisationId, next, { checkpoint: checkpointOf(event) });
  }),
};

function newEvent(type: string, data: Record<string, unknown>): NewEvent {
  return { eventId: randomUUID(), type, data: { organisationId: ORG, ...data }, metadata: { organisationId: ORG, actor: 'test', correlationId: randomUUID(), causationId: randomUUID() } };
}

const registered = (personId: string, fullName: string) => newEvent('PersonRegistered', { personId, fullName, email: `${personId}@example.com` });
const renamed = (personId: string, fullName: string) => newEvent('PersonRenamed', { personId, fullName });
const removed = (personId: string) => newEvent('PersonRemoved', { personId });

/** Every document of the two collections, as stored (versions and checkpoints included). */
async function snapshot(store: DocumentStore) {
  const all = async (collection: typeof directoryCollection | typeof statsCollection) =>
    (await store.collection<unknown>(collection).find({ limit: 1000 })).items;
  return { directory: await all(directoryCollection), stats: await all(statsCollection) };
}

/** The projection, noting `<projection>:<event type>` in `applied` for each event it applies. */
function recordingApplied(projection: Projection, applied: string[]): Projection {
  return {
    ...projection,
    apply: (events, session) => {
      applied.push(...events.map((event) => `${projection.name}:${event.type}`));
      return projection.apply(events, session);
    },
  };
}

export function projectionRunnerContract(fixture: AdapterFixture): void {
  describe(`projection runner: ${fixture.name}`, () => {
    let eventStore: EventStore;
    let documentStore: DocumentStore;
    const runners: ProjectionRunner[] = [];

    /** The streams the test appended to. */
    const appended = new Set<string>();

    beforeEach(async () => {
      const database = await fixture.open();
      documentStore = database.documentStore;
      eventStore = await database.openEventStore();
      appended.clear();
      const appendToStream = eventStore.appendToStream.bind(eventStore);
      eventStore.appendToStream = (streamId, ...rest) => {
        appended.add(streamId);
        return appendToStream(streamId, ...rest);
      };
    });
    afterEach(async () => {
      await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    });

    /**
     * The checkpoint of the test's last event, from its streams: reading the global log would stop short while any
     * transaction on the database server is open (another test's), as the log's reader must.
     */
    async function lastCheckpoint(): Promise<GlobalCheckpoint> {
      const events = (await Promise.all([...appended].map(async (streamId) => (await eventStore.readStream(streamId)).events))).flat();
      return events.map(checkpointOf).reduce((a, b) => (compareCheckpoints(a, b) >= 0 ? a : b), START_OF_LOG);
    }

    async function start(projections: Projection[] = [directory, stats], options: ProjectionRunnerOptions = {}): Promise<ProjectionRunner> {
      const runner = await startProjections(eventStore, documentStore, projections, { batchSize: 3, ...options });
      runners.push(runner);
      return runner;
    }

    async function appendStory(): Promise<void> {
      await eventStore.appendToStream(`person-${ORG}-p1`, [registered('p1', 'Anna'), renamed('p1', 'Anna Smirnova')]);
      await eventStore.appendToStream(`person-${ORG}-p2`, [registered('p2', 'Boris')]);
      await eventStore.appendToStream(`sales-point-${ORG}-s1`, [newEvent('SalesPointOpened', { salesPointId: 's1' })]);
      await eventStore.appendToStream(`person-${ORG}-p3`, [registered('p3', 'Clara'), removed('p3')]);
      await eventStore.appendToStream(`person-${ORG}-p4`, [registered('p4', 'Dmitry'), renamed('p4', 'Dima')]);
    }

    const expectStoryProjected = async () => {
      const documents = await snapshot(documentStore);
      expect(documents.directory.map(({ id, data }) => ({ id, data }))).toEqual([
        { id: 'p1', data: { organisationId: ORG, fullName: 'Anna Smirnova', email: 'p1@example.com' } },
        { id: 'p2', data: { organisationId: ORG, fullName: 'Boris', email: 'p2@example.com' } },
        { id: 'p4', data: { organisationId: ORG, fullName: 'Dima', email: 'p4@example.com' } },
      ]);
      expect(documents.stats.map(({ id, data }) => ({ id, data }))).toEqual([{ id: ORG, data: { people: 3, renames: 2 } }]);
    };

    it('projects the log into documents and records the position each applied', async () => {
      await appendStory();
      const runner = await start();
      await runner.caughtUp;
      await expectStoryProjected();
      const events = await eventStore.readAll();
      const lastOf = (personId: string) => checkpointOf(events.filter((event) => (event.data as { personId?: string }).personId === personId).at(-1) as RecordedEvent);
      expect((await documentStore.collection(directoryCollection).get('p1'))?.checkpoint).toEqual(lastOf('p1'));
      expect(await documentStore.getCheckpoint('people.directory.v1')).toEqual(await lastCheckpoint());
    });

    it('lets a command wait until its events are projected', async () => {
      const runner = await start();
      await runner.caughtUp;
      await eventStore.appendToStream(`person-${ORG}-p5`, [registered('p5', 'Eve')]);
      const [appended] = (await eventStore.readStream(`person-${ORG}-p5`)).events;
      await runner.waitFor(appended as RecordedEvent, { projections: ['people.directory.v1'] });
      expect((await documentStore.collection(directoryCollection).get('p5'))?.data.fullName).toBe('Eve');
      await runner.waitFor(appended as RecordedEvent);
      expect((await documentStore.collection(statsCollection).get(ORG))?.data.people).toBe(1);
    });

    it('changes nothing when the log is replayed again over its documents', async () => {
      await appendStory();
      const first = await start();
      await first.caughtUp;
      const before = await snapshot(documentStore);
      await first.stop();

      await documentStore.saveCheckpoint('people.directory.v1', START_OF_LOG);
      await documentStore.saveCheckpoint('people.stats.v1', START_OF_LOG);
      const second = await start();
      await second.caughtUp;
      expect(await documentStore.getCheckpoint('people.stats.v1')).toEqual(await lastCheckpoint());
      expect(await snapshot(documentStore)).toEqual(before);
      await expectStoryProjected();
    });

    it('restarts from its checkpoint, applying only what came after', async () => {
      await appendStory();
      const first = await start();
      await first.caughtUp;
      await first.stop();
      await eventStore.appendToStream(`person-${ORG}-p2`, [renamed('p2', 'Boris Ivanov'), removed('p2')], { expectedVersion: 1 });
      await eventStore.appendToStream(`person-${ORG}-p6`, [registered('p6', 'Fedor')]);

      const applied: string[] = [];
      const spy = (projection: Projection) => recordingApplied(projection, applied);
      const second = await start([spy(directory), spy(stats)]);
      await second.waitFor(await lastCheckpoint());
      expect(applied.sort()).toEqual(
        ['PersonRegistered', 'PersonRemoved', 'PersonRenamed'].flatMap((type) => [`people.directory.v1:${type}`, `people.stats.v1:${type}`]).sort(),
      );
      const documents = await snapshot(documentStore);
      expect(documents.directory.map((document) => document.id)).toEqual(['p1', 'p4', 'p6']);
      expect(documents.stats[0]?.data).toEqual({ people: 3, renames: 3 });
    });

    it('rebuilds one projection into a new version while the old one serves and projects, then switches to it', async () => {
      await appendStory();
      const runner = await start();
      await runner.caughtUp;
      const statsBefore = (await snapshot(documentStore)).stats;
      const directoryDocuments = documentStore.collection(directoryCollection);
      await directoryDocuments.upsert('ghost', { organisationId: ORG, fullName: 'Ghost', email: 'ghost@example.com' });
      await directoryDocuments.upsert('p2', { organisationId: ORG, fullName: 'Corrupted', email: 'x' });

      let duringRebuild: { p2?: string; p7?: string } | undefined;
      await runner.rebuild('people.directory.v1', {
        batchSize: 2,
        onProgress: async () => {
          if (duringRebuild) return;
          // Mid-rebuild: queries read the old version, and the running projection keeps writing new events into it.
          duringRebuild = { p2: (await directoryDocuments.get('p2'))?.data.fullName };
          await eventStore.appendToStream(`person-${ORG}-p7`, [registered('p7', 'Gleb')]);
          await runner.waitFor(await lastCheckpoint());
          duringRebuild.p7 = (await directoryDocuments.get('p7'))?.data.fullName;
        },
      });
      expect(duringRebuild).toEqual({ p2: 'Corrupted', p7: 'Gleb' });

      // The new version: the story, the event appended during the rebuild, nothing of what no event accounts for.
      const documents = await snapshot(documentStore);
      expect(documents.directory.map(({ id, data }) => [id, (data as { fullName: string }).fullName])).toEqual([
        ['p1', 'Anna Smirnova'],
        ['p2', 'Boris'],
        ['p4', 'Dima'],
        ['p7', 'Gleb'],
      ]);
      expect(documents.stats.map(({ data }) => data)).toEqual([{ people: 4, renames: 2 }]);
      expect(statsBefore.map(({ data }) => data)).toEqual([{ people: 3, renames: 2 }]);
      expect(await documentStore.getCheckpoint('people.directory.v1')).toEqual(await lastCheckpoint());

      await eventStore.appendToStream(`person-${ORG}-p8`, [registered('p8', 'Hanna')]);
      await runner.waitFor(await lastCheckpoint());
      expect((await directoryDocuments.get('p8'))?.data.fullName).toBe('Hanna');

      // A second rebuild replaces the version the first one made.
      await runner.rebuild('people.directory.v1');
      expect((await snapshot(documentStore)).directory.map(({ id }) => id)).toEqual(['p1', 'p2', 'p4', 'p7', 'p8']);
    });

    it('rebuilds several projections from one read of the log and switches them together', async () => {
      await appendStory();
      const runner = await start();
      await runner.caughtUp;
      await runner.stop();
      const withoutVersions = async () => {
        const { directory: people, stats: counts } = await snapshot(documentStore);
        return [...people, ...counts].map(({ id, data, checkpoint }) => ({ id, data, checkpoint }));
      };
      const before = await withoutVersions();
      await documentStore.collection(directoryCollection).upsert('ghost', { organisationId: ORG, fullName: 'Ghost', email: 'ghost@example.com' });
      await documentStore.collection(statsCollection).upsert(ORG, { people: 99, renames: 99 });

      const read: number[] = [];
      const { events } = await rebuildProjections(eventStore, documentStore, [directory, stats], { batchSize: 2, onProgress: (progress) => void read.push(progress.events) });
      // The story's eight events, each read once for both projections.
      expect(events).toBe(8);
      expect(read).toEqual([2, 4, 6, 8]);
      expect(await withoutVersions()).toEqual(before);
      expect(await documentStore.getCheckpoint('people.directory.v1')).toEqual(await lastCheckpoint());
      expect(await documentStore.getCheckpoint('people.stats.v1')).toEqual(await lastCheckpoint());
    });

    it('builds a projection under a new name from the start, over the documents its old version wrote', async () => {
      await appendStory();
      const first = await start();
      await first.caughtUp;
      await first.stop();

      // The directory's logic changed (names in capitals), so it got a new name over the same collection.
      const capitalised = directoryProjection('people.directory.v2', (fullName) => fullName.toUpperCase());
      const second = await start([capitalised, stats]);
      await second.caughtUp;
      const documents = await snapshot(documentStore);
      expect(documents.directory.map(({ id, data }) => [id, (data as DirectoryEntry).fullName])).toEqual([
        ['p1', 'ANNA SMIRNOVA'],
        ['p2', 'BORIS'],
        ['p4', 'DIMA'],
      ]);
      expect(await documentStore.getCheckpoint('people.directory.v2')).toEqual(await lastCheckpoint());
    });

    it('applies a batch all or nothing, retries it, then stops only the failing projection', async () => {
      const failingCollection = defineCollection<{ seen: true }>('failing.v1');
      let attempts = 0;
      const failing: Projection = {
        name: 'failing.v1',
        collections: [failingCollection],
        handles: ['PersonRegistered', 'Boom'],
        apply: oneEventAtATime(async (event, session) => {
          if (event.type === 'Boom') {
            attempts += 1;
            throw new Error('cannot project Boom');
          }
          await session.collection(failingCollection).upsert((event.data as { personId: string }).personId, { seen: true });
        }),
      };
      const errors: Array<[string, unknown]> = [];
      const runner = await start([failing, directory], { maxAttempts: 2, retryDelayMs: 1, onError: (name, error) => errors.push([name, error]) });
      await runner.caughtUp;
      await eventStore.appendToStream(`person-${ORG}-p8`, [registered('p8', 'Hanna'), newEvent('Boom', {})]);
      const checkpoint = await lastCheckpoint();

      await expect(runner.waitFor(checkpoint)).rejects.toThrow(ProjectionFailedError);
      await runner.waitFor(checkpoint, { projections: ['people.directory.v1'] });
      expect(attempts).toBe(2);
      expect(errors.map(([name]) => name)).toEqual(['failing.v1']);
      expect(await documentStore.collection(failingCollection).get('p8')).toBeNull();
      expect(await documentStore.getCheckpoint('failing.v1')).toEqual(START_OF_LOG);
      expect(await documentStore.collection(directoryCollection).get('p8')).not.toBeNull();
    });

    it('rejects a wait that times out, or that the runner stops', async () => {
      const runner = await start();
      await runner.caughtUp;
      const far = { transactionId: 2n ** 62n, globalPosition: 1n };
      await expect(runner.waitFor(far, { timeoutMs: 20 })).rejects.toMatchObject({
        name: 'ProjectionWaitTimeoutError',
        lagging: ['people.directory.v1', 'people.stats.v1'],
      });
      const pending = runner.waitFor(far);
      await runner.stop();
      await expect(pending).rejects.toThrow(ProjectionRunnerStoppedError);
      await expect(runner.waitFor(far)).rejects.toThrow(ProjectionRunnerStoppedError);
    });

    /**
     * The checkpoint of the last event of the stream, which its append (after the others, one at a time) put last in
     * the log. Reading the log for it instead would stop short of the runners' transactions still open (PostgreSQL).
     */
    async function lastOf(streamId: string): Promise<GlobalCheckpoint> {
      return checkpointOf((await eventStore.readStream(streamId)).events.at(-1) as RecordedEvent);
    }

    /** Events no projection here handles, `count` of them in `appends` appends; the checkpoint of the last. */
    async function appendNoise(appends: number, count = 1): Promise<GlobalCheckpoint> {
      let streamId = '';
      for (let index = 0; index < appends; index++) {
        streamId = `sales-point-${ORG}-${randomUUID()}`;
        await eventStore.appendToStream(streamId, Array.from({ length: count }, () => newEvent('SalesPointOpened', {})));
      }
      return lastOf(streamId);
    }

    /** The document store, counting the transactions opened through it. */
    function countingTransactions(store: DocumentStore): { store: DocumentStore; transactions: () => number } {
      let transactions = 0;
      const counting = new Proxy(store, {
        get(target, property, receiver) {
          if (property === 'transaction') {
            return (work: Parameters<DocumentStore['transaction']>[0]) => {
              transactions += 1;
              return target.transaction(work);
            };
          }
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
      return { store: counting, transactions: () => transactions };
    }

    it('goes through batches it has nothing to apply in without a transaction, and a wait for them still resolves', async () => {
      await appendStory();
      const counting = countingTransactions(documentStore);
      const runner = await startProjections(eventStore, counting.store, [directory, stats], { batchSize: 3, skippedEventsPerSave: 1_000, skippedSaveIntervalMs: 60_000 });
      runners.push(runner);
      await runner.caughtUp;
      const stored = await documentStore.getCheckpoint('people.directory.v1');
      const before = counting.transactions();

      const noise = await appendNoise(5);
      await runner.waitFor(noise, { timeoutMs: 2_000 });
      expect(counting.transactions()).toBe(before);
      expect(await documentStore.getCheckpoint('people.directory.v1')).toEqual(stored);

      // The next batch with work saves the checkpoint past the skipped events.
      await eventStore.appendToStream(`person-${ORG}-p9`, [registered('p9', 'Ivan')]);
      const last = await lastOf(`person-${ORG}-p9`);
      await runner.waitFor(last);
      expect(await documentStore.getCheckpoint('people.directory.v1')).toEqual(last);
      expect((await documentStore.collection(directoryCollection).get('p9'))?.data.fullName).toBe('Ivan');
    });

    it("applies a batch to all of a runner's projections in one transaction, each saving its own checkpoint", async () => {
      const counting = countingTransactions(documentStore);
      const runner = await startProjections(eventStore, counting.store, [directory, stats], { batchSize: 100 });
      runners.push(runner);
      await runner.caughtUp;
      const before = counting.transactions();
      await eventStore.appendToStream(`person-${ORG}-p9`, [registered('p9', 'Ivan'), renamed('p9', 'Ivan Petrov')]);
      const last = await lastOf(`person-${ORG}-p9`);
      await runner.waitFor(last);
      expect(counting.transactions() - before).toBe(1);
      expect(await documentStore.getCheckpoint('people.directory.v1')).toEqual(last);
      expect(await documentStore.getCheckpoint('people.stats.v1')).toEqual(last);
      expect((await documentStore.collection(statsCollection).get(ORG))?.data).toEqual({ people: 1, renames: 1 });
    });

    it("applies a batch to a runner's projections at the same time, so that their reads reach the database together", async () => {
      let applying = 0;
      let most = 0;
      const counted = (projection: Projection): Projection => ({
        ...projection,
        async apply(events, session, parsed) {
          most = Math.max(most, ++applying);
          try {
            await projection.apply(events, session, parsed);
          } finally {
            applying -= 1;
          }
        },
      });
      const runner = await start([counted(directory), counted(stats)], { batchSize: 100 });
      await runner.caughtUp;
      await eventStore.appendToStream(`person-${ORG}-p9`, [registered('p9', 'Ivan'), renamed('p9', 'Ivan Petrov')]);
      await runner.waitFor(await lastOf(`person-${ORG}-p9`));
      expect(most).toBe(2);
      expect((await documentStore.collection(directoryCollection).get('p9'))?.data).toMatchObject({ fullName: 'Ivan Petrov' });
      expect((await documentStore.collection(statsCollection).get(ORG))?.data).toEqual({ people: 1, renames: 1 });
    });

    it('parses each event of a batch once for the projections of a group that parse alike, and hands each the parse', async () => {
      const parsedIds: string[] = [];
      const parse = (event: LogEvent) => {
        parsedIds.push(event.eventId);
        return { shown: `parsed ${String((event.data as { fullName?: string }).fullName)}` };
      };
      const named = documentProjection<DirectoryEntry, PersonEvent, { shown: string }>({
        name: 'people.parsed-directory.v1',
        collection: defineCollection<DirectoryEntry>('people.parsed-directory.v1'),
        handles: ['PersonRegistered', 'PersonRenamed'],
        documentId: (event) => event.data.personId,
        parse,
        evolve: (doc, event, parsed) => ({ organisationId: event.data.organisationId, email: doc?.email ?? '', fullName: parsed.shown }),
      });
      const handed: unknown[] = [];
      const spy: Projection = {
        name: 'people.parsed-spy.v1',
        collections: [defineCollection('people.parsed-spy.v1')],
        handles: ['PersonRegistered', 'PersonRenamed'],
        parse,
        apply: async (_events, _session, parsed) => void handed.push(...(parsed ?? ['not handed'])),
      };
      const runner = await startProjections(eventStore, documentStore, [named, spy], { batchSize: 100 });
      runners.push(runner);
      await runner.caughtUp;
      parsedIds.length = 0;
      handed.length = 0;
      await eventStore.appendToStream(`person-${ORG}-p9`, [registered('p9', 'Ivan'), renamed('p9', 'Ivan Petrov')]);
      await runner.waitFor(await lastOf(`person-${ORG}-p9`));
      const stored = (await eventStore.readStream(`person-${ORG}-p9`)).events.map((event) => event.eventId);
      expect(parsedIds).toEqual(stored);
      expect(handed).toEqual([{ shown: 'parsed Ivan' }, { shown: 'parsed Ivan Petrov' }]);
      expect((await documentStore.collection(named.collections[0]!).get('p9'))?.data).toMatchObject({ fullName: 'parsed Ivan Petrov' });
    });

    it('lets a projection that starts ahead of the other in its group wait for it, applying only what came after its own checkpoint', async () => {
      await appendStory();
      const first = await start([directory]);
      await first.caughtUp;
      await first.stop();
      const applied: string[] = [];
      const spy = (projection: Projection) => recordingApplied(projection, applied);
      const second = await start([spy(directory), spy(stats)]);
      await eventStore.appendToStream(`person-${ORG}-p2`, [renamed('p2', 'Boris Ivanov')], { expectedVersion: 1 });
      await second.waitFor(await lastOf(`person-${ORG}-p2`));
      expect(applied.filter((entry) => entry.startsWith('people.directory.v1'))).toEqual(['people.directory.v1:PersonRenamed']);
      expect(applied.filter((entry) => entry.startsWith('people.stats.v1'))).toHaveLength(8);
      expect((await documentStore.collection(directoryCollection).get('p2'))?.data.fullName).toBe('Boris Ivanov');
      expect((await documentStore.collection(statsCollection).get(ORG))?.data).toEqual({ people: 3, renames: 3 });
    });

    it('saves the checkpoint after many skipped events, so that a restart does not read them again', async () => {
      const runner = await start([directory, stats], { skippedEventsPerSave: 4, skippedSaveIntervalMs: 60_000 });
      await runner.caughtUp;
      const noise = await appendNoise(2, 3);
      await runner.waitFor(noise);
      expect(await documentStore.getCheckpoint('people.stats.v1')).toEqual(noise);
    });

    it('resumes after a restart from the checkpoint it saved, before or after skipped batches', async () => {
      await appendStory();
      const first = await start([directory, stats], { skippedEventsPerSave: 1_000, skippedSaveIntervalMs: 60_000 });
      await first.caughtUp;
      await first.waitFor(await appendNoise(4));
      await first.stop();
      await eventStore.appendToStream(`person-${ORG}-p2`, [renamed('p2', 'Boris Ivanov')], { expectedVersion: 1 });
      const last = await appendNoise(2);

      const applied: string[] = [];
      const spy = (projection: Projection) => recordingApplied(projection, applied);
      const second = await start([spy(directory), spy(stats)]);
      await second.waitFor(last);
      expect(applied.sort()).toEqual(['people.directory.v1:PersonRenamed', 'people.stats.v1:PersonRenamed']);
      expect((await documentStore.collection(directoryCollection).get('p2'))?.data.fullName).toBe('Boris Ivanov');
      expect((await documentStore.collection(statsCollection).get(ORG))?.data).toEqual({ people: 3, renames: 3 });
    });

    it('applies each event once with two runners on one store, and a rebuild on one is noticed by the other', async () => {
      const options = { skippedEventsPerSave: 1_000, skippedSaveIntervalMs: 60_000 };
      const applied: string[] = [];
      const counted = (projection: Projection): Projection => ({
        ...projection,
        apply: (events, session) => {
          applied.push(...events.map((event) => `${projection.name}:${event.eventId}`));
          return projection.apply(events, session);
        },
      });
      const [one, two] = [await start([counted(directory)], options), await start([counted(directory)], options)];
      await appendStory();
      const story = await appendNoise(3);
      await Promise.all([one.waitFor(story), two.waitFor(story)]);
      expect(applied).toHaveLength(7);
      expect(new Set(applied).size).toBe(7);

      // A rebuild elsewhere that has reset the checkpoint and not replayed anything yet (as if that instance died).
      await one.stop();
      await documentStore.transaction(async (session) => {
        await lockCheckpoint(session, 'people.directory.v1');
        await session.collection(directoryCollection).deleteAll();
        await session.saveCheckpoint('people.directory.v1', START_OF_LOG);
      });
      await appendNoise(2);
      // The other runner has skipped batches past the stored checkpoint; its next batch with work must see the
      // checkpoint behind the one it knew as a reset, and replay, not apply just the batch.
      await eventStore.appendToStream(`person-${ORG}-p2`, [renamed('p2', 'Boris Ivanov')], { expectedVersion: 1 });
      await two.waitFor(await lastOf(`person-${ORG}-p2`));
      const documents = await documentStore.collection(directoryCollection).find({ limit: 100 });
      expect(documents.items.map(({ id, data }) => [id, data.fullName])).toEqual([
        ['p1', 'Anna Smirnova'],
        ['p2', 'Boris Ivanov'],
        ['p4', 'Dima'],
      ]);
      // The story twice (before and in the replay), the rename once.
      expect(applied).toHaveLength(15);
    });

    it('refuses two projections writing one collection', async () => {
      const twin: Projection = { ...stats, name: 'people.stats.v2' };
      await expect(start([stats, twin])).rejects.toThrow(/people\.stats\.v1 is written by both/);
    });
  });
}
