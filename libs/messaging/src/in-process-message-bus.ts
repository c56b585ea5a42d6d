import { AsyncResource } from 'node:async_hooks';
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
import { subjectMatches } from './subject-pattern';

/** Answers one request: gets the JSON payload, returns the JSON reply envelope (never rejects). */
type Responder = (subject: string, payload: string, headers: MessageHeaders) => Promise<string>;

const MAX_REMEMBERED_SUBJECTS = 1_000;

interface Server {
  pattern: string;
  queue: string;
  respond: Responder;
}

interface StoredEvent {
  sequence: number;
  eventId: string;
  subject: string;
  payload: string;
  headers: MessageHeaders;
}

/** Handles one delivery of a stored event; rejects when the handler failed. */
type Delivery = (event: StoredEvent, deliveryCount: number) => Promise<void>;

interface Member {
  deliver: Delivery;
  /** Resolves when this member is closed: what it is handling then is abandoned, not acked. */
  closed: Promise<'abandoned'>;
}

interface Durable {
  filterSubject: string;
  ackWaitMs: number;
  maxDeliver: number;
  /** Every event up to this sequence is done (acked, skipped, or outside the filter). */
  ackFloor: number;
  /** Deliveries so far of the event after the ack floor that is being worked on. */
  attempt?: { sequence: number; deliveries: number };
  /** No delivery before this time (a failed or abandoned delivery waits for ackWaitMs). */
  notBefore: number;
  members: Member[];
  nextMember: number;
  pumping: boolean;
  wake: Signal;
}

/** Wakes whoever waits on it; a wait can also end after a delay. */
class Signal {
  private waiters: Array<() => void> = [];

  wait(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((waiter) => waiter !== done);
        resolve();
      };
      // Unref'd: a consumer waiting to redeliver must not keep the process alive on its own.
      if (timeoutMs !== undefined) timer = setTimeout(done, timeoutMs).unref();
      this.waiters.push(done);
    });
  }

  notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/**
 * The in-memory "server" that in-process buses connect to, as NATS buses connect to nats-server: it keeps
 * the served subjects, the event log and the position of each durable consumer. A process normally has one
 * (the default of {@link InProcessMessageBus}), so closing and reopening a bus resumes where it stood;
 * tests create their own. Its methods are the server side of the bus; services use the bus.
 *
 * Differences from NATS: the log and the consumer positions live as long as the process, so after a restart
 * the relay from the event store must publish again whatever consumers may not have handled (from the start
 * is simplest: consumers skip what they applied by eventId); an eventId is remembered for the whole log
 * rather than a duplicate window; there is no payload size limit.
 */
export class InProcessBroker {
  private readonly servers: Server[] = [];
  /**
   * The servers whose pattern matches a subject, by subject, until a server comes or goes: matching every pattern
   * of every service on each request was ~5% of embedded ELK's main thread under sale pushes.
   */
  private readonly serversBySubject = new Map<string, Server[]>();
  private readonly roundRobin = new Map<string, number>();
  private readonly log: StoredEvent[] = [];
  private readonly sequenceByEventId = new Map<string, number>();
  private readonly durables = new Map<string, Durable>();
  private readonly listeners = new Set<{ pattern: string; listener: BroadcastListener }>();
  // Handlers run in the broker's async context, not the requester's, as they would in another process:
  // nothing the caller keeps in AsyncLocalStorage (trace context included) leaks into them.
  private readonly detached = AsyncResource.bind(<T>(run: () => Promise<T>) => run());

  addServer(server: Server): () => void {
    this.servers.push(server);
    this.serversBySubject.clear();
    return () => {
      const index = this.servers.indexOf(server);
      if (index >= 0) this.servers.splice(index, 1);
      this.serversBySubject.clear();
    };
  }

