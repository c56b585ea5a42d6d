import type { GlobalCheckpoint, RecordedEvent } from '@elk/eventstore';
import { defineCollection, type DocumentCollection, type DocumentSession, type StoredDocument } from './document-store';
import { documentProjection } from './projection';

interface Counter {
  count: number;
}

const counters = defineCollection<Counter>('counters.v1');

/** Just enough of a session for one collection: get, upsert and delete on a Map. */
function memorySession(): { session: DocumentSession; documents: Map<string, StoredDocument<Counter>> } {
  const documents = new Map<string, StoredDocument<Counter>>();
  const collection: Partial<DocumentCollection<Counter>> = {
    get: async (id) => documents.get(id) ?? null,
    upsert: async (id, data, options) => {
      const stored = { id, data, version: (documents.get(id)?.version ?? 0) + 1, checkpoint: options?.checkpoint ?? null };
      documents.set(id, stored);
      return stored;
    },
    delete: async (id) => documents.delete(id),
  };
  const session = { collection: () => collection } as unknown as DocumentSession;
  return { session, documents };
}

function event(type: string, counterId: string | null, at: GlobalCheckpoint): RecordedEvent {
  return {
    eventId: `${type}-${at.globalPosition}`,
    streamId: `counter-org-${counterId}`,
    streamPosition: 1,
    ...at,
    type,
    schemaVersion: 1,
    data: { counterId },
    metadata: { organisationId: 'org', actor: 'test', correlationId: 'c', causationId: 'c' },
    recordedAt: new Date(0),
  };
}

const counting = documentProjection<Counter>({
  name: 'counters.v1',
  collection: counters,
  handles: ['Incremented', 'Reset'],
  documentId: (e) => (e.data as { counterId: string | null }).counterId,
  evolve: (doc, e) => (e.type === 'Reset' ? null : { count: (doc?.count ?? 0) + 1 }),
});

describe('documentProjection', () => {
  it('folds events into the document and records the position of the last one', async () => {
    const { session, documents } = memorySession();
    await counting.apply(event('Incremented', 'c1', { transactionId: 10n, globalPosition: 1n }), session);
    await counting.apply(event('Incremented', 'c1', { transactionId: 10n, globalPosition: 2n }), session);
    expect(documents.get('c1')).toEqual({ id: 'c1', version: 2, data: { count: 2 }, checkpoint: { transactionId: 10n, globalPosition: 2n } });
  });

  it('skips an event at or before the position the document has applied', async () => {
    const { session, documents } = memorySession();
    await counting.apply(event('Incremented', 'c1', { transactionId: 11n, globalPosition: 1n }), session);
    await counting.apply(event('Incremented', 'c1', { transactionId: 11n, globalPosition: 1n }), session);
    await counting.apply(event('Incremented', 'c1', { transactionId: 10n, globalPosition: 7n }), session);
    await counting.apply(event('Reset', 'c1', { transactionId: 9n, globalPosition: 8n }), session);
    expect(documents.get('c1')?.data).toEqual({ count: 1 });
  });

  it('deletes the document when evolve returns null, and ignores events without a document id', async () => {
    const { session, documents } = memorySession();
    await counting.apply(event('Incremented', 'c1', { transactionId: 10n, globalPosition: 1n }), session);
    await counting.apply(event('Incremented', null, { transactionId: 10n, globalPosition: 2n }), session);
    await counting.apply(event('Reset', 'c1', { transactionId: 10n, globalPosition: 3n }), session);
    expect([...documents.keys()]).toEqual([]);
  });
});
