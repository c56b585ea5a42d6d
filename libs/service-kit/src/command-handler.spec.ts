import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { context, propagation, trace, TraceFlags } from '@opentelemetry/api';
import { DomainError } from '@elk/contracts';
import { WrongExpectedVersionError, type EventStore, type ExpectedVersion, type NewEvent, type RecordedEvent } from '@elk/eventstore';
import { z } from 'zod';
import { busCommandMetadata, handleCommand, parseEvent, readStreamState, type Decider } from './command-handler';

/** Just enough of an event store: streams in memory, expected-version checks, a hook before each append. */
class StreamsInMemory {
  readonly streams = new Map<string, RecordedEvent[]>();
  beforeAppend: () => void = () => undefined;
  appends = 0;

  readonly store = {
    readStream: async (streamId: string) => {
      const events = this.streams.get(streamId) ?? [];
      return { version: events.length, events: [...events] };
    },
    appendToStream: async (streamId: string, events: NewEvent[], options?: { expectedVersion?: ExpectedVersion }) => {
      this.beforeAppend();
      this.appends++;
      return this.append(streamId, events, options?.expectedVersion ?? 'any');
    },
  } as unknown as EventStore;

  append(streamId: string, events: NewEvent[], expected: ExpectedVersion) {
    const stream = this.streams.get(streamId) ?? [];
    if ((expected === 'no-stream' && stream.length > 0) || (typeof expected === 'number' && expected !== stream.length)) {
      throw new WrongExpectedVersionError(streamId, expected, stream.length);
    }
    for (const event of events) {
      stream.push({ ...event, streamId, streamPosition: stream.length + 1, globalPosition: 0n, transactionId: 0n, schemaVersion: event.schemaVersion ?? 1, recordedAt: new Date() });
    }
    this.streams.set(streamId, stream);
    return { nextExpectedVersion: stream.length, lastGlobalPosition: 0n };
  }
}

type Deposited = { type: 'MoneyDeposited'; data: { amount: number } };
type Deposit = { amount: number; max: number };

const wallet: Decider<Deposit, Deposited, number> = {
  initialState: 0,
  evolve: (balance, event) => balance + event.data.amount,
  decide: (command, balance) => {
    if (command.amount === 0) return [];
    if (balance + command.amount > command.max) throw new DomainError('RULE_VIOLATED', 'Слишком много');
    return [{ type: 'MoneyDeposited', data: { amount: command.amount } }];
  },
  events: {
    MoneyDeposited: {
      version: 2,
      schema: z.object({ amount: z.number().int() }),
      upcast: (data) => ({ amount: (data as { cents: number }).cents }),
    },
  },
};

const metadata = { organisationId: 'org-1', actor: 'account-1', correlationId: 'corr-1', causationId: 'cause-1' };

