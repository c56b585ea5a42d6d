import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { InProcessBroker, InProcessMessageBus, NatsMessageBus, type DeliveredEvent, type MessageBus } from '@elk/messaging';
import type { IntegrationEventPayload } from '@elk/service-kit';
import { TEST_NATS_URL, type TestInfrastructure } from './test-infrastructure';

export interface IntegrationEventsProbe {
  /** The bus to run the service on (give it to InfrastructureModule in place of the fixture's). */
  bus: MessageBus;
  /** The service module's `eventSubjectPrefix`. */
  subjectPrefix: string;
  received: DeliveredEvent[];
  /** Waits for `count` events, then a little longer to see that no more come; fails on more, or on an eventId twice. */
  expectReceived(count: number): Promise<IntegrationEventPayload[]>;
  close(): Promise<void>;
}

export interface IsolatedEventBus {
  /** The bus to run services on (give it to InfrastructureModule in place of the fixture's). */
  bus: MessageBus;
  /** Integration events go under `<subjectPrefix>.<service>.<EventType>`: the service modules' `eventSubjectPrefix`. */
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
  const received: DeliveredEvent[] = [];
  await bus.consumeEvents({ durable: `probe-${service}`, filterSubject: `${subjectPrefix}.${service}.>`, handler: async (event) => void received.push(event) });
  return {
    bus,
    subjectPrefix,
    received,
    async expectReceived(count) {
      for (const until = Date.now() + 10_000; received.length < count && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received).toHaveLength(count);
      expect(new Set(received.map((event) => event.eventId)).size).toBe(count);
      return received.map((event) => event.data as IntegrationEventPayload);
    },
    close,
  };
}
