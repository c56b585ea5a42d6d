import type Redis from 'ioredis';
import type { IdempotencyStore } from './idempotency.store';

export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'elk:gateway:idempotency:',
  ) {}

  async putIfAbsent(key: string, record: string, ttlSeconds: number): Promise<string | null> {
    // SET NX GET (Redis 7): stores and returns the previous value in one atomic step.
    return this.redis.set(this.prefix + key, record, 'EX', ttlSeconds, 'NX', 'GET');
  }

  async put(key: string, record: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.prefix + key, record, 'EX', ttlSeconds);
  }
}