  /** Sends the request to one server of each queue group serving the subject; the first reply wins. */
  async request(subject: string, payload: string, headers: MessageHeaders, timeoutMs: number): Promise<string> {
    const chosen = this.pickServers(subject);
    if (chosen.length === 0) throw new BusNoRespondersError(subject, timeoutMs);

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BusTimeoutError(subject, timeoutMs)), timeoutMs);
    });
    const replies = chosen.map((server) => this.detached(() => server.respond(subject, payload, { ...headers })));
    try {
      return await Promise.race([...replies, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  addListener(pattern: string, listener: BroadcastListener): () => void {
    const entry = { pattern, listener };
    this.listeners.add(entry);
    return () => void this.listeners.delete(entry);
  }

  /** Each listener of the subject hears the data through JSON, later and apart from the broadcaster, as over the wire. */
  broadcast(subject: string, payload: string): void {
    for (const { pattern, listener } of this.listeners) {
      if (subjectMatches(pattern, subject)) setImmediate(() => this.detached(async () => hear(listener, payload, subject)));
    }
  }

  /** Appends an event unless its eventId is already in the log (then returns the stored sequence). */
  append(event: Omit<StoredEvent, 'sequence'>): { sequence: number; duplicate: boolean } {
    const existing = this.sequenceByEventId.get(event.eventId);
    if (existing !== undefined) return { sequence: existing, duplicate: true };
    const sequence = this.log.length + 1;
    this.log.push({ ...event, sequence });
    this.sequenceByEventId.set(event.eventId, sequence);
    for (const durable of this.durables.values()) durable.wake.notify();
    return { sequence, duplicate: false };
  }

  /** Joins the durable consumer `options.durable` (creating it on first use) and returns the way out. */
  joinDurable(options: ConsumeOptions, deliver: Delivery): () => void {
    const durable = this.durable(options);
    let close!: (value: 'abandoned') => void;
    const member: Member = { deliver, closed: new Promise((resolve) => (close = resolve)) };
    durable.members.push(member);
    void this.pump(durable);
    return () => {
      durable.members = durable.members.filter((other) => other !== member);
      close('abandoned');
      durable.wake.notify();
    };
  }

  private serversFor(subject: string): Server[] {
    let matching = this.serversBySubject.get(subject);
    if (!matching) {
      matching = this.servers.filter((server) => subjectMatches(server.pattern, subject));
      // Subjects are a fixed set in practice; a wildcard pattern could be asked with endless ones.
      if (this.serversBySubject.size >= MAX_REMEMBERED_SUBJECTS) this.serversBySubject.clear();
      this.serversBySubject.set(subject, matching);
    }
    return matching;
  }

  private pickServers(subject: string): Server[] {
    const groups = new Map<string, Server[]>();
    for (const server of this.serversFor(subject)) {
      const key = `${server.pattern} ${server.queue}`;
      groups.set(key, [...(groups.get(key) ?? []), server]);
    }
    return [...groups].map(([key, members]) => {
      const turn = this.roundRobin.get(key) ?? 0;
      this.roundRobin.set(key, turn + 1);
      return members[turn % members.length] as Server;
    });
  }

  private durable(options: ConsumeOptions): Durable {
    const existing = this.durables.get(options.durable);
    const ackWaitMs = options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
    const maxDeliver = options.maxDeliver ?? -1;
    if (existing) {
      if (existing.filterSubject !== options.filterSubject) {
        throw new Error(`Durable consumer ${options.durable} filters ${existing.filterSubject}, not ${options.filterSubject}`);
      }
      Object.assign(existing, { ackWaitMs, maxDeliver });
      return existing;
    }
    const created: Durable = {
      filterSubject: options.filterSubject,
      ackWaitMs,
      maxDeliver,
      ackFloor: 0,
      notBefore: 0,
      members: [],
      nextMember: 0,
      pumping: false,
      wake: new Signal(),
    };
    this.durables.set(options.durable, created);
    return created;
  }

  /** Delivers a durable's events one at a time, in order, while it has members. One pump per durable. */
  private async pump(durable: Durable): Promise<void> {
    if (durable.pumping) return;
    durable.pumping = true;
    try {
      while (durable.members.length > 0) {
        const event = this.nextEvent(durable);
        if (!event) {
          await durable.wake.wait();
          continue;
        }
        const delay = durable.notBefore - Date.now();
        if (delay > 0) {
          await durable.wake.wait(delay);
          continue;
        }
        const member = durable.members[durable.nextMember++ % durable.members.length] as Member;
        const deliveries = durable.attempt?.sequence === event.sequence ? durable.attempt.deliveries + 1 : 1;
        durable.attempt = { sequence: event.sequence, deliveries };

        const outcome = await Promise.race([
          member.deliver(event, deliveries).then(
            () => 'ack' as const,
            () => 'nak' as const,
          ),
          member.closed,
        ]);
        const givenUp = outcome === 'nak' && durable.maxDeliver > 0 && deliveries >= durable.maxDeliver;
        if (outcome === 'ack' || givenUp) {
          durable.ackFloor = event.sequence;
          durable.attempt = undefined;
        } else {
          durable.notBefore = Date.now() + durable.ackWaitMs;
        }
      }
    } finally {
      durable.pumping = false;
    }
  }

  private nextEvent(durable: Durable): StoredEvent | undefined {
    for (let index = durable.ackFloor; index < this.log.length; index++) {
      const event = this.log[index] as StoredEvent;
      if (subjectMatches(durable.filterSubject, event.subject)) return event;
      durable.ackFloor = event.sequence;
    }
    return undefined;
  }
}

const processBroker = new InProcessBroker();

export interface InProcessMessageBusOptions {
  /** The broker to connect to; the process-wide one by default (embedded mode: all services share it). */
  broker?: InProcessBroker;
  requestTimeoutMs?: number;
}

/** The bus for embedded mode: the semantics of `NatsMessageBus`, with the broker in memory. */
export class InProcessMessageBus implements MessageBus {
  private readonly broker: InProcessBroker;
  private readonly requestTimeoutMs: number;
  private readonly open = new Set<Closeable>();

  constructor(options: InProcessMessageBusOptions = {}) {
    this.broker = options.broker ?? processBroker;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  request<R = unknown, T = unknown>(subject: string, data: T, options: RequestOptions = {}): Promise<R> {
    const timeoutMs = options.timeoutMs ?? this.requestTimeoutMs;
    return traceOutgoing(
      { system: 'in-process', kind: SpanKind.CLIENT, operation: 'request', subject, headers: options.headers },
      async (headers) => decodeReply<R>(subject, await this.broker.request(subject, encodePayload(data), headers, timeoutMs)),
    );
  }

  async serve<T = unknown, R = unknown>(subject: string, handler: RequestHandler<T, R>, options: ServeOptions = {}): Promise<Closeable> {
    const queue = options.queue ?? subject;
    const inFlight = new Set<Promise<string>>();
    const respond: Responder = (requestSubject, payload, headers) => {
      const reply = traceIncoming(
        { system: 'in-process', kind: SpanKind.SERVER, subject: requestSubject, headers, attributes: { [ATTR_MESSAGING_CONSUMER_GROUP_NAME]: queue } },
        () => handler({ subject: requestSubject, data: decodePayload<T>(payload), headers }),
      ).then(
        (data) => encodeReply({ ok: true, data }),
        (error: unknown) => encodeReply({ ok: false, error }),
      );
      inFlight.add(reply);
      void reply.finally(() => inFlight.delete(reply));
      return reply;
    };
    const removeServer = this.broker.addServer({ pattern: subject, queue, respond });
    return this.track({
      close: async () => {
        removeServer();
        await Promise.all(inFlight);
      },
    });
  }

  async publishEvent(event: IntegrationEvent): Promise<{ sequence: number; duplicate: boolean }> {
    return traceOutgoing(
      {
        system: 'in-process',
        kind: SpanKind.PRODUCER,
        operation: 'publish',
        subject: event.subject,
        headers: event.headers,
        attributes: { [ATTR_MESSAGING_MESSAGE_ID]: event.eventId },
      },
      async (headers) => this.broker.append({ eventId: event.eventId, subject: event.subject, payload: encodePayload(event.data), headers }),
    );
  }

  async broadcast(subject: string, data: unknown): Promise<void> {
    this.broker.broadcast(subject, encodePayload(data));
  }

  async listen(subject: string, listener: BroadcastListener): Promise<Closeable> {
    const removeListener = this.broker.addListener(subject, listener);
    return this.track({ close: async () => removeListener() });
  }

  async consumeEvents(options: ConsumeOptions): Promise<Closeable> {
    const leave = this.broker.joinDurable(options, (event, deliveryCount) =>
      traceIncoming(
        {
          system: 'in-process',
          kind: SpanKind.CONSUMER,
          subject: event.subject,
          headers: event.headers,
          attributes: { [ATTR_MESSAGING_CONSUMER_GROUP_NAME]: options.durable, [ATTR_MESSAGING_MESSAGE_ID]: event.eventId },
        },
        () =>
          options.handler({
            eventId: event.eventId,
            subject: event.subject,
            data: decodePayload(event.payload),
            headers: { ...event.headers },
            sequence: event.sequence,
            deliveryCount,
          }),
      ),
    );
    return this.track({ close: async () => leave() });
  }

  async close(): Promise<void> {
    await Promise.all([...this.open].map((closeable) => closeable.close()));
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
