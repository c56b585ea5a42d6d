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

export class MemoryExpiringRecordStore implements ExpiringRecordStore {
  private readonly records = new Map<string, { record: string; expiresAt: number }>();

  // No await between the check and the write: concurrent callers cannot both find the key free.
  async putIfAbsent(key: string, record: string, ttlSeconds: number): Promise<string | null> {
    const existing = this.current(key);
    if (existing === null) this.write(key, record, ttlSeconds);
    return existing;
  }

  async put(key: string, record: string, ttlSeconds: number): Promise<void> {
    this.write(key, record, ttlSeconds);
  }

  async get(key: string): Promise<string | null> {
    return this.current(key);
  }

  private current(key: string): string | null {
    this.evictExpired();
    return this.records.get(key)?.record ?? null;
  }

  private write(key: string, record: string, ttlSeconds: number): void {
    this.records.set(key, { record, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  private evictExpired(): void {
    const now = Date.now();
    for (const [key, { expiresAt }] of this.records) if (expiresAt <= now) this.records.delete(key);
  }
}
