import {
  AckPolicy,
  type ConsumerConfig,
  DeliverPolicy,
  ErrorCode,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type NatsError,
  StorageType,
  type Subscription,
  connect,
  headers as natsHeaders,
  nanos,
} from 'nats';
import { SpanKind } from '@elk/telemetry';
import { ATTR_MESSAGING_CONSUMER_GROUP_NAME, ATTR_MESSAGING_MESSAGE_ID, traceIncoming, traceOutgoing } from './bus-tracing';
import { decodePayload, decodeReply, encodePayload, encodeReply, hear } from './bus-wire';
import {
  type BroadcastListener,
  BusNoRespondersError,
  BusTimeoutError,
  type Closeable,
  type ConsumeOptions,
  DEFAULT_ACK_WAIT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type IntegrationEvent,
  type MessageBus,
  type MessageHeaders,
  type RequestHandler,
  type RequestOptions,
  type ServeOptions,
} from './message-bus';

export interface EventStreamOptions {
  /** JetStream stream name; `ELK_EVENTS` by default (tests use their own). */
  name?: string;
  /** Subjects it stores; `elk.evt.>` by default. Streams on one server may not overlap. */
  subjects?: string[];
  /** How long a published eventId is remembered for deduplication; 2 minutes by default. */
  duplicateWindowMs?: number;
}

export interface NatsMessageBusOptions {
  /** Server URL(s), e.g. `nats://127.0.0.1:4222`. */
  url: string | string[];
  /** Connection name shown by the server's monitoring (e.g. the service name). */
  name?: string;
  requestTimeoutMs?: number;
  stream?: EventStreamOptions;
  /**
   * Puts the bus under a namespace of its own on a shared server: every subject on the wire gets `<namespace>.` in
   * front and the event stream's name `_<NAMESPACE>` behind, so that buses of different namespaces never take each
   * other's requests or events (test files running at once). Handlers still see the subjects without it. None in
   * production (`ELK_NATS_NAMESPACE`, see {@link natsNamespaceFromEnv}).
   */
  namespace?: string;
}

/** The namespace a deployment's services share, from `ELK_NATS_NAMESPACE` (unset: today's subjects and stream). */
export function natsNamespaceFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env['ELK_NATS_NAMESPACE'] || undefined;
}

/**
 * How long a distributed deployment's bus requests, and a command's wait for its own read models, may take, from
 * `ELK_REQUEST_TIMEOUT_MS` (unset: {@link DEFAULT_REQUEST_TIMEOUT_MS}). The tests' distributed ELK sets it longer:
 * see e2e/shared-stacks.ts.
 */
export function requestTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = env['ELK_REQUEST_TIMEOUT_MS'];
  if (!value) return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`ELK_REQUEST_TIMEOUT_MS must be a whole number of milliseconds above 0, not «${value}»`);
  return ms;
}

const MSG_ID_HEADER = 'Nats-Msg-Id';
const API_STREAM_NOT_FOUND = 10059;
const API_CONSUMER_NOT_FOUND = 10014;
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/**
 * The bus over NATS: core request/reply with queue groups for commands and queries, JetStream for
 * integration events (stream with deduplication by `Nats-Msg-Id`, durable pull consumers with explicit ack).
 */
export class NatsMessageBus implements MessageBus {
  private readonly js: JetStreamClient;
  /** The event stream's name on the server (namespaced). */
  readonly streamName: string;
  private readonly wirePrefix: string;
  private readonly streamSubjects: string[];
  private readonly duplicateWindowMs: number;
  private readonly requestTimeoutMs: number;
  private readonly open = new Set<Closeable>();
  private streamReady?: Promise<JetStreamManager>;
  private closing?: Promise<void>;

