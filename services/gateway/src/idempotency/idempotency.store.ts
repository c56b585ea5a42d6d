/**
 * Where Idempotency-Keys are remembered: Redis when the gateway has one (every instance sees every key),
 * memory in embedded mode. Records are JSON text; each expires `ttlSeconds` after it was last written.
 */
export interface IdempotencyStore {
  /** Stores `record` unless the key has one; returns the record that was there, or null when stored. */
  putIfAbsent(key: string, record: string, ttlSeconds: number): Promise<string | null>;
  put(key: string, record: string, ttlSeconds: number): Promise<void>;
}

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');

export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, { record: string; expiresAt: number }>();

  async putIfAbsent(key: string, record: string, ttlSeconds: number): Promise<string | null> {
    this.evictExpired();
    const existing = this.records.get(key);
    if (existing) return existing.record;
    await this.put(key, record, ttlSeconds);
    return null;
  }

  async put(key: string, record: string, ttlSeconds: number): Promise<void> {
    this.records.set(key, { record, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  private evictExpired(): void {
    const now = Date.now();
    for (const [key, { expiresAt }] of this.records) if (expiresAt <= now) this.records.delete(key);
  }
}
