import { randomUUID } from 'node:crypto';
import { TEST_REDIS_URL } from '@elk/testing';
import Redis from 'ioredis';
import { type ExpiringRecordStore, MemoryExpiringRecordStore } from './expiring-record.store';
import { RedisExpiringRecordStore } from './redis-expiring-record.store';

let redis: Redis;
beforeAll(() => {
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(() => redis.quit());

describe.each([
  ['memory', () => new MemoryExpiringRecordStore()],
  ['redis', () => new RedisExpiringRecordStore(redis, `elk:test:${randomUUID()}:`)],
] as const)('%s expiring record store', (_, create) => {
  let store: ExpiringRecordStore;
  beforeEach(() => {
    store = create();
  });

  it('stores the first record and hands back that one afterwards', async () => {
    expect(await store.putIfAbsent('k', 'first', 60)).toBeNull();
    expect(await store.putIfAbsent('k', 'second', 60)).toBe('first');
    expect(await store.putIfAbsent('other', 'third', 60)).toBeNull();
  });

  it('lets exactly one of many concurrent first attempts through', async () => {
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => store.putIfAbsent('race', `attempt-${i}`, 60)));
    const winners = outcomes.filter((outcome) => outcome === null);
    expect(winners).toHaveLength(1);
    expect(new Set(outcomes.filter((outcome) => outcome !== null)).size).toBe(1);
  });

  it('overwrites a record with put, and reads it back', async () => {
    await store.putIfAbsent('k', 'pending', 60);
    await store.put('k', 'done', 60);
    expect(await store.get('k')).toBe('done');
    expect(await store.putIfAbsent('k', 'again', 60)).toBe('done');
    expect(await store.get('missing')).toBeNull();
  });

  it('forgets a record after its time to live', async () => {
    await store.putIfAbsent('k', 'short-lived', 1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await store.get('k')).toBeNull();
    expect(await store.putIfAbsent('k', 'new', 60)).toBeNull();
  });
});
