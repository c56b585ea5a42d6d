import { createHash } from 'node:crypto';
import { SaleChainLink, type SaleIntegrity } from '@elk/contracts';
import type { RecordedEvent } from '@elk/eventstore';

/**
 * The tamper-evident chain of a workplace's sale events (decision 0016): each accepted event's metadata holds
 * `chain: {workplaceId, previousHash, hash}`, the hash over its predecessor's hash and the event itself.
 */

/** JSON with every object's keys sorted, so that the same content always gives the same text (a database may reorder keys). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((entry) => (entry === undefined ? 'null' : canonicalJson(entry))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What a link's hash covers: the event's id, type, sale and data. */
export interface ChainedEvent {
  eventId: string;
  type: string;
  saleId: string;
  data: unknown;
}

/** SHA-256 (hex) of the predecessor's hash followed by the canonical JSON of the event. */
export function saleChainHash(previousHash: string, event: ChainedEvent): string {
  const { eventId, type, saleId, data } = event;
  return createHash('sha256').update(previousHash).update(canonicalJson({ eventId, type, saleId, data })).digest('hex');
}

/** The chain link a stored sale event carries; null when it has none (or not one of this shape). */
export function chainLinkOf(recorded: Pick<RecordedEvent, 'metadata'>): SaleChainLink | null {
  const parsed = SaleChainLink.safeParse(recorded.metadata.chain);
  return parsed.success ? parsed.data : null;
}

/**
 * Whether a sale's stored events are as their terminals chained them: each event's hash recomputed from its stored
 * previous hash and its content as stored now. The first event that does not match (or carries no link) breaks it.
 */
export function saleIntegrity(events: ReadonlyArray<Pick<RecordedEvent, 'eventId' | 'type' | 'data' | 'metadata'>>): SaleIntegrity {
  for (const event of events) {
    const link = chainLinkOf(event);
    const saleId = (event.data as { saleId?: unknown } | null)?.saleId;
    if (!link || typeof saleId !== 'string' || saleChainHash(link.previousHash, { eventId: event.eventId, type: event.type, saleId, data: event.data }) !== link.hash) {
      return { status: 'broken', brokenEventId: event.eventId };
    }
  }
  return { status: 'confirmed', brokenEventId: null };
}
