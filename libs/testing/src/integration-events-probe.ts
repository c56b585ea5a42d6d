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

/**
 * A durable consumer of the integration events a service under test relays. Embedded, on the test's own in-process
 * bus, they come on `elk.evt.<service>.>`. Distributed, they go through a JetStream stream of the test's own, under
 * subjects of its own since streams on one server may not share subjects; requests stay on an in-process bus, as
 * another test file's instance of the service on the shared server would take them otherwise.
 */
export async function probeIntegrationEvents(infrastructure: TestInfrastructure, service: string): Promise<IntegrationEventsProbe> {
  let bus = infrastructure.bus;
  let subjectPrefix = 'elk.evt';
  let close = async () => undefined;
  if (infrastructure.mode === 'distributed') {
    const stream = `TEST_EVENTS_${randomBytes(8).toString('hex')}`;
    subjectPrefix = `test.${stream.toLowerCase()}.evt`;
    const events = await NatsMessageBus.connect({ url: TEST_NATS_URL, name: stream, stream: { name: stream, subjects: [`${subjectPrefix}.>`] } });
    const requests = new InProcessMessageBus({ broker: new InProcessBroker() });
    bus = {
      request: (subject, data, options) => requests.request(subject, data, options),
      serve: (subject, handler, options) => requests.serve(subject, handler, options),
      publishEvent: (event) => events.publishEvent(event),
      consumeEvents: (options) => events.consumeEvents(options),
      close: async () => void (await Promise.all([requests.close(), events.close()])),
    };
    close = async () => {
      await bus.close();
      const admin = await connect({ servers: TEST_NATS_URL });
      await (await admin.jetstreamManager()).streams.delete(stream);
      await admin.close();
    };
  }
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
