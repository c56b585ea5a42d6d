import type { DeliveredEvent } from './message-bus';

/**
 * Durable consumers deliver at least once: an event comes again when its consumer crashed or was closed
 * after applying it but before the ack. A guard remembers which event ids a consumer has applied so that
 * their effects happen once. Back it with the consumer's own store and record the id in the same
 * transaction as the effect (e.g. a `processed_events(consumer, event_id)` primary key): `tx` is that
 * transaction, handed to the effect.
 */
export interface ProcessedEventGuard<Tx = void> {
  /** Runs `effect` unless `eventId` is already recorded, and records it with the effect. Returns whether it ran. */
  runOnce(eventId: string, effect: (tx: Tx) => Promise<void>): Promise<boolean>;
}

/** A consumer handler that applies `handler` at most once per eventId. */
export function onceByEventId<Tx>(
  guard: ProcessedEventGuard<Tx>,
  handler: (event: DeliveredEvent, tx: NoInfer<Tx>) => Promise<void>,
): (event: DeliveredEvent) => Promise<void> {
  return async (event) => {
    await guard.runOnce(event.eventId, (tx) => handler(event, tx));
  };
}

/** A guard kept in memory, for embedded read models that live in memory too, and for tests. */
export class InMemoryProcessedEventGuard implements ProcessedEventGuard {
  private readonly processed = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();

  async runOnce(eventId: string, effect: (tx: void) => Promise<void>): Promise<boolean> {
    for (;;) {
      if (this.processed.has(eventId)) return false;
      const inProgress = this.running.get(eventId);
      if (!inProgress) break;
      // The same event is being applied (a redelivery racing an abandoned handler): wait for that attempt.
      await inProgress.catch(() => undefined);
    }
    const attempt = effect().then(() => {
      this.processed.add(eventId);
    });
    this.running.set(eventId, attempt);
    try {
      await attempt;
      return true;
    } finally {
      this.running.delete(eventId);
    }
  }

  has(eventId: string): boolean {
    return this.processed.has(eventId);
  }
}
