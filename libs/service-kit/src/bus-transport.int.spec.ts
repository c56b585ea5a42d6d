import { randomUUID } from 'node:crypto';
import { Controller, Inject, Module, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, MessagePattern, Payload, type CustomStrategy } from '@nestjs/microservices';
import { connect, type NatsError } from 'nats';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { z } from 'zod';
import { actorHeaders, DomainError, type Actor } from '@elk/contracts';
import { InProcessBroker, InProcessMessageBus, NatsMessageBus, RemoteError, type MessageBus } from '@elk/messaging';
import { SpanKind, startTelemetry, traceFields, withSpan, type Telemetry } from '@elk/telemetry';
import { AnonymousCall, BusActor, BusPayload } from './bus-handler-decorators';
import { BusTransport, listenOnBus, type BusContext, type BusEventPattern, type BusHandlerContext } from './bus-transport';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

// Handlers declare their subjects at load time: this file's own, so that no other test file's instance answers them.
const id = randomUUID().replaceAll('-', '');
const subject = (name: string) => `test.transport.${id}.${name}`;
const QUEUE = `transport-test-${id}`;
const INSTANCE = Symbol('INSTANCE');

const Greet = z.object({ name: z.string().min(1, { error: 'Укажите имя' }), times: z.number().int({ error: 'Целое число' }) });
type Greet = z.infer<typeof Greet>;

interface Seen {
  traces: Array<ReturnType<typeof traceFields>>;
  events: Array<{ instance: string; eventId: string; deliveryCount: number; data: unknown }>;
}
const seen: Seen = { traces: [], events: [] };

@Controller()
class GreetHandler {
  constructor(@Inject(INSTANCE) private readonly instance: string) {}

  @MessagePattern(subject('cmd.Greet'), { queue: QUEUE })
  async greet(@BusPayload(Greet) command: Greet, @BusActor() actor: Actor, @Ctx() context: BusContext) {
    seen.traces.push(traceFields());
    return { greeting: `Здравствуйте, ${command.name}`.repeat(command.times), accountId: actor.accountId, subject: context.getSubject(), instance: this.instance };
  }
}

@Controller()
class ActorOnlyHandler {
  /** Uses no actor, yet is not marked anonymous: the guard must still refuse calls without one. */
  @MessagePattern(subject('qry.Secret'), { queue: QUEUE })
  async secret() {
    return 'секрет';
  }
}

@Controller()
class AnonymousHandlers {
  @MessagePattern(subject('qry.Ping'), { queue: QUEUE })
  @AnonymousCall()
  async ping(@Payload() data: unknown, @Ctx() context: BusHandlerContext) {
    return { data, actor: context.actor };
  }

  @MessagePattern(subject('cmd.Refuse'), { queue: QUEUE })
  @AnonymousCall()
  async refuse(): Promise<never> {
    throw new DomainError('PHONE_TAKEN', 'Телефон уже занят', [{ path: 'phone', message: 'Укажите другой телефон' }]);
  }

  @MessagePattern(subject('cmd.Crash'), { queue: QUEUE })
  @AnonymousCall()
  async crash(): Promise<never> {
    throw new Error('password=hunter2 in a stack trace');
  }
}

@Controller()
class HappenedHandler {
  constructor(@Inject(INSTANCE) private readonly instance: string) {}

  /** Fails the first delivery of an event whose data says so. */
  @EventPattern('transport.Happened', { durable: 'transport-test', ackWaitMs: 200 } satisfies BusEventPattern)
  async handle(@Payload() data: { failOnce?: boolean }, @Ctx() context: BusContext): Promise<void> {
    const event = context.getEvent()!;
    seen.events.push({ instance: this.instance, eventId: event.eventId, deliveryCount: event.deliveryCount, data });
    if (data.failOnce && event.deliveryCount === 1) throw new Error('not this time');
  }
}

/** One kind of bus: how to get several buses that reach each other, and where its events go. */
interface BusWorld {
  newBus(): Promise<MessageBus>;
  eventPrefix: string;
  dispose(): Promise<void>;
}

