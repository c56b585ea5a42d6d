import { LRUCache } from 'lru-cache';
import type { SaleChainExtended } from '@elk/contracts';
import type { SaleState } from '../sale.decider';

/** A stream as a push last saw it stored: what was decided from it, and its version then. */
interface Known {
  /** The stream's version (0: no stream yet). */
  version: number;
}

/** A sale as stored. */
export interface KnownSale extends Known {
  /** The organisation whose terminal created it; null before it is created. */
  owner: string | null;
  state: SaleState;
}

/** A workplace's register as stored: its chain's head after its last push. */
export interface KnownRegister extends Known {
  head: SaleChainExtended['head'];
}

/** The most entries kept of each kind; the least recently used go beyond it. */
export interface PushCacheSizes {
  sales: number;
  registers: number;
}

/** A sale's state is its lines and payments: small, and only the sales terminals touched last are kept. */
const DEFAULT_SIZES: PushCacheSizes = { sales: 10_000, registers: 10_000 };

/** Streams by id, at most `capacity` of them, the least recently used dropped first. */
class KnownStreams<Entry extends Known> {
  private readonly entries: LRUCache<string, Entry>;

  constructor(capacity: number) {
    this.entries = new LRUCache({ max: capacity });
  }

  get size(): number {
    return this.entries.size;
  }

  get(streamId: string): Entry | undefined {
    return this.entries.get(streamId);
  }

  /** Keeps the newer of what is known and `entry` (a stream's version only grows, and a version is one content). */
  learn(streamId: string, entry: Entry): void {
    const known = this.entries.get(streamId);
    this.entries.set(streamId, known && known.version > entry.version ? known : entry);
  }

  forget(streamId: string): void {
    this.entries.delete(streamId);
  }
}

/**
 * What pushes decided, kept so that the next push of a workplace need read nothing before it appends: the registers'
 * chain heads and the recently touched sales' states. Only ever a guess: a push appends every stream it decided from
 * at the version it knew, so an entry another instance (or a racing push) made stale fails the append, and the push is
 * decided again from the store. Entries are never changed in place, only replaced.
 */
export class PushCache {
  readonly sales: KnownStreams<KnownSale>;
  readonly registers: KnownStreams<KnownRegister>;

  constructor(sizes: Partial<PushCacheSizes> = {}) {
    this.sales = new KnownStreams(sizes.sales ?? DEFAULT_SIZES.sales);
    this.registers = new KnownStreams(sizes.registers ?? DEFAULT_SIZES.registers);
  }
}
