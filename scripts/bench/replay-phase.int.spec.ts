import { START_OF_LOG, checkpointOf, type RecordedEvent } from '@elk/eventstore';
import { documentsWhere, rebuildProjections, type DocumentStore, type StoredDocument } from '@elk/documents';
import { salesJournalProjections } from '@elk/sales-journal';
import { infrastructureFixture, waitUntil, type TestInfrastructure } from '@elk/testing';
import { seedSaleEvents } from './replay-phase';

const COLLECTIONS = salesJournalProjections.flatMap((projection) => projection.collections);

/** Every document of the sales journal's collections, without the count of writes (it depends on the batches). */
async function journal(documentStore: DocumentStore): Promise<Record<string, Omit<StoredDocument<unknown>, 'version'>[]>> {
  const all = await Promise.all(COLLECTIONS.map(async (collection) => [collection.name, (await documentsWhere(documentStore.collection(collection), {})).map(({ version: _version, ...document }) => document)]));
  return Object.fromEntries(all);
}

/** The whole log, once every event appended is readable (the log waits for transactions elsewhere on the server). */
async function wholeLog(infrastructure: TestInfrastructure, count: number): Promise<RecordedEvent[]> {
  let events: RecordedEvent[] = [];
  const readAll = async () => {
    events = [];
    let page: RecordedEvent[];
    do {
      page = await infrastructure.eventStore.readAll({ after: events.length ? checkpointOf(events.at(-1)!) : START_OF_LOG, maxCount: 1000 });
      events.push(...page);
    } while (page.length === 1000);
    return events.length >= count;
  };
  await waitUntil(readAll, `${count} events readable in the log`, 20_000);
  return events;
}

describe.each(['embedded', 'distributed'] as const)("the sales journal's projections over pos-sim's sales (%s)", (mode) => {
  const fixture = infrastructureFixture(mode, 'replay_phase_test');
  let infrastructure: TestInfrastructure;

  beforeAll(() => fixture.start(), 30_000);
  beforeEach(async () => {
    infrastructure = await fixture.open();
    await infrastructure.documentStore.ensureCollections(COLLECTIONS);
  });
  afterEach(() => fixture.cleanup());
  afterAll(() => fixture.close());

  it('write the same journal applied in batches as one event at a time, a replay of the batches changes nothing, and a rebuild from the log writes it again', async () => {
    const seeded = await seedSaleEvents(infrastructure.eventStore, 600);
    const events = await wholeLog(infrastructure, seeded);
    expect(events).toHaveLength(seeded);
    const { documentStore } = infrastructure;
    const handled = (projection: (typeof salesJournalProjections)[number], batch: RecordedEvent[]) => batch.filter((event) => projection.handles.includes(event.type));

    // One event per apply, in transactions of 50 events: one transaction for the whole log held its transaction id for
    // 8–12 s on a loaded machine, which stalls every event-log reader on the PostgreSQL server, other test files' too.
    for (let start = 0; start < events.length; start += 50) {
      const batch = events.slice(start, start + 50);
      await documentStore.transaction(async (session) => {
        for (const projection of salesJournalProjections) for (const event of handled(projection, batch)) await projection.apply([event], session);
      });
    }
    const oneByOne = await journal(documentStore);
    expect(oneByOne['sales-journal.sales']!.length).toBeGreaterThan(100);
    const kinds = new Set(oneByOne['sales-journal.transactions']!.map(({ data }) => (data as { kind: string }).kind));
    expect(kinds).toEqual(new Set(['payment', 'refund']));

    // Batches of 50 events: a sale's events fall into two batches now and then.
    const rebuild = await documentStore.startRebuild(COLLECTIONS);
    for (let start = 0; start < events.length; start += 50) {
      const batch = events.slice(start, start + 50);
      await rebuild.transaction(async (session) => {
        for (const projection of salesJournalProjections) await projection.apply(handled(projection, batch), session);
      });
    }
    await rebuild.createIndexes();
    await rebuild.switchOver(async () => undefined);
    expect(await journal(documentStore)).toEqual(oneByOne);

    await documentStore.transaction(async (session) => {
      for (const projection of salesJournalProjections) await projection.apply(handled(projection, events), session);
    });
    expect(await journal(documentStore)).toEqual(oneByOne);

    // As ops:replay-projection rebuilds them: from one read of the log, without the events' metadata.
    await rebuildProjections(infrastructure.eventStore, documentStore, salesJournalProjections, { batchSize: 70 });
    expect(await journal(documentStore)).toEqual(oneByOne);
  }, 60_000);
});
