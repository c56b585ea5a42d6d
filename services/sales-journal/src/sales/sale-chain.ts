import { createHash } from 'node:crypto';
import { SALE_CHAIN_GENESIS, SaleChainExtended, SaleChainLink, SaleEvents, type SaleIntegrity } from '@elk/contracts';
import type { RecordedEvent } from '@elk/eventstore';

/**
 * The tamper-evident chain of a workplace's sale events (decision 0016): each accepted event's metadata holds
 * `chain: {workplaceId, previousHash, hash}`, the hash over its predecessor's hash and the event itself.
 */

/** The JSON text of object keys met so far (a few dozen: the sale events' fields), bounded against odd stored data. */
const quotedKeys = new Map<string, string>();
const MAX_QUOTED_KEYS = 1_000;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < MAX_QUOTED_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * JSON with every object's keys sorted, so that the same content always gives the same text (a database may reorder
 * keys). Built in one pass of string concatenation: every accepted event of a push goes through it. `known` holds
 * texts already made for some objects of `value` (by identity), used as they are: what the events of one push share.
 */
export function canonicalJson(value: unknown, known?: ReadonlyMap<object, string>): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const made = known?.get(value);
  if (made !== undefined) return made;
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index++) text += (index === 0 ? '' : ',') + (value[index] === undefined ? 'null' : canonicalJson(value[index], known));
    return `${text}]`;
  }
  let text = '';
  for (const key of Object.keys(value).sort()) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry !== undefined) text += `${text === '' ? '' : ','}${quotedKey(key)}:${canonicalJson(entry, known)}`;
  }
  return `{${text}}`;
}

/** The canonical JSON of each of `values`, by identity: for canonicalJson's `known`. */
export function canonicalTexts(values: readonly object[]): Map<object, string> {
  return new Map(values.map((value) => [value, canonicalJson(value)]));
}

/** What a link's hash covers: the event's id, type, sale and data. */
export interface ChainedEvent {
  eventId: string;
  type: string;
  saleId: string;
  data: unknown;
}

/**
 * SHA-256 (hex) of the predecessor's hash followed by the canonical JSON of the event. `known`: canonical texts of
 * objects the event shares with others (canonicalTexts), so that they are made once, not once per event.
 */
export function saleChainHash(previousHash: string, event: ChainedEvent, known?: ReadonlyMap<object, string>): string {
  const { eventId, type, saleId, data } = event;
  return createHash('sha256').update(previousHash).update(canonicalJson({ eventId, type, saleId, data }, known)).digest('hex');
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

/** Where a workplace's chain first breaks, as the verifier reports it. */
export interface ChainBreak {
  workplaceId: string;
  eventId: string;
  saleId: string | null;
  /** Russian, for the operator. */
  reason: string;
}

type WalkedEvent = Pick<RecordedEvent, 'eventId' | 'type' | 'data' | 'metadata' | 'transactionId'>;

/**
 * Walks the workplaces' chains through the global log (`ops:verify-journal`): fed the log's events in order, it
 * follows each workplace's links from the genesis, one transaction (one push) at a time — a push appends its sales'
 * streams one after another, so within a transaction the log order is not the chain's. An event whose content no
 * longer hashes to its link, an event the links never reach (one before it was removed), a sale event without a link
 * and a register whose recorded head the walk did not reach (the push's last events were removed) break the chain;
 * the first break of each workplace is kept, and the walk leaves that workplace there.
 */
export class SaleChainWalk {
  private readonly heads = new Map<string, string>();
  private readonly broken = new Map<string, ChainBreak>();
  private pending: WalkedEvent[] = [];
  private walked = 0;

  constructor(private readonly organisationId: string | null = null) {}

  /** The next event of the log. */
  take(event: WalkedEvent): void {
    if (event.type !== 'SaleChainExtended' && !Object.hasOwn(SaleEvents, event.type)) return;
    if (this.organisationId && (event.data as { organisationId?: unknown } | null)?.organisationId !== this.organisationId) return;
    if (this.pending.length > 0 && this.pending[0]!.transactionId !== event.transactionId) this.settle();
    this.pending.push(event);
  }

  /** After the last event: the sale events checked, the workplaces seen, and the first break of each broken one. */
  finish(): { events: number; workplaces: number; breaks: ChainBreak[] } {
    this.settle();
    return { events: this.walked, workplaces: new Set([...this.heads.keys(), ...this.broken.keys()]).size, breaks: [...this.broken.values()] };
  }

  private settle(): void {
    const events = this.pending;
    this.pending = [];
    const byWorkplace = new Map<string, WalkedEvent[]>();
    for (const event of events.filter((candidate) => candidate.type !== 'SaleChainExtended')) {
      const workplaceId = chainLinkOf(event)?.workplaceId ?? String(event.metadata.workplaceId);
      byWorkplace.set(workplaceId, [...(byWorkplace.get(workplaceId) ?? []), event]);
    }
    for (const [workplaceId, chained] of byWorkplace) this.follow(workplaceId, chained);
    for (const event of events.filter((candidate) => candidate.type === 'SaleChainExtended')) {
      const { workplaceId, head } = SaleChainExtended.parse(event.data);
      if (this.broken.has(workplaceId)) continue;
      const reached = this.heads.get(workplaceId) ?? SALE_CHAIN_GENESIS;
      if ((head?.hash ?? SALE_CHAIN_GENESIS) !== reached) {
        this.break(workplaceId, head?.eventId ?? event.eventId, head?.saleId ?? null, 'событие, которым по реестру рабочего места кончается пакет, не найдено: события удалены');
      }
    }
  }

  /** Follows the links of one workplace's events of one transaction from the head the walk has reached. */
  private follow(workplaceId: string, events: WalkedEvent[]): void {
    if (this.broken.has(workplaceId)) return;
    const unlinked = events.find((event) => !chainLinkOf(event));
    if (unlinked) return this.break(workplaceId, unlinked.eventId, saleIdOf(unlinked), 'у события нет звена цепочки');
    const byPrevious = new Map(events.map((event) => [chainLinkOf(event)!.previousHash, event]));
    let hash = this.heads.get(workplaceId) ?? SALE_CHAIN_GENESIS;
    for (let next = byPrevious.get(hash); next; next = byPrevious.get(hash)) {
      byPrevious.delete(hash);
      const link = chainLinkOf(next)!;
      const saleId = saleIdOf(next);
      if (saleId === null || saleChainHash(link.previousHash, { eventId: next.eventId, type: next.type, saleId, data: next.data }) !== link.hash) {
        return this.break(workplaceId, next.eventId, saleId, 'событие изменено: его хеш не сходится с цепочкой');
      }
      hash = link.hash;
      this.walked++;
    }
    // Of the events not reached, the one whose predecessor is missing: the first after the gap.
    const left = [...byPrevious.values()];
    const hashes = new Set(left.map((event) => chainLinkOf(event)!.hash));
    const unreached = left.find((event) => !hashes.has(chainLinkOf(event)!.previousHash));
    if (unreached) return this.break(workplaceId, unreached.eventId, saleIdOf(unreached), 'предыдущего события цепочки нет: оно удалено или изменено');
    this.heads.set(workplaceId, hash);
  }

  private break(workplaceId: string, eventId: string, saleId: string | null, reason: string): void {
    this.broken.set(workplaceId, { workplaceId, eventId, saleId, reason });
  }
}

function saleIdOf(event: Pick<RecordedEvent, 'data'>): string | null {
  const saleId = (event.data as { saleId?: unknown } | null)?.saleId;
  return typeof saleId === 'string' ? saleId : null;
}
