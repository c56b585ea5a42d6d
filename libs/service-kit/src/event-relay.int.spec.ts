import { randomBytes, randomUUID } from 'node:crypto';
import { connect, type NatsError } from 'nats';
import { Pool } from 'pg';
import { z } from 'zod';
import { PostgresDocumentStore, compareCheckpoints, type DocumentStore } from '@elk/documents';
import { START_OF_LOG, checkpointOf, createEventStore, type EventBatchHandler, type EventStore, type NewEvent, type SubscribeOptions } from '@elk/eventstore';
import { InProcessBroker, InProcessMessageBus, NatsMessageBus, type Closeable, type DeliveredEvent, type MessageBus } from '@elk/messaging';
import pino from 'pino';
import { EventRelay, defineIntegrationEvents, type EventRelayOptions, type IntegrationEventPayload } from './event-relay';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

const ThingEvents = {
  ThingCreated: {
    version: 2,
    schema: z.object({ thingId: z.string(), name: z.string(), secretHash: z.string() }),
    upcast: (data: unknown) => ({ ...(data as object), name: 'без названия' }),
  },
  ThingSecretRotated: { version: 1, schema: z.object({ thingId: z.string(), secretHash: z.string() }) },
} as const;

const things = defineIntegrationEvents({
  service: 'things',
  streamPrefixes: ['thing-'],
  events: ThingEvents,
  publicData: { ThingCreated: ({ thingId, name }) => ({ thingId, name }), ThingSecretRotated: null },
});

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

function event(type: string, data: Record<string, unknown>, schemaVersion?: number): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion,
    data,
    metadata: { organisationId: 'org-1', actor: 'account-1', correlationId: 'correlation-1', causationId: 'cause-1', traceparent: TRACEPARENT, secretNote: 'не для чужих' },
  };
}

const created = (thingId: string) => event('ThingCreated', { thingId, name: `Вещь ${thingId}`, secretHash: '$argon2id$secret' }, 2);

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The bus, with `spy` told the result of each publish; a spy that throws acts as a lost acknowledgement. */
function spying(bus: MessageBus, spy: (result: { duplicate: boolean }) => void): MessageBus {
  return Object.assign(Object.create(bus) as MessageBus, {
    publishEvent: async (published: Parameters<MessageBus['publishEvent']>[0]) => {
      const result = await bus.publishEvent(published);
      spy(result);
      return result;
    },
  });
}

interface BusUnderTest {
  name: string;
  /** The in-process bus forgets with the process, so its relay starts from the start, as in embedded mode. */
  fromStart: boolean;
  open(): Promise<{ bus: MessageBus; subjectPrefix: string; dispose(): Promise<void> }>;
}

const buses: BusUnderTest[] = [
  {
    name: 'in-process bus',
    fromStart: true,
    async open() {
      const bus = new InProcessMessageBus({ broker: new InProcessBroker() });
      return { bus, subjectPrefix: 'elk.evt', dispose: () => bus.close() };
    },
  },
  {
    name: 'NATS JetStream',
    fromStart: false,
    async open() {
      const id = randomBytes(8).toString('hex');
      const stream = `TEST_RELAY_${id}`;
      const subjectPrefix = `test.${id}.evt`;
      const bus = await NatsMessageBus.connect({ url: NATS_URL, name: 'event-relay-test', stream: { name: stream, subjects: [`${subjectPrefix}.>`] } });
      return {
        bus,
        subjectPrefix,
        async dispose() {
          await bus.close();
          const admin = await connect({ servers: NATS_URL });
          const jsm = await admin.jetstreamManager();
          await jsm.streams.delete(stream).catch((error: NatsError) => {
            if (error.api_error?.err_code !== 10059) throw error;
          });
          await admin.close();
        },
      };
    },
  },
];

