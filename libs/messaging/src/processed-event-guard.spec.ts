import type { DeliveredEvent } from './message-bus';
import { InMemoryProcessedEventGuard, onceByEventId } from './processed-event-guard';

const event = (eventId: string): DeliveredEvent => ({ eventId, subject: 'elk.evt.test.Happened', data: {}, headers: {}, sequence: 1, deliveryCount: 1 });

describe('InMemoryProcessedEventGuard', () => {
  it('applies an event once however often it is delivered', async () => {
    const guard = new InMemoryProcessedEventGuard();
    const applied: string[] = [];
    const handler = onceByEventId(guard, async (delivered) => {
      applied.push(delivered.eventId);
    });

    await handler(event('e1'));
    await handler(event('e1'));
    await handler(event('e2'));

    expect(applied).toEqual(['e1', 'e2']);
    expect(guard.has('e1')).toBe(true);
  });

  it('does not record an event whose effect failed, so the redelivery applies it', async () => {
    const guard = new InMemoryProcessedEventGuard();
    await expect(guard.runOnce('e1', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(guard.has('e1')).toBe(false);
    await expect(guard.runOnce('e1', async () => undefined)).resolves.toBe(true);
  });

  it('runs concurrent attempts on the same event one after the other, applying it once', async () => {
    const guard = new InMemoryProcessedEventGuard();
    let release = () => {};
    let runs = 0;
    const first = guard.runOnce('e1', async () => {
      runs += 1;
      await new Promise<void>((resolve) => (release = resolve));
    });
    const second = guard.runOnce('e1', async () => {
      runs += 1;
    });
    release();

    await expect(Promise.all([first, second])).resolves.toEqual([true, false]);
    expect(runs).toBe(1);
  });
});
