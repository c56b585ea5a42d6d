import type { GlobalCheckpoint, RecordedEvent } from '@elk/eventstore';
import { defineCollection, type DocumentCollection, type DocumentSession, type StoredDocument } from './document-store';
import { documentProjection } from './projection';

interface Counter {
  count: number;
}

const counters = defineCollection<Counter>('counters.v1');

/** Just enough of a session for one collection, on a Map, counting the calls that reach it. */
function memorySession(): { session: DocumentSession; documents: Map<string, StoredDocument<Counter>>; calls: string[] } {
  const documents = new Map<string, StoredDocument<Counter>>();
  const calls: string[] = [];
  const collection: Partial<DocumentCollection<Counter>> = {
    getMany: async (ids) => {
      calls.push('getMany');
      return new Map(ids.flatMap((id) => (documents.has(id) ? [[id, documents.get(id)!] as const] : [])));
    },
    upsertMany: async (writes) => {
      calls.push(`upsertMany ${writes.map(({ id }) => id).join(',')}`);
      for (const { id, data, checkpoint } of writes) documents.set(id, { id, data, version: (documents.get(id)?.version ?? 0) + 1, checkpoint: checkpoint ?? null });
    },
    insertMany: async (writes) => {
      calls.push(`insertMany ${writes.map(({ id }) => id).join(',')}`);
      if (writes.some(({ id }) => documents.has(id))) throw new Error('duplicate key');
      for (const { id, data, checkpoint } of writes) documents.set(id, { id, data, version: 1, checkpoint: checkpoint ?? null });
    },
    deleteMany: async (ids) => {
      calls.push('deleteMany');
      return ids.filter((id) => documents.delete(id)).length;
    },
  };
  const session = { collection: () => collection } as unknown as DocumentSession;
  return { session, documents, calls };
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
    await counting.apply([event('Incremented', 'c1', { transactionId: 10n, globalPosition: 1n })], session);
    await counting.apply([event('Incremented', 'c1', { transactionId: 10n, globalPosition: 2n })], session);
    expect(documents.get('c1')).toEqual({ id: 'c1', version: 2, data: { count: 2 }, checkpoint: { transactionId: 10n, globalPosition: 2n } });
  });

  it('applies a batch with one read and one write of each kind, whatever the number of events and documents', async () => {
    const { session, documents, calls } = memorySession();
    const batch = [1n, 2n, 3n, 4n, 5n].map((position) => event('Incremented', position % 2n ? 'c1' : 'c2', { transactionId: 10n, globalPosition: position }));
    await counting.apply(batch, session);
    expect(calls).toEqual(['getMany', 'upsertMany ', 'insertMany c1,c2', 'deleteMany']);
    expect(documents.get('c1')).toEqual({ id: 'c1', version: 1, data: { count: 3 }, checkpoint: { transactionId: 10n, globalPosition: 5n } });
    expect(documents.get('c2')).toEqual({ id: 'c2', version: 1, data: { count: 2 }, checkpoint: { transactionId: 10n, globalPosition: 4n } });
  });

  it('updates the documents the batch read and inserts those it created', async () => {
    const { session, documents, calls } = memorySession();
    await counting.apply([event('Incremented', 'c1', { transactionId: 10n, globalPosition: 1n })], session);
    calls.length = 0;
    await counting.apply([event('Incremented', 'c1', { transactionId: 10n, globalPosition: 2n }), event('Incremented', 'c3', { transactionId: 10n, globalPosition: 3n })], session);
    expect(calls).toEqual(['getMany', 'upsertMany c1', 'insertMany c3', 'deleteMany']);
    expect(documents.get('c1')?.version).toBe(2);
    expect(documents.get('c3')?.version).toBe(1);
  });

  it('skips an event at or before the position the document has applied', async () => {
    const { session, documents } = memorySession();
    await counting.apply([event('Incremented', 'c1', { transactionId: 11n, globalPosition: 1n })], session);
    await counting.apply(
      [
        event('Incremented', 'c1', { transactionId: 11n, globalPosition: 1n }),
        event('Incremented', 'c1', { transactionId: 10n, globalPosition: 7n }),
        event('Reset', 'c1', { transactionId: 9n, globalPosition: 8n }),
      ],
      session,
    );
    expect(documents.get('c1')?.data).toEqual({ count: 1 });
  });

  it('skips, within one batch, an event the batch has already applied (a replayed event)', async () => {
    const { session, documents } = memorySession();
    const first = event('Incremented', 'c1', { transactionId: 10n, globalPosition: 1n });
    await counting.apply([first, first], session);
    expect(documents.get('c1')?.data).toEqual({ count: 1 });
  });

  it('deletes the document when evolve returns null, and ignores events without a document id', async () => {
    const { session, documents } = memorySession();
    await counting.apply([event('Incremented', 'c1', { transactionId: 10n, globalPosition: 1n })], session);
    await counting.apply([event('Incremented', null, { transactionId: 10n, globalPosition: 2n }), event('Reset', 'c1', { transactionId: 10n, globalPosition: 3n })], session);
    expect([...documents.keys()]).toEqual([]);
  });

  it('writes what a document became after a delete and a new start within one batch', async () => {
    const { session, documents } = memorySession();
    await counting.apply([event('Incremented', 'c1', { transactionId: 10n, globalPosition: 1n })], session);
    await counting.apply(
      [event('Reset', 'c1', { transactionId: 10n, globalPosition: 2n }), event('Incremented', 'c1', { transactionId: 10n, globalPosition: 3n }), event('Reset', 'c2', { transactionId: 10n, globalPosition: 4n })],
      session,
    );
    expect(documents.get('c1')).toEqual({ id: 'c1', version: 2, data: { count: 1 }, checkpoint: { transactionId: 10n, globalPosition: 3n } });
    expect(documents.has('c2')).toBe(false);
  });
});
