import { randomUUID } from 'node:crypto';
import { TEST_REDIS_URL } from '@elk/testing';
import Redis from 'ioredis';
import { RedisExpiringRecordStore } from '../records/redis-expiring-record.store';
import { ProductImportProgress } from './product-import-progress';

let redis: Redis;
beforeAll(() => {
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(() => redis.quit());

describe('import progress over Redis, as two gateway instances see it', () => {
  const organisationId = randomUUID();
  let uploadTaker: ProductImportProgress;
  let pollTaker: ProductImportProgress;
  beforeEach(() => {
    const prefix = `elk:test:${randomUUID()}:`;
    uploadTaker = new ProductImportProgress(new RedisExpiringRecordStore(redis, prefix));
    pollTaker = new ProductImportProgress(new RedisExpiringRecordStore(redis, prefix));
  });

  it('shows the instance a poll reaches how far the other one got, to the same organisation only', async () => {
    const importId = randomUUID();
    const tracker = await uploadTaker.start(organisationId, importId, 1200);
    expect(await pollTaker.get(organisationId, importId)).toEqual({ processedRows: 0, totalRows: 1200, status: 'running' });
    await tracker.advance(500);
    expect(await pollTaker.get(organisationId, importId)).toEqual({ processedRows: 500, totalRows: 1200, status: 'running' });
    await tracker.advance(700);
    await tracker.finish('done');
    expect(await pollTaker.get(organisationId, importId)).toEqual({ processedRows: 1200, totalRows: 1200, status: 'done' });
    expect(await pollTaker.get(randomUUID(), importId)).toBeUndefined();
  });

  it('refuses a second import under an id still running on another instance, and takes it once that one is over', async () => {
    const importId = randomUUID();
    const first = await uploadTaker.start(organisationId, importId, 10);
    await expect(pollTaker.start(organisationId, importId, 3)).rejects.toMatchObject({ code: 'RULE_VIOLATED' });
    await first.finish('failed');
    await pollTaker.start(organisationId, importId, 3);
    expect(await uploadTaker.get(organisationId, importId)).toEqual({ processedRows: 0, totalRows: 3, status: 'running' });
  });
});
