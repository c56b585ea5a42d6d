/**
 * The integration event relay: the event store is the outbox. A service's relay follows the global log from its
 * own checkpoint (`relay.<service>` in the documents store) and publishes the public form of each event of the
 * streams the service owns to `elk.evt.<service>.<EventType>`, with Nats-Msg-Id = eventId, so that publishing an
 * event again (after a crash between publish and checkpoint save) is stored once.
 */
import type { FactoryProvider, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { compareCheckpoints, lockCheckpoint, type DocumentStore } from '@elk/documents';
import { START_OF_LOG, checkpointOf, type EventMetadata, type EventStore, type GlobalCheckpoint, type RecordedEvent, type Subscription } from '@elk/eventstore';
import type { MessageBus } from '@elk/messaging';
import { extractTraceContext } from '@elk/telemetry';
import type { z } from 'zod';
import { parseEvent, type EventSchema, type EventSchemas } from './command-handler';
import { DOCUMENT_STORE, EVENT_STORE, LOGGER, MESSAGE_BUS, RUN_MODE, type RunMode } from './infrastructure.module';
import type { Logger } from './logger';

/** The public fields of each event type, or null for a type that stays inside the service. */
export type PublicDataMap<S extends EventSchemas> = {
  readonly [Type in keyof S & string]: ((data: z.output<S[Type]['schema']>) => unknown) | null;
};

export interface IntegrationEventsDefinition<S extends EventSchemas> {
  /** Subjects `elk.evt.<service>.<EventType>`, relay checkpoint `relay.<service>`. */
  service: string;
  /** Ids of the streams the service owns start with one of these (`account-`, `login-`). */
  streamPrefixes: readonly string[];
  /** The contract schemas of the events in those streams: older versions are upcast before publishing. */
  events: S;
  /** Integration events are a public contract: pick the fields one by one, never pass secrets (hashes) on. */
  publicData: PublicDataMap<S>;
}

/** A service's integration events, as the relay uses them. */
export interface IntegrationEvents {
  readonly service: string;
  /** The event types with a public form: the only ones the relay reads. */
  readonly publishedTypes: readonly string[];
  /** The public form of the event; null when it is another service's or a private type. */
  publicEvent(event: RecordedEvent): { type: string; schemaVersion: number; data: unknown } | null;
}

/** The payload of an integration event (its eventId is the message id). */
export interface IntegrationEventPayload {
  type: string;
  schemaVersion: number;
  streamId: string;
  streamPosition: number;
  recordedAt: string;
  data: unknown;
  metadata: Pick<EventMetadata, 'organisationId' | 'actor' | 'correlationId' | 'causationId'>;
}

export function defineIntegrationEvents<S extends EventSchemas>(definition: IntegrationEventsDefinition<S>): IntegrationEvents {
  // Each function gets the data its type's schema parsed.
  const publicData = definition.publicData as Readonly<Record<string, ((data: unknown) => unknown) | null>>;
  return {
    service: definition.service,
    publishedTypes: Object.keys(publicData).filter((type) => publicData[type] !== null),
    publicEvent(event) {
      if (!definition.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) return null;
      const toPublic = Object.hasOwn(publicData, event.type) ? publicData[event.type] : undefined;
      // An owned stream holds only the service's event types: an unknown one is a bug to surface, not to skip.
      if (toPublic === undefined) throw new Error(`${definition.service} has no integration mapping for ${event.type} (stream ${event.streamId})`);
      if (toPublic === null) return null;
      const { data } = parseEvent(definition.events, event);
      return { type: event.type, schemaVersion: (definition.events[event.type] as EventSchema).version, data: toPublic(data) };
    },
  };
}

export interface EventRelayOptions {
  /** Subjects are `<subjectPrefix>.<service>.<EventType>`; `elk.evt` by default (tests use their stream's). */
  subjectPrefix?: string;
  /**
   * Publish the whole log again on start. For the in-process bus, whose events and consumer positions end with the
   * process: its consumers start over and skip by eventId what they have applied.
   */
  fromStart?: boolean;
  batchSize?: number;
  /** Wait after a failed publish, doubled per failure up to `maxRetryDelayMs` (defaults 100 ms and 10 s). */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

/** A batch with nothing to publish saves the checkpoint only after this many events or this long since the last save. */
const SKIPPED_EVENTS_PER_SAVE = 1000;
const SKIPPED_SAVE_INTERVAL_MS = 5000;

export interface EventRelayInfrastructure {
  eventStore: EventStore;
  documentStore: DocumentStore;
  bus: MessageBus;
  logger: Logger;
}

/**
 * Several instances of a service each run a relay. They do not take turns, they accept duplicates: each batch
 * skips the events the shared checkpoint has passed, so instances only race on the batch in flight, which
 * JetStream deduplicates (its window is minutes, the race milliseconds), and consumers are idempotent by eventId
 * anyway. Taking the checkpoint lock around the publishing would instead hold a database transaction open while
 * NATS answers, and an open transaction stalls every reader of the event log. The checkpoint itself is saved
 * under the lock, so it never goes backwards.
 */
export class EventRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly checkpointName: string;
  private readonly subjectPrefix: string;
  private subscription?: Subscription;
  private stopping = false;
  private interruptPause?: () => void;
  /** Log events (by global position) gone by since the checkpoint was last saved, in batches with nothing to publish, and when that was. */
  private skipped = 0;
  private savedAt = 0;
  /** How far the log has been seen. */
  private passed: GlobalCheckpoint = START_OF_LOG;

  constructor(
    private readonly infrastructure: EventRelayInfrastructure,
    private readonly events: IntegrationEvents,
    private readonly options: EventRelayOptions = {},
  ) {
    this.checkpointName = `relay.${events.service}`;
    this.subjectPrefix = options.subjectPrefix ?? 'elk.evt';
  }

  /** Resolves once the relay has published the log as it was when it started. */
  get caughtUp(): Promise<void> {
    return this.subscription?.caughtUp ?? Promise.reject(new Error('The relay is not started'));
  }

  async start(): Promise<void> {
    const { documentStore, eventStore, logger } = this.infrastructure;
    // The store's schema, its checkpoints' table with it.
    await documentStore.ensureCollections([]);
    if (this.options.fromStart) await documentStore.saveCheckpoint(this.checkpointName, START_OF_LOG);
    this.stopping = false;
    this.skipped = 0;
    this.savedAt = Date.now();
    this.passed = (await documentStore.getCheckpoint(this.checkpointName)) ?? START_OF_LOG;
    this.subscription = eventStore.subscribeToAll((events, through) => this.relay(events, through), {
      from: this.passed,
      batchSize: this.options.batchSize,
      eventTypes: this.events.publishedTypes,
      onError: (error) => logger.error({ err: error, relay: this.checkpointName }, 'event relay stopped'),
    });
  }

  /** Stops after the batch in flight; a publish being retried is given up (the next start publishes it). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.interruptPause?.();
    await this.subscription?.stop();
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /**
   * Publishes the batch and saves its checkpoint (`checkpoint`: how far the log has been seen), retrying until that
   * succeeds or the relay stops. The relay reads only the types it publishes, but another service may use the same
   * type names; a batch with nothing to publish (the subscription moving past other types' events, or another
   * service's events) touches no document: its checkpoint is saved with the next batch that publishes, or after
   * about SKIPPED_EVENTS_PER_SAVE log events (by global position) or SKIPPED_SAVE_INTERVAL_MS, so that a restart does
   * not read a long tail again.
   */
  private async relay(events: RecordedEvent[], checkpoint: GlobalCheckpoint): Promise<void> {
    const { documentStore, logger } = this.infrastructure;
    for (let failures = 0; !this.stopping; failures++) {
      try {
        const outgoing = events.flatMap((event) => {
          const integration = this.events.publicEvent(event);
          return integration ? [{ event, integration }] : [];
        });
        const gone = checkpoint.globalPosition > this.passed.globalPosition ? Number(checkpoint.globalPosition - this.passed.globalPosition) : 0;
        if (outgoing.length === 0 && !this.saveDue(gone)) {
          this.skipped += gone;
          this.passed = checkpoint;
          return;
        }
        if (outgoing.length > 0) {
          const published = (await documentStore.getCheckpoint(this.checkpointName)) ?? START_OF_LOG;
          for (const { event, integration } of outgoing) {
            if (compareCheckpoints(checkpointOf(event), published) > 0) await this.publish(event, integration);
          }
        }
        await documentStore.transaction(async (session) => {
          if (compareCheckpoints(await lockCheckpoint(session, this.checkpointName), checkpoint) < 0) await session.saveCheckpoint(this.checkpointName, checkpoint);
        });
        this.skipped = 0;
        this.savedAt = Date.now();
        this.passed = checkpoint;
        return;
      } catch (error) {
        logger.warn({ err: error, relay: this.checkpointName, failures: failures + 1 }, 'event relay failed to publish a batch; retrying');
        await this.pause(Math.min((this.options.retryDelayMs ?? 100) * 2 ** failures, this.options.maxRetryDelayMs ?? 10_000));
      }
    }
  }

  private saveDue(events: number): boolean {
    return this.skipped + events >= SKIPPED_EVENTS_PER_SAVE || Date.now() - this.savedAt >= SKIPPED_SAVE_INTERVAL_MS;
  }

  private async publish(event: RecordedEvent, integration: NonNullable<ReturnType<IntegrationEvents['publicEvent']>>): Promise<void> {
    const { organisationId, actor, correlationId, causationId, traceparent, tracestate } = event.metadata;
    const headers: Record<string, string> = { ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) };
    const payload: IntegrationEventPayload = {
      ...integration,
      streamId: event.streamId,
      streamPosition: event.streamPosition,
      recordedAt: new Date(event.recordedAt).toISOString(),
      metadata: { organisationId, actor, correlationId, causationId },
    };
    // Published inside the trace of the request that caused the event.
    await context.with(extractTraceContext(headers), () =>
      this.infrastructure.bus.publishEvent({ eventId: event.eventId, subject: `${this.subjectPrefix}.${this.events.service}.${integration.type}`, data: payload, headers }),
    );
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.interruptPause = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** The relay of a service module: started once the application has bootstrapped, stopped on shutdown. */
export function eventRelayProvider(events: IntegrationEvents, options: Omit<EventRelayOptions, 'fromStart'> = {}): FactoryProvider<EventRelay> {
  return {
    provide: EventRelay,
    inject: [EVENT_STORE, DOCUMENT_STORE, MESSAGE_BUS, LOGGER, RUN_MODE],
    useFactory: (eventStore: EventStore, documentStore: DocumentStore, bus: MessageBus, logger: Logger, mode: RunMode) =>
      new EventRelay({ eventStore, documentStore, bus, logger }, events, { ...options, fromStart: mode === 'embedded' }),
  };
}