  private constructor(
    private readonly nc: NatsConnection,
    options: NatsMessageBusOptions,
  ) {
    this.js = nc.jetstream();
    const { namespace } = options;
    this.wirePrefix = namespace ? `${namespace}.` : '';
    const streamName = options.stream?.name ?? 'ELK_EVENTS';
    this.streamName = namespace ? `${streamName}_${namespace.toUpperCase()}` : streamName;
    this.streamSubjects = (options.stream?.subjects ?? ['elk.evt.>']).map((subject) => this.toWire(subject));
    this.duplicateWindowMs = options.stream?.duplicateWindowMs ?? 2 * 60_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  static async connect(options: NatsMessageBusOptions): Promise<NatsMessageBus> {
    // Services outlive NATS restarts: keep reconnecting rather than give up after the default 10 attempts.
    // No async traces: nats.js would capture two stacks per request (an Error made in case it times out) that the bus
    // never shows, for it answers a timeout with its own BusTimeoutError (3% of the gateway's CPU for a terminal push).
    const nc = await connect({ servers: options.url, name: options.name, maxReconnectAttempts: -1, noAsyncTraces: true });
    return new NatsMessageBus(nc, options);
  }

  request<R = unknown, T = unknown>(subject: string, data: T, options: RequestOptions = {}): Promise<R> {
    const timeoutMs = options.timeoutMs ?? this.requestTimeoutMs;
    return traceOutgoing(
      { system: 'nats', kind: SpanKind.CLIENT, operation: 'request', subject, headers: options.headers },
      async (headers) => {
        let reply: Msg;
        try {
          reply = await this.nc.request(this.toWire(subject), textEncoder.encode(encodePayload(data)), { timeout: timeoutMs, headers: toNatsHeaders(headers) });
        } catch (error) {
          const code = (error as NatsError).code;
          if (code === ErrorCode.NoResponders) throw new BusNoRespondersError(subject, timeoutMs);
          if (code === ErrorCode.Timeout) throw new BusTimeoutError(subject, timeoutMs);
          throw error;
        }
        return decodeReply<R>(subject, textDecoder.decode(reply.data));
      },
    );
  }

  async serve<T = unknown, R = unknown>(subject: string, handler: RequestHandler<T, R>, options: ServeOptions = {}): Promise<Closeable> {
    const queue = options.queue ?? subject;
    const inFlight = new Set<Promise<void>>();
    const subscription: Subscription = this.nc.subscribe(this.toWire(subject), {
      queue,
      callback: (error, msg) => {
        if (error) {
          // The server refused the subscription (permissions): this subject is not served.
          process.emitWarning(`Serving ${subject} failed: ${error.message}`);
          return;
        }
        const answering = this.answer(msg, handler, queue);
        inFlight.add(answering);
        void answering.finally(() => inFlight.delete(answering));
      },
    });
    // Return once the server knows the subscription, so that a request sent next finds it.
    await this.nc.flush();
    return this.track({
      close: async () => {
        if (!this.nc.isClosed()) await subscription.drain();
        await Promise.all(inFlight);
      },
    });
  }

  async broadcast(subject: string, data: unknown): Promise<void> {
    this.nc.publish(this.toWire(subject), textEncoder.encode(encodePayload(data)));
  }

  async listen(subject: string, listener: BroadcastListener): Promise<Closeable> {
    const subscription: Subscription = this.nc.subscribe(this.toWire(subject), {
      callback: (error, msg) => {
        if (error) return process.emitWarning(`Listening to ${subject} failed: ${error.message}`);
        hear(listener, textDecoder.decode(msg.data), this.fromWire(msg.subject));
      },
    });
    // Return once the server knows the subscription, so that a broadcast sent next reaches it.
    await this.nc.flush();
    return this.track({ close: async () => void (this.nc.isClosed() ? undefined : subscription.unsubscribe()) });
  }

  async publishEvent(event: IntegrationEvent): Promise<{ sequence: number; duplicate: boolean }> {
    await this.ensureStream();
    return traceOutgoing(
      {
        system: 'nats',
        kind: SpanKind.PRODUCER,
        operation: 'publish',
        subject: event.subject,
        headers: event.headers,
        attributes: { [ATTR_MESSAGING_MESSAGE_ID]: event.eventId },
      },
      async (headers) => {
        const ack = await this.js
          .publish(this.toWire(event.subject), textEncoder.encode(encodePayload(event.data)), { msgID: event.eventId, headers: toNatsHeaders(headers) })
          .catch((error: unknown) => {
            if ((error as NatsError).code !== ErrorCode.NoResponders) throw error;
            throw new Error(`No stream stores ${this.toWire(event.subject)}: stream ${this.streamName} takes ${this.streamSubjects.join(', ')}`);
          });
        return { sequence: ack.seq, duplicate: ack.duplicate };
      },
    );
  }

  async consumeEvents(options: ConsumeOptions): Promise<Closeable> {
    const jsm = await this.ensureStream();
    const ackWaitMs = options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
    await this.ensureConsumer(jsm, options, ackWaitMs);
    const consumer = await this.js.consumers.get(this.streamName, options.durable);
    const messages = await consumer.consume();

    let closed = false;
    let stopHeartbeat = () => {};
    const stopped = () => closed || this.nc.isClosed();
    void (async () => {
      for await (const msg of messages) {
        if (stopped()) break;
        // Tell the server a long handler is still working, so that it does not redeliver meanwhile.
        const heartbeat = setInterval(() => stopped() || msg.working(), Math.max(ackWaitMs / 2, 50)).unref();
        stopHeartbeat = () => clearInterval(heartbeat);
        const ok = await this.handleEvent(msg, options).then(
          () => true,
          () => false,
        );
        stopHeartbeat();
        // Closed meanwhile: leave the message unacked, as a crash would; the server redelivers it after ack wait.
        if (stopped()) break;
        settle(msg, ok, options.maxDeliver, ackWaitMs);
      }
    })().catch((error: unknown) => {
      // nats.js retries lost consumers and connections itself; what ends the loop (a permission error, say) is
      // a deployment fault: make it visible in the logs.
      process.emitWarning(`Consumer ${options.durable} on ${this.streamName} stopped: ${String(error)}`);
    });

    return this.track({
      close: async () => {
        closed = true;
        stopHeartbeat();
        // stop(), not close(): close() waits for the loop above, which may be stuck in an abandoned handler.
        messages.stop();
        if (!this.nc.isClosed()) await this.nc.flush();
      },
    });
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.open].map((closeable) => closeable.close()));
      if (!this.nc.isClosed()) await this.nc.drain();
    })();
    return this.closing;
  }

  private async answer<T>(msg: Msg, handler: RequestHandler<T, unknown>, queue: string): Promise<void> {
    const headers = fromNatsHeaders(msg.headers);
    const subject = this.fromWire(msg.subject);
    const reply = await traceIncoming(
      { system: 'nats', kind: SpanKind.SERVER, subject, headers, attributes: { [ATTR_MESSAGING_CONSUMER_GROUP_NAME]: queue } },
      () => handler({ subject, data: decodePayload<T>(textDecoder.decode(msg.data)), headers }),
    ).then(
      (data) => encodeReply({ ok: true, data }),
      (error: unknown) => encodeReply({ ok: false, error }),
    );
    if (!msg.reply || this.nc.isClosed()) return;
    try {
      msg.respond(textEncoder.encode(reply));
    } catch (error) {
      // Typically a reply over the server's max_payload: answer with an error rather than let the caller time out.
      msg.respond(textEncoder.encode(encodeReply({ ok: false, error })));
    }
  }

  private handleEvent(msg: JsMsg, options: ConsumeOptions): Promise<void> {
    const headers = fromNatsHeaders(msg.headers);
    const eventId = msg.headers?.get(MSG_ID_HEADER) ?? '';
    const subject = this.fromWire(msg.subject);
    return traceIncoming(
      {
        system: 'nats',
        kind: SpanKind.CONSUMER,
        subject,
        headers,
        attributes: { [ATTR_MESSAGING_CONSUMER_GROUP_NAME]: options.durable, [ATTR_MESSAGING_MESSAGE_ID]: eventId },
      },
      () =>
        options.handler({
          eventId,
          subject,
          data: decodePayload(textDecoder.decode(msg.data)),
          headers,
          sequence: msg.info.streamSequence,
          deliveryCount: msg.info.deliveryCount,
        }),
    );
  }

  /** Creates the event stream, or brings its subjects and duplicate window up to date; once per bus. */
  private ensureStream(): Promise<JetStreamManager> {
    this.streamReady ??= (async () => {
      const jsm = await this.nc.jetstreamManager();
      const wanted = { subjects: this.streamSubjects, duplicate_window: nanos(this.duplicateWindowMs) };
      const existing = await jsm.streams.info(this.streamName).catch((error: unknown) => {
        if (apiErrorCode(error) === API_STREAM_NOT_FOUND) return undefined;
        throw error;
      });
      if (!existing) {
        await jsm.streams.add({ name: this.streamName, storage: StorageType.File, ...wanted });
      } else if (
        existing.config.duplicate_window !== wanted.duplicate_window ||
        existing.config.subjects.join() !== wanted.subjects.join()
      ) {
        await jsm.streams.update(this.streamName, { ...existing.config, ...wanted });
      }
      return jsm;
    })().catch((error: unknown) => {
      this.streamReady = undefined;
      throw error;
    });
    return this.streamReady;
  }

  private async ensureConsumer(jsm: JetStreamManager, options: ConsumeOptions, ackWaitMs: number): Promise<void> {
    const wanted = { ack_wait: nanos(ackWaitMs), max_deliver: options.maxDeliver ?? -1 };
    const existing = await jsm.consumers.info(this.streamName, options.durable).catch((error: unknown) => {
      if (apiErrorCode(error) === API_CONSUMER_NOT_FOUND) return undefined;
      throw error;
    });
    if (!existing) {
      const config: Partial<ConsumerConfig> = {
        durable_name: options.durable,
        filter_subject: this.toWire(options.filterSubject),
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        // One unacked event at a time: events reach the handler in stream order, a failed one is retried first.
        max_ack_pending: 1,
        ...wanted,
      };
      await jsm.consumers.add(this.streamName, config);
      return;
    }
    if (existing.config.filter_subject !== this.toWire(options.filterSubject)) {
      throw new Error(`Durable consumer ${options.durable} filters ${existing.config.filter_subject}, not ${this.toWire(options.filterSubject)}`);
    }
    if (existing.config.ack_wait !== wanted.ack_wait || existing.config.max_deliver !== wanted.max_deliver) {
      await jsm.consumers.update(this.streamName, options.durable, wanted);
    }
  }

  private toWire(subject: string): string {
    return this.wirePrefix + subject;
  }

  private fromWire(subject: string): string {
    return subject.slice(this.wirePrefix.length);
  }

  private track(closeable: Closeable): Closeable {
    let closing: Promise<void> | undefined;
    const tracked: Closeable = {
      close: () => {
        closing ??= closeable.close().finally(() => this.open.delete(tracked));
        return closing;
      },
    };
    this.open.add(tracked);
    return tracked;
  }
}

/** Acks a handled event; otherwise asks for a redelivery after `ackWaitMs`, or gives up after the last try. */
function settle(msg: JsMsg, ok: boolean, maxDeliver: number | undefined, ackWaitMs: number): void {
  if (ok) msg.ack();
  else if (maxDeliver !== undefined && maxDeliver > 0 && msg.info.deliveryCount >= maxDeliver) msg.term();
  else msg.nak(ackWaitMs);
}

function toNatsHeaders(headers: MessageHeaders): MsgHdrs | undefined {
  const entries = Object.entries(headers);
  if (entries.length === 0) return undefined;
  const result = natsHeaders();
  for (const [key, value] of entries) result.set(key, value);
  return result;
}

/** The application's headers: JetStream's own (`Nats-*`) are left out. */
function fromNatsHeaders(headers: MsgHdrs | undefined): MessageHeaders {
  const result: MessageHeaders = {};
  for (const key of headers?.keys() ?? []) {
    if (!key.toLowerCase().startsWith('nats-')) result[key] = headers?.get(key) ?? '';
  }
  return result;
}

function apiErrorCode(error: unknown): number | undefined {
  return (error as NatsError).api_error?.err_code;
}
