import type { INestMicroservice } from '@nestjs/common';
import { BaseRpcContext, Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { actorOf, type Actor } from '@elk/contracts';
import type { Closeable, DeliveredEvent, MessageBus, MessageHeaders } from '@elk/messaging';
import { BusActorGuard, BusErrorFilter } from './bus-handler-decorators';

/** What a handler may need of the message beyond its payload (metadata of the events it appends, further requests). */
export interface BusHandlerContext {
  /** The verified actor from the gateway, or null for anonymous calls (sign-up, log-in). */
  readonly actor: Actor | null;
  /** The message's headers: correlation id, actor, trace context. */
  readonly headers: MessageHeaders;
}

/** `extras` of `@MessagePattern(subject, extras)`. */
export interface BusRequestPattern {
  /** Queue group: the instances of a service share the requests of its subjects. */
  queue: string;
}

/** `extras` of `@EventPattern(subject, extras)`: the subject is `<service>.<EventType>` under the events prefix. */
export interface BusEventPattern {
  /** Durable consumer name: JetStream keeps its progress across restarts. */
  durable: string;
  ackWaitMs?: number;
  maxDeliver?: number;
}

/**
 * The context of a bus message, as Nest hands it to `@Ctx()`: its subject and headers, and for an integration event the
 * delivery (eventId, sequence, delivery count).
 */
export class BusContext extends BaseRpcContext<[subject: string, headers: MessageHeaders, event: DeliveredEvent | null]> implements BusHandlerContext {
  getSubject(): string {
    return this.args[0];
  }

  getHeaders(): MessageHeaders {
    return this.args[1];
  }

  /** The delivered integration event; null for a request. */
  getEvent(): DeliveredEvent | null {
    return this.args[2];
  }

  get headers(): MessageHeaders {
    return this.args[1];
  }

  get actor(): Actor | null {
    return actorOf(this.args[1]);
  }
}

export interface BusTransportOptions {
  /** Integration events are consumed from `<prefix>.<pattern>` (default `elk.evt`); tests use their stream's. */
  eventSubjectPrefix?: string;
}

/**
 * Nest's microservice transport over the MessageBus port: each `@MessagePattern(subject, { queue })` handler is served
 * with request/reply in its queue group, each `@EventPattern('<service>.<EventType>', { durable })` handler reads the
 * integration events through a durable consumer (a throwing handler gets the event again). The in-process bus in
 * embedded mode, NATS core and JetStream in distributed mode.
 *
 * Errors keep their identity on the way out (see BusErrorFilter), so the bus itself decides what the requester sees:
 * a code, message and details for a DomainError, INTERNAL with a generic message for anything else.
 */
export class BusTransport extends Server implements CustomTransportStrategy {
  private serving: Closeable[] = [];
  private readonly eventSubjectPrefix: string;

  constructor(
    private readonly bus: MessageBus,
    options: BusTransportOptions = {},
  ) {
    super();
    this.eventSubjectPrefix = options.eventSubjectPrefix ?? 'elk.evt';
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  /** Stops taking messages: served subjects answer the requests they have taken first (see Closeable). */
  async close(): Promise<void> {
    const serving = this.serving;
    this.serving = [];
    await Promise.all(serving.map((subscription) => subscription.close()));
  }

  on(): never {
    throw new Error('The bus transport emits no events');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }

  private async start(): Promise<void> {
    const subscriptions: Array<Promise<Closeable>> = [];
    for (const [pattern, first] of this.getHandlers()) {
      // Nest chains the event handlers of one pattern; each has a durable consumer of its own.
      for (let handler: MessageHandler | undefined = first; handler; handler = handler.next) {
        subscriptions.push(handler.isEventHandler ? this.consume(pattern, handler) : this.serve(pattern, handler));
      }
    }
    const settled = await Promise.allSettled(subscriptions);
    this.serving = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) {
      await this.close();
      throw failed.reason;
    }
  }

  private async serve(subject: string, handler: MessageHandler): Promise<Closeable> {
    const { queue } = handler.extras as Partial<BusRequestPattern>;
    if (!queue) throw new Error(`@MessagePattern('${subject}') names no queue group`);
    return this.bus.serve(subject, (request) => this.run(handler, request.data, new BusContext([request.subject, request.headers, null])), { queue });
  }

  private async consume(pattern: string, handler: MessageHandler): Promise<Closeable> {
    const { durable, ackWaitMs, maxDeliver } = handler.extras as Partial<BusEventPattern>;
    if (!durable) throw new Error(`@EventPattern('${pattern}') names no durable consumer`);
    return this.bus.consumeEvents({
      durable,
      filterSubject: `${this.eventSubjectPrefix}.${pattern}`,
      ...(ackWaitMs === undefined ? {} : { ackWaitMs }),
      ...(maxDeliver === undefined ? {} : { maxDeliver }),
      handler: async (event) => void (await this.run(handler, event.data, new BusContext([event.subject, event.headers, event]))),
    });
  }

  /** Runs Nest's handler (guards, pipes, the handler, filters) and settles with its one result or its error. */
  private run(handler: MessageHandler, data: unknown, context: BusContext): Promise<unknown> {
    return lastValueFrom(this.transformToObservable(handler(data, context)), { defaultValue: undefined });
  }
}

/**
 * Serves a microservice app made with a BusTransport strategy: the bus error filter and actor guard, then (after the
 * modules' init and bootstrap hooks) the handlers. Closing the app stops serving first, then the modules.
 */
export async function listenOnBus(app: INestMicroservice): Promise<INestMicroservice> {
  app.useGlobalFilters(new BusErrorFilter());
  app.useGlobalGuards(new BusActorGuard());
  await app.listen();
  return app;
}
