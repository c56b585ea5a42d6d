/**
 * Records every gateway instance must see (Idempotency-Keys, the progress of product imports): Redis when the
 * gateway has one, memory in embedded mode. Records are text; each expires `ttlSeconds` after it was last written.
 */
export interface ExpiringRecordStore {
  /** Stores `record` unless the key has one; returns the record that was there, or null when stored. */
  putIfAbsent(key: string, record: string, ttlSeconds: number): Promise<string | null>;
  put(key: string, record: string, ttlSeconds: number): Promise<void>;
  get(key: string): Promise<string | null>;
}

export const EXPIRING_RECORDS = Symbol('EXPIRING_RECORDS');

interface StoredRecord {
  record: string;
  expiresAt: number;
  ttlSeconds: number;
}

/**
 * Records in memory. Keys also wait in one queue per time to live, in the order they were last written: within a
 * queue that is the order they expire in, so each call evicts by looking at the front of each queue only — the cost
 * is the records that expired, not all of them (idempotency keys live 24 h).
 */
export class MemoryExpiringRecordStore implements ExpiringRecordStore {
  private readonly records = new Map<string, StoredRecord>();
  // A Set iterates in insertion order; deleting a key and adding it again moves it to the back.
  private readonly expiryQueues = new Map<number, Set<string>>();

  // No await between the check and the write: concurrent callers cannot both find the key free.
  async putIfAbsent(key: string, record: string, ttlSeconds: number): Promise<string | null> {
    const existing = this.current(key);
    if (existing === null) this.write(key, record, ttlSeconds);
    return existing;
  }

  async put(key: string, record: string, ttlSeconds: number): Promise<void> {
    this.evictExpired();
    this.write(key, record, ttlSeconds);
  }

  async get(key: string): Promise<string | null> {
    return this.current(key);
  }

  /** How many records are held, expired ones not yet evicted included. */
  get size(): number {
    return this.records.size;
  }

  private current(key: string): string | null {
    const now = this.evictExpired();
    const stored = this.records.get(key);
    // A clock set back may leave an expired record behind a live one in its queue: check it here too.
    return stored && stored.expiresAt > now ? stored.record : null;
  }

  private write(key: string, record: string, ttlSeconds: number): void {
    const previous = this.records.get(key);
    if (previous) this.expiryQueues.get(previous.ttlSeconds)?.delete(key);
    this.records.set(key, { record, expiresAt: Date.now() + ttlSeconds * 1000, ttlSeconds });
    let queue = this.expiryQueues.get(ttlSeconds);
    if (!queue) this.expiryQueues.set(ttlSeconds, (queue = new Set()));
    queue.add(key);
  }

  private evictExpired(): number {
    const now = Date.now();
    for (const queue of this.expiryQueues.values()) {
      for (const key of queue) {
        if (this.records.get(key)!.expiresAt > now) break;
        queue.delete(key);
        this.records.delete(key);
      }
    }
    return now;
  }
}