const worlds = {
  'in-process': async (): Promise<BusWorld> => {
    const broker = new InProcessBroker();
    const buses: MessageBus[] = [];
    return {
      newBus: async () => {
        const bus = new InProcessMessageBus({ broker, requestTimeoutMs: 2_000 });
        buses.push(bus);
        return bus;
      },
      eventPrefix: 'elk.evt',
      dispose: async () => void (await Promise.all(buses.map((bus) => bus.close()))),
    };
  },
  nats: async (): Promise<BusWorld> => {
    const streamId = randomUUID().replaceAll('-', '');
    const stream = { name: `TEST_TRANSPORT_${streamId}`, subjects: [`test.${streamId}.evt.>`] };
    const buses: MessageBus[] = [];
    return {
      newBus: async () => {
        const bus = await NatsMessageBus.connect({ url: NATS_URL, name: 'bus-transport-test', requestTimeoutMs: 2_000, stream });
        buses.push(bus);
        return bus;
      },
      eventPrefix: `test.${streamId}.evt`,
      dispose: async () => {
        await Promise.all(buses.map((bus) => bus.close()));
        const admin = await connect({ servers: NATS_URL });
        await (await admin.jetstreamManager()).streams.delete(stream.name).catch((error: NatsError) => {
          if (error.api_error?.err_code !== 10059) throw error; // no event was published
        });
        await admin.close();
      },
    };
  },
};

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !condition(); await new Promise((resolve) => setTimeout(resolve, 10))) {
    if (Date.now() > deadline) throw new Error(`Waited 10 s for ${what}`);
  }
}

