import { randomUUID } from 'node:crypto';
import { AckPolicy, connect, type NatsConnection, type NatsError, StorageType, nanos } from 'nats';
import { createMessageBus } from './create-message-bus';
import { type BusTestContext, messageBusContract } from './message-bus.contract';
import { RemoteError } from './message-bus';
import { NatsMessageBus } from './nats-message-bus';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

describe('NatsMessageBus', () => {
  let admin: NatsConnection;

  beforeAll(async () => {
    admin = await connect({ servers: NATS_URL });
  });
  afterAll(() => admin.close());

  /** A stream of its own for one test, deleted after it. */
  async function withStream(run: (stream: { name: string; prefix: string }) => Promise<void>): Promise<void> {
    const id = randomUUID().replaceAll('-', '');
    const stream = { name: `TEST_${id}`, prefix: `test.${id}` };
    try {
      await run(stream);
    } finally {
      await deleteStream(stream.name);
    }
  }

  async function deleteStream(name: string): Promise<void> {
    const jsm = await admin.jetstreamManager();
    await jsm.streams.delete(name).catch((error: NatsError) => {
      if (error.api_error?.err_code !== 10059) throw error; // never created: the test published no event
    });
  }

  describe.each([
    { where: 'without a namespace', namespace: undefined },
    { where: 'in a namespace', namespace: `ns${randomUUID().slice(0, 8)}` },
  ])('$where', ({ namespace }) => {
    messageBusContract(async (): Promise<BusTestContext> => {
      const id = randomUUID().replaceAll('-', '');
      const prefix = `test.${id}`;
      const buses: NatsMessageBus[] = [];
      return {
        newBus: async () => {
          const bus = await createMessageBus({
            kind: 'nats',
            url: NATS_URL,
            name: `messaging-contract-${id}`,
            requestTimeoutMs: 2_000,
            stream: { name: `TEST_${id}`, subjects: [`${prefix}.evt.>`] },
            namespace,
          });
          buses.push(bus as NatsMessageBus);
          return bus;
        },
        subject: (name) => `${prefix}.${name}`,
        eventSubject: (name) => `${prefix}.evt.${name}`,
        dispose: async () => {
          await Promise.all(buses.map((bus) => bus.close()));
          if (buses[0]) await deleteStream(buses[0].streamName);
        },
      };
    });
  });

  it('keeps requests and events of one namespace from the buses of another on the same server', async () => {
    const id = randomUUID().replaceAll('-', '');
    const options = { url: NATS_URL, requestTimeoutMs: 500, stream: { name: `TEST_${id}`, subjects: [`test.${id}.evt.>`] } };
    const [mine, theirs] = await Promise.all([NatsMessageBus.connect({ ...options, namespace: 'mine' }), NatsMessageBus.connect({ ...options, namespace: 'theirs' })]);
    try {
      const subject = `test.${id}.qry.Who`;
      await mine.serve(subject, async (request) => `mine answered ${request.subject}`);
      expect(await mine.request(subject, {})).toBe(`mine answered ${subject}`);
      await expect(theirs.request(subject, {})).rejects.toThrow(`No one serves ${subject}`);

      // Mine is published first: had it reached their stream, it would come before Theirs.
      let seeFirst!: (subject: string) => void;
      const firstSeen = new Promise<string>((resolve) => (seeFirst = resolve));
      await theirs.consumeEvents({ durable: 'theirs', filterSubject: `test.${id}.evt.>`, handler: async (event) => seeFirst(event.subject) });
      await mine.publishEvent({ eventId: randomUUID(), subject: `test.${id}.evt.Mine`, data: {} });
      await theirs.publishEvent({ eventId: randomUUID(), subject: `test.${id}.evt.Theirs`, data: {} });
      expect(await firstSeen).toBe(`test.${id}.evt.Theirs`);

      const jsm = await admin.jetstreamManager();
      expect((await jsm.streams.info(mine.streamName)).state.messages).toBe(1);
      expect(mine.streamName).toBe(`TEST_${id}_MINE`);
    } finally {
      await Promise.all([mine.close(), theirs.close()]);
      await Promise.all([deleteStream(`TEST_${id}_MINE`), deleteStream(`TEST_${id}_THEIRS`)]);
    }
  });

  it('creates the event stream on file storage with the duplicate window, and consumers that ack one by one', () =>
    withStream(async (stream) => {
      const bus = await NatsMessageBus.connect({ url: NATS_URL, stream: { name: stream.name, subjects: [`${stream.prefix}.>`], duplicateWindowMs: 60_000 } });
      try {
        await bus.consumeEvents({ durable: 'config-check', filterSubject: `${stream.prefix}.a.>`, ackWaitMs: 1_500, maxDeliver: 7, handler: async () => {} });

        const jsm = await admin.jetstreamManager();
        const { config } = await jsm.streams.info(stream.name);
        expect(config).toMatchObject({ subjects: [`${stream.prefix}.>`], storage: StorageType.File, duplicate_window: nanos(60_000) });
        const consumer = await jsm.consumers.info(stream.name, 'config-check');
        expect(consumer.config).toMatchObject({
          durable_name: 'config-check',
          filter_subject: `${stream.prefix}.a.>`,
          ack_policy: AckPolicy.Explicit,
          ack_wait: nanos(1_500),
          max_deliver: 7,
          max_ack_pending: 1,
        });
      } finally {
        await bus.close();
      }
    }));

  it('updates the duplicate window of an existing stream and the ack wait of an existing durable', () =>
    withStream(async (stream) => {
      const options = { url: NATS_URL, stream: { name: stream.name, subjects: [`${stream.prefix}.>`] } };
      const first = await NatsMessageBus.connect({ ...options, stream: { ...options.stream, duplicateWindowMs: 30_000 } });
      const consumer = await first.consumeEvents({ durable: 'updated', filterSubject: `${stream.prefix}.>`, ackWaitMs: 1_000, handler: async () => {} });
      await consumer.close();
      await first.close();

      const second = await NatsMessageBus.connect(options);
      try {
        await second.consumeEvents({ durable: 'updated', filterSubject: `${stream.prefix}.>`, ackWaitMs: 3_000, handler: async () => {} });
        await expect(second.consumeEvents({ durable: 'updated', filterSubject: `${stream.prefix}.other`, handler: async () => {} })).rejects.toThrow(
          /filters/,
        );

        const jsm = await admin.jetstreamManager();
        expect((await jsm.streams.info(stream.name)).config.duplicate_window).toBe(nanos(120_000));
        expect((await jsm.consumers.info(stream.name, 'updated')).config.ack_wait).toBe(nanos(3_000));
      } finally {
        await second.close();
      }
    }));

  it('refuses to publish an event on a subject its stream does not store', () =>
    withStream(async (stream) => {
      const bus = await NatsMessageBus.connect({ url: NATS_URL, stream: { name: stream.name, subjects: [`${stream.prefix}.evt.>`] } });
      try {
        await expect(bus.publishEvent({ eventId: randomUUID(), subject: `${stream.prefix}.cmd.Oops`, data: {} })).rejects.toThrow(
          `No stream stores ${stream.prefix}.cmd.Oops`,
        );
      } finally {
        await bus.close();
      }
    }));

  it('answers with an error rather than a timeout when the reply is over the server max_payload', async () => {
    const subject = `test.${randomUUID()}.qry.Huge`;
    const bus = await NatsMessageBus.connect({ url: NATS_URL });
    try {
      await bus.serve(subject, async () => 'x'.repeat(admin.info?.max_payload ?? 1_048_576));
      const error = await bus.request(subject, {}).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RemoteError);
      expect(error).toMatchObject({ code: 'MAX_PAYLOAD_EXCEEDED' });
    } finally {
      await bus.close();
    }
  });
});
