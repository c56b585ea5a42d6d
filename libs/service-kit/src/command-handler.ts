import { randomUUID } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import { DomainError, HEADER_CORRELATION_ID, type ChangeOrigin } from '@elk/contracts';
import { WrongExpectedVersionError, type EventMetadata, type EventStore, type NewEvent, type ReadStreamResult, type RecordedEvent } from '@elk/eventstore';
import type { z } from 'zod';
import type { BusHandlerContext } from './bus-transport';

/** An event as deciders see it: its type and parsed data, without metadata. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/**
 * The schema of one event type, as libs/contracts declares it: the current version and its zod schema.
 * `upcast` lifts data written under an older version to the current one before parsing.
 */
export interface EventSchema<Data = unknown> {
  version: number;
  schema: z.ZodType<Data>;
  upcast?: (data: unknown, fromVersion: number) => unknown;
}

export type EventSchemas = Readonly<Record<string, EventSchema>>;

/** The union of domain events a schema map describes. */
export type EventOf<S extends EventSchemas> = {
  [K in keyof S & string]: DomainEvent<K, z.output<S[K]['schema']>>;
}[keyof S & string];

/**
 * A decider: `decide` is pure and throws only DomainError; `[]` means there is nothing to do (so a
 * repeated command is a no-op). `events` names the stream's event types and schemas.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState: State;
  events: EventSchemas;
}

/** Who and what caused the command; trace context and recordedAt are added on append. */
export interface CommandMetadata {
  organisationId: string;
  /** Account id, device id, or 'system'. */
  actor: string;
  correlationId: string;
  causationId: string;
  /** What made the change when it was not a card saved by hand (shown in «История изменений»). */
  origin?: ChangeOrigin;
}

/**
 * Metadata for a command that came over the bus: the correlation id the caller sent (a new one when it sent
 * none), which is also the cause, since the request is the message that caused the events.
 */
export function busCommandMetadata(context: BusHandlerContext, organisationId: string, actor: string): CommandMetadata {
  const correlationId = context.headers[HEADER_CORRELATION_ID] ?? randomUUID();
  return { organisationId, actor, correlationId, causationId: correlationId };
}

export interface CommandResult<Event, State> {
  /** The events appended; empty when the decider had nothing to do. */
  newEvents: Event[];
  newState: State;
  /** The stream's version after the command. */
  nextExpectedVersion: number;
}

export interface StreamState<State> {
  state: State;
  /** 0 when the stream does not exist. */
  version: number;
}

/** Appends that lose a race are retried this many times before giving up with VERSION_CONFLICT. */
export const COMMAND_RETRIES = 3;

/** Parses a stored event with its contract schema, upcasting older versions first. */
export function parseEvent<S extends EventSchemas>(schemas: S, recorded: Pick<RecordedEvent, 'streamId' | 'type' | 'schemaVersion' | 'data'>): EventOf<S> {
  const entry = Object.hasOwn(schemas, recorded.type) ? schemas[recorded.type] : undefined;
  if (!entry) throw new Error(`Unknown event type ${recorded.type} in stream ${recorded.streamId}`);
  if (recorded.schemaVersion > entry.version) {
    throw new Error(`${recorded.type} v${recorded.schemaVersion} in stream ${recorded.streamId} is newer than this code (v${entry.version})`);
  }
  let data = recorded.data;
  if (recorded.schemaVersion < entry.version) {
    if (!entry.upcast) throw new Error(`No upcaster for ${recorded.type} v${recorded.schemaVersion} → v${entry.version}`);
    data = entry.upcast(data, recorded.schemaVersion);
  }
  return { type: recorded.type, data: entry.schema.parse(data) } as EventOf<S>;
}

/** Reads a stream and folds it into the decider's state. */
export async function readStreamState<C, E extends DomainEvent, S>(eventStore: EventStore, streamId: string, decider: Decider<C, E, S>): Promise<StreamState<S>> {
  return foldStream(decider, await eventStore.readStream(streamId));
}

/** A whole stream, as read, folded into the decider's state. */
export function foldStream<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, { version, events }: ReadStreamResult): StreamState<S> {
  const state = events.reduce((current, recorded) => decider.evolve(current, parseEvent(decider.events, recorded) as E), decider.initialState);
  return { state, version };
}

/**
 * Runs one command against one stream: read → fold `evolve` → `decide` → append with the version read.
 * A concurrent append in between makes the store refuse ours; the command is then decided again on the
 * fresh state, up to COMMAND_RETRIES times.
 */
export async function handleCommand<C, E extends DomainEvent, S>(
  eventStore: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
  metadata: CommandMetadata,
): Promise<CommandResult<E, S>> {
  for (let attempt = 0; ; attempt++) {
    const { state, version } = await readStreamState(eventStore, streamId, decider);
    const newEvents = decider.decide(command, state);
    if (newEvents.length === 0) return { newEvents, newState: state, nextExpectedVersion: version };
    const eventMetadata: EventMetadata = { ...metadata, ...traceContext() };
    try {
      const { nextExpectedVersion } = await eventStore.appendToStream(
        streamId,
        newEvents.map((event) => toNewEvent(decider.events, event, eventMetadata)),
        { expectedVersion: version === 0 ? 'no-stream' : version },
      );
      return { newEvents, newState: newEvents.reduce((current, event) => decider.evolve(current, event), state), nextExpectedVersion };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (attempt >= COMMAND_RETRIES) {
        throw new DomainError('VERSION_CONFLICT', 'Данные одновременно изменил кто-то другой. Повторите действие');
      }
    }
  }
}

function toNewEvent(schemas: EventSchemas, event: DomainEvent, metadata: EventMetadata): NewEvent {
  const entry = Object.hasOwn(schemas, event.type) ? schemas[event.type] : undefined;
  if (!entry) throw new Error(`Event type ${event.type} has no schema`);
  return { eventId: randomUUID(), type: event.type, schemaVersion: entry.version, data: entry.schema.parse(event.data), metadata };
}

/** W3C trace context of the active span, when there is one. */
export function traceContext(): Pick<EventMetadata, 'traceparent' | 'tracestate'> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return {
    ...(carrier.traceparent ? { traceparent: carrier.traceparent } : {}),
    ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}),
  };
}
