import { MemoryExpiringRecordStore } from './expiring-record.store';

describe('memory expiring record store', () => {
  afterEach(() => jest.useRealTimers());

  it('evicts expired records of every time to live, written in any order, and keeps the live ones', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-06T00:00:00Z') });
    const store = new MemoryExpiringRecordStore();
    for (let i = 0; i < 1_000; i++) {
      await store.put(`short-${i}`, 'short', 1);
      await store.put(`long-${i}`, 'long', 60);
    }
    await store.put('moved', 'short first', 1);
    await store.put('moved', 'then long', 60);

    jest.advanceTimersByTime(1_000);
    expect(await store.get('short-0')).toBeNull();
    expect(store.size).toBe(1_001);
    expect(await store.get('long-999')).toBe('long');
    expect(await store.get('moved')).toBe('then long');

    jest.advanceTimersByTime(59_000);
    expect(await store.get('moved')).toBeNull();
    expect(store.size).toBe(0);
  });

  it('does not read every live record on each call: 100 000 of them cost a lookup about what 10 do', async () => {
    const timeLookups = async (liveRecords: number) => {
      const store = new MemoryExpiringRecordStore();
      for (let i = 0; i < liveRecords; i++) await store.put(`key-${i}`, 'record', 24 * 60 * 60);
      let best = Infinity;
      for (let round = 0; round < 3; round++) {
        const started = performance.now();
        for (let i = 0; i < 1_000; i++) await store.putIfAbsent(`key-${i % 10}`, 'other', 60);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const withFew = await timeLookups(10);
    const withMany = await timeLookups(100_000);
    // Reading all of them on each call takes seconds here (about 10 000 times as long); the wide slack keeps a
    // busy machine's pauses from failing a store that is right.
    expect(withMany).toBeLessThan(withFew * 10 + 250);
  });
});
