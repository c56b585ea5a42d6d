import { checkpointOf, type RecordedEvent } from '@elk/eventstore';
import { hasApplied, type CollectionDefinition, type DocumentSession } from './document-store';

/**
 * Turns events of the global log into read-model documents. The runner calls `apply` for each event whose
 * type is in `handles`, inside the transaction that also stores the projection's checkpoint.
 */
export interface Projection {
  /** Versioned (`identity.accounts.v1`): changing the logic means a new name, whose collections the runner empties and builds from the start when it first runs. */
  readonly name: string;
  /** The collections only this projection writes; a rebuild empties them. */
  readonly collections: readonly CollectionDefinition<any>[];
  readonly handles: readonly string[];
  apply(event: RecordedEvent, session: DocumentSession): Promise<void>;
}

export interface DocumentProjectionDefinition<Doc, E extends RecordedEvent> {
  name: string;
  collection: CollectionDefinition<Doc>;
  handles: readonly E['type'][];
  /** Id of the document the event belongs to; null to ignore the event. */
  documentId(event: E): string | null;
  /** The document after the event (a new object: `doc` must not be mutated); null deletes it. */
  evolve(doc: Doc | null, event: E): Doc | null;
}

/**
 * The common projection: one document per id, folded with `evolve`. Each write records the event's position
 * on the document, and an event at or before that position is skipped, so replaying old events changes
 * nothing. (A deleted document keeps no position: a replay recreates it until the deleting event comes again.)
 */
export function documentProjection<Doc, E extends RecordedEvent = RecordedEvent>(definition: DocumentProjectionDefinition<Doc, E>): Projection {
  return {
    name: definition.name,
    collections: [definition.collection],
    handles: definition.handles,
    async apply(recorded, session) {
      // The runner only passes events whose type is in `handles`, i.e. events of type E.
      const event = recorded as E;
      const id = definition.documentId(event);
      if (id === null) return;
      const documents = session.collection(definition.collection);
      const current = await documents.get(id);
      const checkpoint = checkpointOf(event);
      if (hasApplied(current, checkpoint)) return;
      const next = definition.evolve(current?.data ?? null, event);
      if (next !== null) await documents.upsert(id, next, { checkpoint });
      else if (current) await documents.delete(id);
    },
  };
}
