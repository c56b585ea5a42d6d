import type Redis from 'ioredis';
import type { ExpiringRecordStore } from './expiring-record.store';

export class RedisExpiringRecordStore implements ExpiringRecordStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'elk:gateway:',
  ) {}

  async putIfAbsent(key: string, record: string, ttlSeconds: number): Promise<string | null> {
    // SET NX GET (Redis 7): stores and returns the previous value in one atomic step.
    return this.redis.set(this.prefix + key, record, 'EX', ttlSeconds, 'NX', 'GET');
  }

  async put(key: string, record: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.prefix + key, record, 'EX', ttlSeconds);
  }

  get(key: string): Promise<string | null> {
    return this.redis.get(this.prefix + key);
  }
}
