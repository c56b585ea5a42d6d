import { randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'nats';
import { compareCheckpoints } from '@elk/documents';
import { START_OF_LOG, checkpointOf, type EventStore, type GlobalCheckpoint } from '@elk/eventstore';
import { InProcessBroker, InProcessMessageBus, NatsMessageBus, type DeliveredEvent, type MessageBus } from '@elk/messaging';
import type { IntegrationEventPayload } from '@elk/service-kit';
import { TEST_NATS_URL, type TestInfrastructure } from './test-infrastructure';
import { waitUntil } from './wait-until';

export interface IntegrationEventsProbe {
  /** The bus to run the service on (give it to InfrastructureModule in place of the fixture's). */
  bus: MessageBus;
  /** The service module's `eventSubjectPrefix`. */
  subjectPrefix: string;
  received: DeliveredEvent[];
  /**
   * Waits for `count` events, then until no more can come: every subscriber of the event store (the service's relay
   * among them) has handled the whole log, and a marker published after that has come through. Fails on more events,
   * or on an eventId twice.
   */
  expectReceived(count: number): Promise<IntegrationEventPayload[]>;
  close(): Promise<void>;
}

export interface IsolatedEventBus {
  /** The bus to run services on (give it to InfrastructureModule in place of the fixture's). */
  bus: MessageBus;
  /** Integration events go under `<subjectPrefix>.<service>.<EventType>`: the relays' `eventSubjectPrefix` and the bus transport's. */
  subjectPrefix: string;
  close(): Promise<void>;
}

/**
 * A bus whose integration events no other test file sees. Embedded, the test's own in-process bus under `elk.evt`.
 * Distributed, events go through a JetStream stream of the test's own, under subjects of its own since streams on
 * one server may not share subjects; requests stay on an in-process bus, as another test file's instance of the
 * service on the shared server would take them otherwise.
 */
export async function isolatedEventBus(infrastructure: TestInfrastructure): Promise<IsolatedEventBus> {
  if (infrastructure.mode === 'embedded') return { bus: infrastructure.bus, subjectPrefix: 'elk.evt', close: async () => undefined };
  const stream = `TEST_EVENTS_${randomBytes(8).toString('hex')}`;
  const subjectPrefix = `test.${stream.toLowerCase()}.evt`;
  const events = await NatsMessageBus.connect({ url: TEST_NATS_URL, name: stream, stream: { name: stream, subjects: [`${subjectPrefix}.>`] } });
  const requests = new InProcessMessageBus({ broker: new InProcessBroker() });
  const bus: MessageBus = {
    request: (subject, data, options) => requests.request(subject, data, options),
    serve: (subject, handler, options) => requests.serve(subject, handler, options),
    publishEvent: (event) => events.publishEvent(event),
    consumeEvents: (options) => events.consumeEvents(options),
    broadcast: (subject, data) => requests.broadcast(subject, data),
    listen: (subject, listener) => requests.listen(subject, listener),
    close: async () => void (await Promise.all([requests.close(), events.close()])),
  };
  return {
    bus,
    subjectPrefix,
    close: async () => {
      await bus.close();
      const admin = await connect({ servers: TEST_NATS_URL });
      await (await admin.jetstreamManager()).streams.delete(stream);
      await admin.close();
    },
  };
}

/** A durable consumer of the integration events a service under test relays, on an {@link isolatedEventBus}. */
export async function probeIntegrationEvents(infrastructure: TestInfrastructure, service: string): Promise<IntegrationEventsProbe> {
  const { bus, subjectPrefix, close } = await isolatedEventBus(infrastructure);
  const subscribers = watchSubscribers(infrastructure.eventStore);
  const received: DeliveredEvent[] = [];
  const marker = `${subjectPrefix}.${service}.ProbeMarker`;
  let markers = 0;
  await bus.consumeEvents({
    durable: `probe-${service}`,
    filterSubject: `${subjectPrefix}.${service}.>`,
    handler: async (event) => void (event.subject === marker ? (markers += 1) : received.push(event)),
  });
  return {
    bus,
    subjectPrefix,
    received,
    async expectReceived(count) {
      await waitUntil(() => received.length >= count, `${count} events (got ${received.length})`, 10_000);
      const head = (await infrastructure.eventStore.readAll()).at(-1);
      if (head) await waitUntil(() => subscribers.handledThrough(checkpointOf(head)), 'the relay to handle the whole log', 10_000);
      const sent = markers + 1;
      await bus.publishEvent({ eventId: randomUUID(), subject: marker, data: null });
      await waitUntil(() => markers === sent, 'the marker published after the relay', 10_000);
      expect(received).toHaveLength(count);
      expect(new Set(received.map((event) => event.eventId)).size).toBe(count);
      return received.map((event) => event.data as IntegrationEventPayload);
    },
    close: async () => {
      subscribers.restore();
      await close();
    },
  };
}

/** Follows how far each running subscriber of `eventStore` has handled the log (the service's relay is one of them). */
function watchSubscribers(eventStore: EventStore): { handledThrough(checkpoint: GlobalCheckpoint): boolean; restore(): void } {
  const subscribeToAll = eventStore.subscribeToAll;
  const running = new Map<symbol, GlobalCheckpoint>();
  eventStore.subscribeToAll = (handler, options) => {
    const id = Symbol('subscriber');
    running.set(id, options?.from ?? START_OF_LOG);
    const subscription = subscribeToAll.call(
      eventStore,
      async (events, through) => {
        await handler(events, through);
        running.set(id, through);
      },
      options,
    );
    return {
      caughtUp: subscription.caughtUp,
      readNow: () => subscription.readNow(),
      stop: () => {
        running.delete(id);
        return subscription.stop();
      },
    };
  };
  return {
    handledThrough: (checkpoint) => [...running.values()].every((handled) => compareCheckpoints(handled, checkpoint) >= 0),
    restore: () => void (eventStore.subscribeToAll = subscribeToAll),
  };
}
