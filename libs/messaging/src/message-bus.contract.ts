import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SpanKind, startTelemetry, type Telemetry, traceFields, withSpan } from '@elk/telemetry';
import {
  BusNoRespondersError,
  BusTimeoutError,
  type ConsumeOptions,
  type DeliveredEvent,
  type MessageBus,
  RemoteError,
} from './message-bus';
import { InMemoryProcessedEventGuard, onceByEventId } from './processed-event-guard';

/** One test's world: buses that reach each other, and names no other test uses. */
export interface BusTestContext {
  /** Another bus on the same server, as another process or instance would have. */
  newBus(): Promise<MessageBus>;
  /** A request subject unique to this test. */
  subject(name: string): string;
  /** An event subject unique to this test and stored by its event stream. */
  eventSubject(name: string): string;
  /** Closes the buses and removes what the test created on the server. */
  dispose(): Promise<void>;
}

const ACK_WAIT_MS = 250;

/** The behaviour every MessageBus adapter must have. */
export function messageBusContract(createContext: () => Promise<BusTestContext>): void {
  const exporter = new InMemorySpanExporter();
  let telemetry: Telemetry;
  let ctx: BusTestContext;
  let bus: MessageBus;

  beforeAll(() => {
    telemetry = startTelemetry({ serviceName: 'messaging-contract', exporter });
  });
  afterAll(() => telemetry.shutdown());
  beforeEach(async () => {
    ctx = await createContext();
    bus = await ctx.newBus();
  });
  afterEach(() => ctx.dispose());

  /** Publishes events with ids `<prefix>1..n` on one subject, in order. */
  async function publishNumbered(subject: string, prefix: string, from: number, to: number): Promise<void> {
    for (let n = from; n <= to; n++) await bus.publishEvent({ eventId: `${prefix}${n}`, subject, data: { n } });
  }

  function consume(options: Omit<ConsumeOptions, 'ackWaitMs'> & { ackWaitMs?: number }, on: MessageBus = bus) {
    return on.consumeEvents({ ackWaitMs: ACK_WAIT_MS, ...options });
  }

  describe('request/reply', () => {
    it('answers a request with the reply of the handler, as JSON, headers included', async () => {
      const subject = ctx.subject('qry.GetProduct');
      await bus.serve<{ id: string; at: Date }>(subject, async (request) => ({
        id: request.data.id,
        at: request.data.at,
        correlationId: request.headers['x-correlation-id'],
        subject: request.subject,
      }));

      const reply = await bus.request(subject, { id: 'p1', at: new Date('2025-01-02T03:04:05Z') }, { headers: { 'x-correlation-id': 'c1' } });

      expect(reply).toEqual({ id: 'p1', at: '2025-01-02T03:04:05.000Z', correlationId: 'c1', subject });
    });

    it('serves a wildcard subject and tells the handler which subject was asked', async () => {
      await bus.serve(ctx.subject('qry.*'), async (request) => request.subject);
      await expect(bus.request(ctx.subject('qry.GetUnit'), {})).resolves.toBe(ctx.subject('qry.GetUnit'));
      await expect(bus.request(ctx.subject('qry.GetUnit.deeper'), {}, { timeoutMs: 300 })).rejects.toBeInstanceOf(BusTimeoutError);
    });

    it('carries an undefined reply', async () => {
      const subject = ctx.subject('cmd.Forget');
      await bus.serve(subject, async () => undefined);
      await expect(bus.request(subject, undefined)).resolves.toBeUndefined();
    });

    it('shares requests among the instances of a queue group', async () => {
      const subject = ctx.subject('qry.Share');
      const instances = ['a', 'b', 'c'];
      for (const instance of instances) {
        const server = await ctx.newBus();
        await server.serve(subject, async () => instance);
      }

      const replies = await Promise.all(Array.from({ length: 60 }, () => bus.request<string>(subject, {})));

      const counts = instances.map((instance) => replies.filter((reply) => reply === instance).length);
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(60);
      for (const count of counts) expect(count).toBeGreaterThan(0);
    });

    it('stops serving when the served subject is closed, after answering what it took', async () => {
      const subject = ctx.subject('cmd.Slow');
      let started = () => {};
      const handlerStarted = new Promise<void>((resolve) => (started = resolve));
      let release = (_reply: string) => {};
      const served = await bus.serve(subject, () => {
        started();
        return new Promise((resolve) => (release = resolve));
      });
      const pending = bus.request(subject, {});
      await handlerStarted;

      const closing = served.close();
      release('done');
      await closing;

      await expect(pending).resolves.toBe('done');
      await expect(bus.request(subject, {}, { timeoutMs: 300 })).rejects.toBeInstanceOf(BusTimeoutError);
    });

    it('fails with BusTimeoutError when no reply comes in time', async () => {
      const subject = ctx.subject('qry.Slow');
      await bus.serve(subject, () => new Promise((resolve) => setTimeout(resolve, 300)));

      const started = Date.now();
      const error = await bus.request(subject, {}, { timeoutMs: 100 }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(BusTimeoutError);
      expect(error).toMatchObject({ name: 'BusTimeoutError', subject, timeoutMs: 100 });
      expect(Date.now() - started).toBeLessThan(350);
    });

    it('fails at once with BusNoRespondersError when no one serves the subject', async () => {
      const subject = ctx.subject('qry.Nobody');
      const started = Date.now();
      const error = await bus.request(subject, {}, { timeoutMs: 3000 }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(BusNoRespondersError);
      expect(error).toBeInstanceOf(BusTimeoutError);
      expect(error).toMatchObject({ name: 'BusNoRespondersError', subject });
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('brings a handler error back as a RemoteError with its code, message and details', async () => {
      const subject = ctx.subject('cmd.AddProduct');
      await bus.serve(subject, async () => {
        throw Object.assign(new Error('Товар с таким кодом уже есть'), { code: 'PRODUCT_CODE_TAKEN', details: { code: '42' } });
      });

      const error = await bus.request(subject, {}).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(RemoteError);
      expect(error).toMatchObject({
        name: 'RemoteError',
        subject,
        code: 'PRODUCT_CODE_TAKEN',
        message: 'Товар с таким кодом уже есть',
        details: { code: '42' },
      });
    });

    it('hides an unknown handler error behind code INTERNAL, with no message or stack of its own', async () => {
      const subject = ctx.subject('cmd.Crash');
      await bus.serve(subject, async () => {
        throw new TypeError('relation "secret_table" does not exist');
      });

      const error = (await bus.request(subject, {}).catch((caught: unknown) => caught)) as RemoteError;

      expect(error).toBeInstanceOf(RemoteError);
      expect(error.code).toBe('INTERNAL');
      expect(error.details).toBeUndefined();
      expect(error.message).not.toContain('secret_table');
      expect(error.stack).not.toContain('secret_table');
    });
  });

  describe('integration events', () => {
    it('stores an eventId once: publishing it again is reported as a duplicate', async () => {
      const subject = ctx.eventSubject('catalog.ProductAdded');
      const first = await bus.publishEvent({ eventId: 'e1', subject, data: { name: 'first' } });
      const again = await bus.publishEvent({ eventId: 'e1', subject, data: { name: 'again' } });
      const other = await bus.publishEvent({ eventId: 'e2', subject, data: { name: 'other' } });

      expect(first.duplicate).toBe(false);
      expect(again).toEqual({ sequence: first.sequence, duplicate: true });
      expect(other).toEqual({ sequence: first.sequence + 1, duplicate: false });

      const received: DeliveredEvent[] = [];
      await consume({ durable: 'dedup', filterSubject: subject, handler: async (event) => void received.push(event) });
      await eventually(() => expect(received.map((event) => event.eventId)).toEqual(['e1', 'e2']));
      expect(received[0]?.data).toEqual({ name: 'first' });
    });

    it('delivers every event of its filter, in order, with data, headers and positions', async () => {
      const wanted = ctx.eventSubject('organisation.EmployeeAdded');
      const unwanted = ctx.eventSubject('catalog.ProductAdded');
      for (let n = 1; n <= 20; n++) {
        await bus.publishEvent({ eventId: `w${n}`, subject: wanted, data: { n }, headers: { 'x-correlation-id': `c${n}` } });
        if (n % 4 === 0) await bus.publishEvent({ eventId: `u${n}`, subject: unwanted, data: { n } });
      }

      const received: DeliveredEvent[] = [];
      await consume({
        durable: 'ordered',
        filterSubject: ctx.eventSubject('organisation.>'),
        handler: async (event) => void received.push(event),
      });

      await eventually(() => expect(received).toHaveLength(20));
      expect(received.map((event) => event.eventId)).toEqual(Array.from({ length: 20 }, (_, i) => `w${i + 1}`));
      expect(received.map((event) => (event.data as { n: number }).n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(received[0]).toMatchObject({ subject: wanted, deliveryCount: 1, headers: { 'x-correlation-id': 'c1' } });
      expect(Object.keys(received[0]?.headers ?? {}).filter((key) => key.toLowerCase().startsWith('nats-'))).toEqual([]);
      const sequences = received.map((event) => event.sequence);
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
      expect(new Set(sequences).size).toBe(20);
    });

    it('keeps a durable position across restarts, while another durable starts from the beginning', async () => {
      const subject = ctx.eventSubject('devices.WorkplaceAdded');
      await publishNumbered(subject, 'e', 1, 3);

      const firstRun: string[] = [];
      const first = await consume({ durable: 'projection', filterSubject: subject, handler: async (event) => void firstRun.push(event.eventId) });
      await eventually(() => expect(firstRun).toEqual(['e1', 'e2', 'e3']));
      await first.close();

      await publishNumbered(subject, 'e', 4, 5);
      const secondRun: string[] = [];
      const other: string[] = [];
      const restarted = await ctx.newBus();
      await consume({ durable: 'projection', filterSubject: subject, handler: async (event) => void secondRun.push(event.eventId) }, restarted);
      await consume({ durable: 'other-projection', filterSubject: subject, handler: async (event) => void other.push(event.eventId) }, restarted);

      await eventually(() => expect(secondRun).toEqual(['e4', 'e5']));
      await eventually(() => expect(other).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']));
    });

    it('resumes after a consumer dies mid-stream: no event lost, each effect applied once', async () => {
      const subject = ctx.eventSubject('organisation.SalesPointAdded');
      await publishNumbered(subject, 'e', 1, 5);
      // The consumer's own store: the effects, and the ids it has applied, written together.
      const guard = new InMemoryProcessedEventGuard();
      const applied: string[] = [];
      const apply = onceByEventId(guard, async (event) => void applied.push(event.eventId));

      let unblock = () => {};
      const blocked = new Promise<void>((resolve) => (unblock = resolve));
      const firstRun: string[] = [];
      const dying = await consume({
        durable: 'read-model',
        filterSubject: subject,
        handler: async (event) => {
          firstRun.push(event.eventId);
          await apply(event);
          if (event.eventId === 'e3') await blocked; // e3 is applied, then the process dies before its ack
        },
      });
      await eventually(() => expect(applied).toEqual(['e1', 'e2', 'e3']));
      await dying.close();
      await publishNumbered(subject, 'e', 6, 6);

      const secondRun: DeliveredEvent[] = [];
      const restarted = await ctx.newBus();
      await consume(
        {
          durable: 'read-model',
          filterSubject: subject,
          handler: async (event) => {
            secondRun.push(event);
            await apply(event);
          },
        },
        restarted,
      );

      await eventually(() => expect(applied).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']));
      unblock(); // the dead consumer's handler returns late: it must not ack or receive anything
      await sleep(ACK_WAIT_MS);
      expect(firstRun).toEqual(['e1', 'e2', 'e3']);
      expect(secondRun.map((event) => [event.eventId, event.deliveryCount])).toEqual([
        ['e3', 2],
        ['e4', 1],
        ['e5', 1],
        ['e6', 1],
      ]);
      expect(applied).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    });

    it('redelivers an event whose handler threw, before the events after it', async () => {
      const subject = ctx.eventSubject('sales.SaleRegistered');
      await publishNumbered(subject, 'e', 1, 3);
      const deliveries: Array<[string, number]> = [];
      let failures = 0;

      await consume({
        durable: 'retrying',
        filterSubject: subject,
        handler: async (event) => {
          deliveries.push([event.eventId, event.deliveryCount]);
          if (event.eventId === 'e2' && failures++ === 0) throw new Error('database unavailable');
        },
      });

      await eventually(() => expect(deliveries).toHaveLength(4));
      expect(deliveries).toEqual([
        ['e1', 1],
        ['e2', 1],
        ['e2', 2],
        ['e3', 1],
      ]);
    });

    it('gives an event up after maxDeliver failed deliveries and goes on', async () => {
      const subject = ctx.eventSubject('sales.Poison');
      await publishNumbered(subject, 'e', 1, 3);
      const deliveries: Array<[string, number]> = [];

      await consume({
        durable: 'giving-up',
        filterSubject: subject,
        maxDeliver: 2,
        handler: async (event) => {
          deliveries.push([event.eventId, event.deliveryCount]);
          if (event.eventId === 'e2') throw new Error('cannot handle this one');
        },
      });

      await eventually(() => expect(deliveries).toHaveLength(4));
      await sleep(ACK_WAIT_MS * 2);
      expect(deliveries).toEqual([
        ['e1', 1],
        ['e2', 1],
        ['e2', 2],
        ['e3', 1],
      ]);
    });

    it('shares one durable among instances: each event handled once, in order', async () => {
      const subject = ctx.eventSubject('catalog.UnitAdded');
      const handled: Array<[string, string]> = [];
      for (const instance of ['a', 'b']) {
        const instanceBus = await ctx.newBus();
        await consume({ durable: 'shared', filterSubject: subject, handler: async (event) => void handled.push([event.eventId, instance]) }, instanceBus);
      }
      await publishNumbered(subject, 'e', 1, 10);

      await eventually(() => expect(handled).toHaveLength(10));
      await sleep(ACK_WAIT_MS);
      expect(handled.map(([eventId]) => eventId)).toEqual(Array.from({ length: 10 }, (_, i) => `e${i + 1}`));
    });
  });

  describe('broadcasts', () => {
    it('reaches every listener of a matching subject, through JSON, and no other', async () => {
      const subject = ctx.subject('devices.note.TerminalAccessChanged');
      const other = await ctx.newBus();
      const heard: Array<[string, unknown, string]> = [];
      await bus.listen(subject, (data, on) => void heard.push(['exact', data, on]));
      await other.listen(ctx.subject('*.note.TerminalAccessChanged'), (data, on) => void heard.push(['wildcard', data, on]));
      await other.listen(ctx.subject('identity.note.Other'), (data, on) => void heard.push(['unrelated', data, on]));

      await other.broadcast(subject, { organisationId: 'o1', at: new Date('2026-12-06T12:00:00Z') });

      const expected = { organisationId: 'o1', at: '2026-12-06T12:00:00.000Z' };
      await eventually(() => expect(heard).toHaveLength(2));
      expect(heard).toEqual(expect.arrayContaining([['exact', expected, subject], ['wildcard', expected, subject]]));
    });

    it('stops reaching a closed listener; a listener that throws hears the next one all the same', async () => {
      const subject = ctx.subject('identity.note.TerminalAccessChanged');
      const closed: unknown[] = [];
      const throwing: unknown[] = [];
      const listening = await bus.listen(subject, (data) => void closed.push(data));
      await bus.listen(subject, (data) => {
        throwing.push(data);
        throw new Error('a broken listener');
      });
      const warnings = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
      try {
        await bus.broadcast(subject, 1);
        await eventually(() => expect(closed).toEqual([1]));
        await listening.close();
        await bus.broadcast(subject, 2);
        // Broadcasts from one bus arrive in order: once the second is heard, the closed listener had its chance.
        await eventually(() => expect(throwing).toEqual([1, 2]));
        expect(closed).toEqual([1]);
        expect(warnings).toHaveBeenCalledWith(expect.stringContaining('a broken listener'));
      } finally {
        warnings.mockRestore();
      }
    });

    it('keeps nothing: a listener hears only what is broadcast after it listens', async () => {
      const subject = ctx.subject('devices.note.TerminalAccessChanged');
      await bus.broadcast(subject, 'before');
      const heard: unknown[] = [];
      await bus.listen(subject, (data) => void heard.push(data));
      await bus.broadcast(subject, 'after');
      await eventually(() => expect(heard).toEqual(['after']));
    });
  });

  describe('trace context', () => {
    async function spansOf(traceId: string, count: number): Promise<ReadableSpan[]> {
      let spans: ReadableSpan[] = [];
      await eventually(async () => {
        await telemetry.forceFlush();
        spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
        expect(spans.length).toBeGreaterThanOrEqual(count);
      });
      return spans;
    }

    function only(spans: ReadableSpan[], kind: SpanKind): ReadableSpan {
      const found = spans.filter((span) => span.kind === kind);
      expect(found).toHaveLength(1);
      return found[0] as ReadableSpan;
    }

    it('carries the caller trace into the request handler, whose span is a child of the request span', async () => {
      const subject = ctx.subject('qry.Traced');
      let seen: { headers: Record<string, string>; fields: ReturnType<typeof traceFields> } | undefined;
      await bus.serve(subject, async (request) => {
        seen = { headers: request.headers, fields: traceFields() };
      });

      const caller = await withSpan('caller', SpanKind.INTERNAL, async (span) => {
        await bus.request(subject, {});
        return span.spanContext();
      });

      const spans = await spansOf(caller.traceId, 3);
      const client = only(spans, SpanKind.CLIENT);
      const server = only(spans, SpanKind.SERVER);
      expect(client.parentSpanContext?.spanId).toBe(caller.spanId);
      expect(server.parentSpanContext?.spanId).toBe(client.spanContext().spanId);
      expect(seen?.headers.traceparent).toBe(`00-${caller.traceId}-${client.spanContext().spanId}-01`);
      expect(seen?.fields).toEqual({ traceId: caller.traceId, spanId: server.spanContext().spanId });
      expect(server.attributes['messaging.destination.name']).toBe(subject);
    });

    it('carries the publisher trace into the event consumer, whose span is a child of the publish span', async () => {
      const subject = ctx.eventSubject('identity.AccountCreated');
      let seen: { event: DeliveredEvent; fields: ReturnType<typeof traceFields> } | undefined;
      await consume({ durable: 'traced', filterSubject: subject, handler: async (event) => void (seen = { event, fields: traceFields() }) });

      const publisher = await withSpan('publisher', SpanKind.INTERNAL, async (span) => {
        await bus.publishEvent({ eventId: 'traced-1', subject, data: {} });
        return span.spanContext();
      });

      const spans = await spansOf(publisher.traceId, 3);
      const producer = only(spans, SpanKind.PRODUCER);
      const consumer = only(spans, SpanKind.CONSUMER);
      expect(producer.parentSpanContext?.spanId).toBe(publisher.spanId);
      expect(consumer.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
      expect(seen?.event.headers.traceparent).toBe(`00-${publisher.traceId}-${producer.spanContext().spanId}-01`);
      expect(seen?.fields).toEqual({ traceId: publisher.traceId, spanId: consumer.spanContext().spanId });
      expect(consumer.attributes['messaging.message.id']).toBe('traced-1');
    });

    it('starts a new trace in the handler when the request carries none', async () => {
      const subject = ctx.subject('qry.Untraced');
      let fields: ReturnType<typeof traceFields> = {};
      await bus.serve(subject, async () => void (fields = traceFields()));

      await bus.request(subject, {});

      const [server] = (await spansOf(fields.traceId ?? 'none', 1)).filter((span) => span.kind === SpanKind.SERVER);
      expect(server?.spanContext().spanId).toBe(fields.spanId);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Retries `assertion` until it passes or `timeoutMs` is spent (then its last failure is thrown). */
async function eventually(assertion: () => void | Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(10);
    }
  }
}