describe.each(Object.keys(worlds) as Array<keyof typeof worlds>)('bus transport (%s)', (kind) => {
  const exporter = new InMemorySpanExporter();
  let telemetry: Telemetry;
  let world: BusWorld;
  let client: MessageBus;
  const apps: INestMicroservice[] = [];

  beforeAll(() => {
    telemetry = startTelemetry({ serviceName: 'bus-transport-test', exporter });
  });
  afterAll(() => telemetry.shutdown());
  beforeEach(async () => {
    seen.traces = [];
    seen.events = [];
    world = await worlds[kind]();
    client = await world.newBus();
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await world.dispose();
  });

  /** An instance of the test service, on a bus of its own (as another process would have). */
  async function startInstance(instance = 'a', controllers: Type[] = [GreetHandler, ActorOnlyHandler, AnonymousHandlers]) {
    @Module({ controllers, providers: [{ provide: INSTANCE, useValue: instance }] })
    class TestService {}
    const bus = await world.newBus();
    const app = await NestFactory.createMicroservice<CustomStrategy>(TestService, {
      strategy: new BusTransport(bus, { eventSubjectPrefix: world.eventPrefix }),
      logger: false,
    });
    apps.push(await listenOnBus(app));
    return app;
  }

  const actor = { organisationId: randomUUID(), accountId: randomUUID(), role: 'owner' } as const;
  const asActor = { headers: actorHeaders(actor, randomUUID()) };
  const failureOf = (promise: Promise<unknown>) => promise.then(() => new Error('expected a failure'), (error: unknown) => error);

  it('answers a request with the reply of the handler that declares its subject', async () => {
    await startInstance();

    const reply = await client.request(subject('cmd.Greet'), { name: 'Иван', times: 1 }, asActor);

    expect(reply).toEqual({ greeting: 'Здравствуйте, Иван', accountId: actor.accountId, subject: subject('cmd.Greet'), instance: 'a' });
  });

  it('refuses a bad payload with VALIDATION_FAILED and a message per field', async () => {
    await startInstance();

    const failure = await failureOf(client.request(subject('cmd.Greet'), { name: '', times: 1.5 }, asActor));

    expect(failure).toBeInstanceOf(RemoteError);
    expect(failure).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Проверьте введённые данные',
      details: { errors: expect.arrayContaining([{ path: 'name', message: 'Укажите имя' }, { path: 'times', message: 'Целое число' }]) },
    });
  });

  it('refuses a request without an actor with UNAUTHENTICATED unless its handler is anonymous', async () => {
    await startInstance();

    const failure = await failureOf(client.request(subject('cmd.Greet'), { name: 'Иван', times: 1 }));

    expect(failure).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Войдите в личный кабинет' });
    await expect(failureOf(client.request(subject('qry.Secret'), {}))).resolves.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(client.request(subject('qry.Secret'), {}, asActor)).resolves.toBe('секрет');
    await expect(client.request(subject('qry.Ping'), { n: 1 })).resolves.toEqual({ data: { n: 1 }, actor: null });
    await expect(client.request(subject('qry.Ping'), { n: 2 }, asActor)).resolves.toEqual({ data: { n: 2 }, actor });
  });

  it("passes a DomainError's code, message and details to the requester unchanged", async () => {
    await startInstance();

    const failure = await failureOf(client.request(subject('cmd.Refuse'), {}));

    expect(failure).toBeInstanceOf(RemoteError);
    expect(failure).toMatchObject({ code: 'PHONE_TAKEN', message: 'Телефон уже занят', details: { errors: [{ path: 'phone', message: 'Укажите другой телефон' }] } });
  });

  it('turns an unexpected error into INTERNAL without its message', async () => {
    await startInstance();

    const failure = await failureOf(client.request(subject('cmd.Crash'), {}));

    expect(failure).toMatchObject({ code: 'INTERNAL' });
    expect(JSON.stringify({ ...(failure as object), message: (failure as Error).message })).not.toContain('hunter2');
  });

  it("runs the handler in the trace of the requester: its span's parent is the request span", async () => {
    await startInstance();

    const caller = await withSpan('caller', SpanKind.INTERNAL, async (span) => {
      await client.request(subject('cmd.Greet'), { name: 'Иван', times: 1 }, asActor);
      return span.spanContext();
    });

    let spans: ReadableSpan[] = [];
    await until(() => {
      spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === caller.traceId);
      return spans.length >= 3;
    }, 'the request spans');
    const client_ = spans.find((span) => span.kind === SpanKind.CLIENT)!;
    const server = spans.find((span) => span.kind === SpanKind.SERVER)!;
    expect(client_.parentSpanContext?.spanId).toBe(caller.spanId);
    expect(server.parentSpanContext?.spanId).toBe(client_.spanContext().spanId);
    expect(seen.traces).toEqual([{ traceId: caller.traceId, spanId: server.spanContext().spanId }]);
  });

  it('shares the requests among the instances of a queue group', async () => {
    await startInstance('a');
    await startInstance('b');

    const replies = await Promise.all(Array.from({ length: 30 }, () => client.request<{ instance: string }>(subject('cmd.Greet'), { name: 'Иван', times: 1 }, asActor)));

    expect(new Set(replies.map((reply) => reply.instance))).toEqual(new Set(['a', 'b']));
  });

  it('consumes integration events durably: after a restart only the events it has not handled', async () => {
    const publish = (eventId: string, data: object = {}) => client.publishEvent({ eventId, subject: `${world.eventPrefix}.transport.Happened`, data });
    const first = await startInstance('first', [HappenedHandler]);
    await publish('e1');
    await publish('e2');
    await until(() => seen.events.length === 2, 'e1 and e2');

    await first.close();
    await publish('e3');
    await startInstance('second', [HappenedHandler]);
    await until(() => seen.events.length === 3, 'e3');
    await publish('e4');
    await until(() => seen.events.length === 4, 'e4');

    expect(seen.events.map(({ instance, eventId }) => `${instance}:${eventId}`)).toEqual(['first:e1', 'first:e2', 'second:e3', 'second:e4']);
  });

  it('gives an event again to a handler that threw, holding back the ones after it', async () => {
    await startInstance('a', [HappenedHandler]);

    await client.publishEvent({ eventId: 'fails-once', subject: `${world.eventPrefix}.transport.Happened`, data: { failOnce: true } });
    await client.publishEvent({ eventId: 'after', subject: `${world.eventPrefix}.transport.Happened`, data: {} });
    await until(() => seen.events.length === 3, 'the redelivery and the next event');

    expect(seen.events.map(({ eventId, deliveryCount }) => `${eventId}#${deliveryCount}`)).toEqual(['fails-once#1', 'fails-once#2', 'after#1']);
  });
});
