import { checkpointOf, type GlobalCheckpoint, type LogEvent } from '@elk/eventstore';
import { hasApplied, type CollectionDefinition, type DocumentSession, type DocumentWrite } from './document-store';

/**
 * Turns events of the global log into read-model documents. The runner calls `apply` once per batch with the
 * batch's events of a type in `handles`, in log order, inside the transaction that also stores the projection's
 * checkpoint; a projection reads what the whole batch needs at once and writes it at once (getMany, upsertMany).
 * It sees each event's data, not its metadata (LogEvent): a rebuild reads the log without them.
 */
export interface Projection {
  /** Versioned (`identity.accounts.v1`): changing the logic means a new name, whose collections the runner empties and builds from the start when it first runs. */
  readonly name: string;
  /**
   * The collections only this projection writes, and the only ones it reads (the projections of a runner apply a batch
   * at the same time, in one transaction); a rebuild replaces them.
   */
  readonly collections: readonly CollectionDefinition<any>[];
  readonly handles: readonly string[];
  /**
   * How `apply` parses an event, for projections that parse with their contract schemas: the projections of a runner
   * with the same `parse` share a batch's parse, each event parsed once for all of them and passed to `apply` as
   * `parsed` (in the order of `events`). Without it (a batch of one projection, a rebuild), `parsed` is undefined and
   * `apply` parses its events itself.
   */
  readonly parse?: (event: LogEvent) => unknown;
  apply(events: readonly LogEvent[], session: DocumentSession, parsed?: readonly unknown[]): Promise<void>;
}

/** `apply` for a projection whose events each need a read or two of their own (a few a day): one event after another. */
export function oneEventAtATime(applyEvent: (event: LogEvent, session: DocumentSession) => Promise<void>): Projection['apply'] {
  return async (events, session) => {
    for (const event of events) await applyEvent(event, session);
  };
}

/** How a projection may type its events: a LogEvent, never one that promises metadata (a rebuild reads none). */
export type ProjectedEvent = LogEvent & { metadata?: never };

export interface DocumentProjectionDefinition<Doc, E extends ProjectedEvent, Parsed = undefined> {
  name: string;
  collection: CollectionDefinition<Doc>;
  handles: readonly E['type'][];
  /** Id of the document the event belongs to; null to ignore the event. */
  documentId(event: E): string | null;
  /** Parses an event for `evolve` (Projection's `parse`: shared with the runner's other projections that parse alike). */
  parse?: (event: E) => Parsed;
  /** The document after the event (a new object: `doc` must not be mutated); null deletes it. `parsed`: the event parsed, with `parse`. */
  evolve(doc: Doc | null, event: E, parsed: Parsed): Doc | null;
}

/** A document as a batch folds it: its data (null: none) and the position of the last event that wrote it. */
interface Folded<Doc> {
  data: Doc | null;
  checkpoint: GlobalCheckpoint | null;
}

/**
 * The common projection: one document per id, folded with `evolve`. Each write records the event's position
 * on the document, and an event at or before that position is skipped, so replaying old events changes
 * nothing. (A deleted document keeps no position: a replay recreates it until the deleting event comes again.)
 * A batch costs one read of its documents and one write of those it changed, one of those it created (an INSERT,
 * cheaper than an upsert) and one delete, if any went.
 */
export function documentProjection<Doc, E extends ProjectedEvent = LogEvent, Parsed = undefined>(definition: DocumentProjectionDefinition<Doc, E, Parsed>): Projection {
  const { parse } = definition;
  return {
    name: definition.name,
    collections: [definition.collection],
    handles: definition.handles,
    parse: parse as Projection['parse'],
    async apply(recorded, session, parsed) {
      // The runner only passes events whose type is in `handles`, i.e. events of type E.
      const changes: Array<{ id: string; event: E; index: number }> = [];
      (recorded as readonly E[]).forEach((event, index) => {
        const id = definition.documentId(event);
        if (id !== null) changes.push({ id, event, index });
      });
      if (changes.length === 0) return;
      const documents = session.collection(definition.collection);
      const stored = await documents.getMany([...new Set(changes.map((change) => change.id))]);
      const folded = new Map<string, Folded<Doc>>();
      for (const { id, event, index } of changes) {
        const current = folded.get(id) ?? { data: stored.get(id)?.data ?? null, checkpoint: stored.get(id)?.checkpoint ?? null };
        const checkpoint = checkpointOf(event);
        if (hasApplied(current, checkpoint)) continue;
        const next = definition.evolve(current.data, event, parsed ? (parsed[index] as Parsed) : (parse?.(event) as Parsed));
        folded.set(id, next === null ? { data: null, checkpoint: null } : { data: next, checkpoint });
      }
      const updates: DocumentWrite<Doc>[] = [];
      const inserts: DocumentWrite<Doc>[] = [];
      const deletes: string[] = [];
      for (const [id, { data, checkpoint }] of folded) {
        if (data !== null) (stored.has(id) ? updates : inserts).push({ id, data, checkpoint: checkpoint as GlobalCheckpoint });
        else if (stored.has(id)) deletes.push(id);
      }
      await documents.upsertMany(updates);
      await documents.insertMany(inserts);
      await documents.deleteMany(deletes);
    },
  };
}