describe('handleCommand', () => {
  let memory: StreamsInMemory;
  beforeEach(() => (memory = new StreamsInMemory()));

  it('appends the decided events with ids, schema version and metadata to a new stream', async () => {
    const result = await handleCommand(memory.store, 'wallet-1', wallet, { amount: 5, max: 100 }, metadata);

    expect(result).toEqual({ newEvents: [{ type: 'MoneyDeposited', data: { amount: 5 } }], newState: 5, nextExpectedVersion: 1 });
    const [stored] = memory.streams.get('wallet-1')!;
    expect(stored).toMatchObject({ type: 'MoneyDeposited', schemaVersion: 2, data: { amount: 5 }, metadata });
    expect(stored!.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('folds the stream before deciding and appends at the version it read', async () => {
    await handleCommand(memory.store, 'wallet-1', wallet, { amount: 5, max: 100 }, metadata);
    const result = await handleCommand(memory.store, 'wallet-1', wallet, { amount: 7, max: 100 }, metadata);
    expect(result.newState).toBe(12);
    expect(result.nextExpectedVersion).toBe(2);
  });

  it('appends nothing when the decider has nothing to do', async () => {
    const result = await handleCommand(memory.store, 'wallet-1', wallet, { amount: 0, max: 100 }, metadata);
    expect(result).toEqual({ newEvents: [], newState: 0, nextExpectedVersion: 0 });
    expect(memory.appends).toBe(0);
  });

  it('passes the refusal of the decider on and appends nothing', async () => {
    await expect(handleCommand(memory.store, 'wallet-1', wallet, { amount: 500, max: 100 }, metadata)).rejects.toMatchObject({ code: 'RULE_VIOLATED' });
    expect(memory.streams.size).toBe(0);
  });

  it('decides again on the fresh state after losing a race', async () => {
    let raced = false;
    memory.beforeAppend = () => {
      if (raced) return;
      raced = true;
      memory.append('wallet-1', [{ eventId: 'other', type: 'MoneyDeposited', schemaVersion: 2, data: { amount: 90 }, metadata }], 'any');
    };
    await expect(handleCommand(memory.store, 'wallet-1', wallet, { amount: 20, max: 100 }, metadata)).rejects.toMatchObject({ code: 'RULE_VIOLATED' });

    const result = await handleCommand(memory.store, 'wallet-1', wallet, { amount: 10, max: 100 }, metadata);
    expect(result.newState).toBe(100);
  });

  it('gives up with VERSION_CONFLICT when it keeps losing', async () => {
    memory.beforeAppend = () => void memory.append('wallet-1', [{ eventId: String(Math.random()), type: 'MoneyDeposited', schemaVersion: 2, data: { amount: 1 }, metadata }], 'any');
    await expect(handleCommand(memory.store, 'wallet-1', wallet, { amount: 1, max: 100 }, metadata)).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(memory.appends).toBe(4);
  });

  it('refuses an event the contract schema rejects, before appending', async () => {
    await expect(handleCommand(memory.store, 'wallet-1', wallet, { amount: 1.5, max: 100 }, metadata)).rejects.toBeInstanceOf(z.ZodError);
    expect(memory.appends).toBe(0);
  });

  describe('with tracing', () => {
    const contextManager = new AsyncLocalStorageContextManager();
    beforeAll(() => {
      context.setGlobalContextManager(contextManager.enable());
      propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    });
    afterAll(() => {
      context.disable();
      propagation.disable();
    });

    it('records the active trace context on the events', async () => {
      const spanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };
      await context.with(trace.setSpanContext(context.active(), spanContext), () =>
        handleCommand(memory.store, 'wallet-1', wallet, { amount: 5, max: 100 }, metadata),
      );
      expect(memory.streams.get('wallet-1')![0]!.metadata.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    });
  });
});

describe('reading events back', () => {
  const recorded = (schemaVersion: number, data: unknown) => ({ streamId: 'wallet-1', type: 'MoneyDeposited', schemaVersion, data });

  it('parses current events with the contract schema', () => {
    expect(parseEvent(wallet.events, recorded(2, { amount: 3, extra: true }))).toEqual({ type: 'MoneyDeposited', data: { amount: 3 } });
  });

  it('upcasts events written under an older version', () => {
    expect(parseEvent(wallet.events, recorded(1, { cents: 3 }))).toEqual({ type: 'MoneyDeposited', data: { amount: 3 } });
  });

  it('refuses unknown types, newer versions and data that does not fit', () => {
    expect(() => parseEvent(wallet.events, { ...recorded(2, {}), type: 'MoneyStolen' })).toThrow(/Unknown event type/);
    expect(() => parseEvent(wallet.events, recorded(3, { amount: 3 }))).toThrow(/newer/);
    expect(() => parseEvent(wallet.events, recorded(2, { amount: 'three' }))).toThrow(z.ZodError);
  });

  it('folds a stream into state, version 0 when it does not exist', async () => {
    const memory = new StreamsInMemory();
    expect(await readStreamState(memory.store, 'wallet-1', wallet)).toEqual({ state: 0, version: 0 });
    memory.append('wallet-1', [{ eventId: 'a', type: 'MoneyDeposited', schemaVersion: 1, data: { cents: 4 }, metadata }], 'no-stream');
    expect(await readStreamState(memory.store, 'wallet-1', wallet)).toEqual({ state: 4, version: 1 });
  });
});

describe('busCommandMetadata', () => {
  it('carries the correlation id the caller sent', () => {
    const metadata = busCommandMetadata({ actor: null, headers: { 'elk-correlation-id': 'corr-9' } }, 'org-1', 'account-1');
    expect(metadata).toEqual({ organisationId: 'org-1', actor: 'account-1', correlationId: 'corr-9', causationId: 'corr-9' });
  });

  it('starts a correlation when the caller sent none', () => {
    const metadata = busCommandMetadata({ actor: null, headers: {} }, 'org-1', 'account-1');
    expect(metadata.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