describe.each(buses)('event relay on the $name', (busUnderTest) => {
  let pool: Pool;
  let schema: string;
  let eventStore: EventStore;
  let documentStore: DocumentStore;
  let bus: MessageBus;
  let subjectPrefix: string;
  let dispose: () => Promise<void>;
  let relays: EventRelay[];
  let consumer: Closeable | undefined;
  let received: DeliveredEvent[];
  /** Published by the test after the relays, to know when the consumer has had everything before it. */
  let markers: DeliveredEvent[];
  const markerSubject = () => `${subjectPrefix}.things.TestMarker`;
  const logger = pino({ level: 'silent' });

  beforeAll(() => {
    pool = new Pool({ connectionString: DATABASE_URL, max: 10 });
  });
  afterAll(() => pool.end());

  beforeEach(async () => {
    schema = `relay_test_${randomBytes(6).toString('hex')}`;
    eventStore = await createEventStore({ kind: 'postgres', connection: pool, schema: `${schema}_events`, pollIntervalMs: 50 });
    documentStore = new PostgresDocumentStore({ pool, schema });
    ({ bus, subjectPrefix, dispose } = await busUnderTest.open());
    relays = [];
    received = [];
    markers = [];
    consumer = await bus.consumeEvents({
      durable: 'relay-test',
      filterSubject: `${subjectPrefix}.things.>`,
      handler: async (delivered) => void (delivered.subject === markerSubject() ? markers : received).push(delivered),
    });
  });

  afterEach(async () => {
    for (const relay of relays) await relay.stop();
    await consumer?.close();
    await dispose();
    await eventStore.close();
    for (const name of [schema, `${schema}_events`]) await pool.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  });

  async function startRelay(options: EventRelayOptions = {}, on: { bus?: MessageBus } = {}): Promise<EventRelay> {
    const relay = new EventRelay({ eventStore, documentStore, bus: on.bus ?? bus, logger }, things, {
      subjectPrefix,
      fromStart: busUnderTest.fromStart,
      retryDelayMs: 5,
      batchSize: 3,
      ...options,
    });
    relays.push(relay);
    await relay.start();
    return relay;
  }

  /**
   * Waits for `count` deliveries, then until no more can come: the relays' checkpoint has reached the end of the log
   * (saved once what comes before it is published) and a marker published after that has come through.
   */
  async function expectDelivered(count: number): Promise<void> {
    await eventually(() => received.length >= count);
    const head = checkpointOf((await eventStore.readAll()).at(-1)!);
    await eventually(async () => compareCheckpoints((await documentStore.getCheckpoint('relay.things')) ?? START_OF_LOG, head) >= 0);
    const marker = randomUUID();
    await bus.publishEvent({ eventId: marker, subject: markerSubject(), data: null });
    await eventually(() => markers.some((delivered) => delivered.eventId === marker));
    expect(received).toHaveLength(count);
    expect(new Set(received.map((delivered) => delivered.eventId)).size).toBe(count);
  }

  it("publishes the public form of each event of the service's streams, once and in log order", async () => {
    await eventStore.appendToStream('thing-org-1-a', [created('a'), event('ThingSecretRotated', { thingId: 'a', secretHash: '$argon2id$new' })]);
    await eventStore.appendToStream('other-org-1-x', [event('OtherHappened', { secretHash: 'not ours' })]);
    await eventStore.appendToStream('thing-org-1-b', [event('ThingCreated', { thingId: 'b', secretHash: '$argon2id$old' }, 1)]);

    await startRelay();
    await expectDelivered(2);

    const [first, second] = received;
    const stored = (await eventStore.readStream('thing-org-1-a')).events[0]!;
    expect(first).toMatchObject({ eventId: stored.eventId, subject: `${subjectPrefix}.things.ThingCreated`, headers: { traceparent: TRACEPARENT } });
    expect(first?.data).toEqual({
      type: 'ThingCreated',
      schemaVersion: 2,
      streamId: 'thing-org-1-a',
      streamPosition: 1,
      recordedAt: stored.recordedAt.toISOString(),
      data: { thingId: 'a', name: 'Вещь a' },
      metadata: { organisationId: 'org-1', actor: 'account-1', correlationId: 'correlation-1', causationId: 'cause-1' },
    } satisfies IntegrationEventPayload);
    expect(second?.data).toMatchObject({ type: 'ThingCreated', schemaVersion: 2, data: { thingId: 'b', name: 'без названия' } });
    expect(JSON.stringify(received)).not.toMatch(/argon2id|secretHash|не для чужих|not ours/);
  });

  it('publishes nothing twice that a consumer would see after restarts, even from before its checkpoint', async () => {
    await eventStore.appendToStream('thing-org-1-a', [created('a'), created('b')]);
    const first = await startRelay();
    await expectDelivered(2);
    await first.stop();

    await eventStore.appendToStream('thing-org-1-c', [created('c')]);
    await startRelay();
    await expectDelivered(3);

    // A crash between publishing and saving the checkpoint: the next start publishes the same events again.
    for (const relay of relays) await relay.stop();
    await documentStore.saveCheckpoint('relay.things', START_OF_LOG);
    const duplicates: boolean[] = [];
    const again = await startRelay({}, { bus: spying(bus, (result) => duplicates.push(result.duplicate)) });
    await again.caughtUp;
    expect(duplicates).toEqual([true, true, true]);
    await expectDelivered(3);
    expect(received.map((delivered) => (delivered.data as IntegrationEventPayload).data)).toEqual(['a', 'b', 'c'].map((id) => ({ thingId: id, name: `Вещь ${id}` })));
  });

  it('lets two instances relay the same log concurrently without a consumer seeing an event twice', async () => {
    await Promise.all([startRelay(), startRelay({ batchSize: 5 })]);
    await Promise.all(
      Array.from({ length: 4 }, async (_, writer) => {
        for (let index = 0; index < 10; index++) await eventStore.appendToStream(`thing-org-1-${writer}`, [created(`${writer}-${index}`)]);
      }),
    );

    await expectDelivered(40);
    const streams = await Promise.all(Array.from({ length: 4 }, (_, writer) => eventStore.readStream(`thing-org-1-${writer}`)));
    const last = streams
      .flatMap((stream) => stream.events.map(checkpointOf))
      .reduce((a, b) => (compareCheckpoints(a, b) >= 0 ? a : b));
    await eventually(async () => compareCheckpoints((await documentStore.getCheckpoint('relay.things')) ?? START_OF_LOG, last) === 0);
  });

  it("reads none of other services' events nor its private ones, touching no document for them, and saves their checkpoint with the next it publishes", async () => {
    await eventStore.appendToStream('thing-org-1-z', [created('z')]);
    await startRelay();
    await expectDelivered(1);
    await eventually(async () => (await documentStore.getCheckpoint('relay.things')) !== null);
    const stored = await documentStore.getCheckpoint('relay.things');
    let touched = 0;
    const watched = ['transaction', 'getCheckpoint', 'saveCheckpoint'];
    const counting = new Proxy(documentStore, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (watched.includes(String(property))) touched += 1;
          return (value as (...args: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    let handled = 0;
    let seen = START_OF_LOG;
    const handling: EventStore = Object.assign(Object.create(eventStore) as EventStore, {
      subscribeToAll: (handler: EventBatchHandler, options?: SubscribeOptions) =>
        eventStore.subscribeToAll(async (events, through) => {
          await handler(events, through);
          handled += events.length;
          seen = through;
        }, options),
    });
    for (const relay of relays.splice(0)) await relay.stop();
    const relay = new EventRelay({ eventStore: handling, documentStore: counting, bus, logger }, things, { subjectPrefix, retryDelayMs: 5, batchSize: 3 });
    relays.push(relay);
    await relay.start();
    await relay.caughtUp;
    touched = 0;
    handled = 0;

    for (let index = 0; index < 5; index++) await eventStore.appendToStream(`other-org-1-${index}`, [event('OtherHappened', { secretHash: 'not ours' })]);
    await eventStore.appendToStream('thing-org-1-z', [event('ThingSecretRotated', { thingId: 'z', secretHash: '$argon2id$new' })]);
    const noise = checkpointOf((await eventStore.readStream('thing-org-1-z')).events.at(-1)!);
    // Not woken by those types: its poll moves it past them.
    await eventually(() => compareCheckpoints(seen, noise) === 0);
    expect(handled).toBe(0);
    expect(touched).toBe(0);
    expect(await documentStore.getCheckpoint('relay.things')).toEqual(stored);

    await eventStore.appendToStream('thing-org-1-a', [created('a')]);
    await expectDelivered(2);
    const last = checkpointOf((await eventStore.readStream('thing-org-1-a')).events[0]!);
    await eventually(async () => compareCheckpoints((await documentStore.getCheckpoint('relay.things')) ?? START_OF_LOG, last) === 0);
  });

  it('retries a batch until the bus acknowledges it, the consumer seeing each event once', async () => {
    let refusals = 2;
    const flaky = spying(bus, () => {
      if (refusals-- > 0) throw new Error('no acknowledgement');
    });
    await eventStore.appendToStream('thing-org-1-a', [created('a'), created('b')]);

    await startRelay({}, { bus: flaky });

    await expectDelivered(2);
  });
});
