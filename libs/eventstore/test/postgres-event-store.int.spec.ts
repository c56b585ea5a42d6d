import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { checkpointOf, WrongExpectedVersionError, type RecordedEvent } from '../src/event-store';
import { eventStoreSql } from '../src/event-store.sql';
import type { ChangeSignal } from '../src/global-log-subscription';
import { PostgresEventStore } from '../src/postgres-event-store';
import { ackedCount, expectSurvivorsWhole, killNow, readCrashLog, startCrashWriter } from './crash-writer';
import { describeEventStoreContract, newEvent, sleep, waitFor } from './event-store.contract';

const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

let pool: Pool;

beforeAll(() => {
  pool = new Pool({ connectionString: DATABASE_URL, max: 30 });
});

afterAll(async () => {
  await pool.end();
});

async function freshStore(options: { pollIntervalMs?: number } = {}): Promise<{ store: PostgresEventStore; schema: string; another(): PostgresEventStore; dispose(): Promise<void> }> {
  const schema = `es_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const store = new PostgresEventStore({ connection: pool, schema, ...options });
  await store.ensureSchema();
  const others: PostgresEventStore[] = [];
  return {
    store,
    schema,
    another: () => others[others.push(new PostgresEventStore({ connection: pool, schema, ...options })) - 1]!,
    async dispose() {
      await Promise.all([store, ...others].map((opened) => opened.close()));
      await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
    },
  };
}

describeEventStoreContract('PostgresEventStore', { createStore: freshStore, writers: 16, eventsPerWriter: 1000 });

describe('PostgresEventStore, its process killed', () => {
  it('loses no append it acknowledged and stores none in part when killed in the middle of shared commits', async () => {
    const { schema, dispose } = await freshStore();
    const logFile = join(tmpdir(), `crash-writer-${schema}.log`);
    const applicationName = `crash-writer-${schema}`;
    const connection = new URL(DATABASE_URL);
    connection.searchParams.set('application_name', applicationName);
    const writer = startCrashWriter('postgres', connection.toString(), schema, logFile);
    /** The writer's statements PostgreSQL is running: a shared append is one statement of several streams. */
    const sharedAppendsRunning = async () =>
      Number(
        (
          await pool.query<{ count: string }>(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND state = 'active' AND query LIKE 'WITH input AS%'",
            [applicationName],
          )
        ).rows[0]!.count,
      );
    try {
      await waitFor(async () => ackedCount(logFile) >= 500 && (await sharedAppendsRunning()) > 0, 60_000);
      await killNow(writer);
      // PostgreSQL commits or rolls back what the dead process's connections were running, then closes them.
      await waitFor(async () => (await pool.query('SELECT FROM pg_stat_activity WHERE application_name = $1', [applicationName])).rowCount === 0);

      const stored = (await pool.query<{ event_id: string; stream_id: string; stream_position: number }>(`SELECT event_id::text, stream_id, stream_position FROM "${schema}".events`)).rows;
      expectSurvivorsWhole(readCrashLog(logFile), stored, 500);
    } finally {
      if (writer.exitCode === null && writer.signalCode === null) await killNow(writer);
      rmSync(logFile, { force: true });
      await dispose();
    }
  }, 90_000);
});

describe('PostgresEventStore', () => {
  let store: PostgresEventStore;
  let schema: string;
  let dispose: () => Promise<void>;
  let held: Client;

  beforeEach(async () => {
    ({ store, schema, dispose } = await freshStore());
    held = new Client({ connectionString: DATABASE_URL });
    await held.connect();
  });

  afterEach(async () => {
    await held.end();
    await dispose();
  });

  /**
   * Resolves once the store has begun two more reads of the global log: the first began after this call, and a
   * subscription starts its next read only after handling the one before, so it has seen what was committed by now.
   * While a transaction is open below the log's horizon, a subscription re-reads after a short back-off.
   */
  async function twoMoreLogReads(): Promise<void> {
    const query = jest.spyOn(pool, 'query');
    const readLog = eventStoreSql(schema).readLog;
    try {
      await waitFor(() => query.mock.calls.filter(([config]) => (config as { text?: string }).text === readLog).length >= 2);
    } finally {
      query.mockRestore();
    }
  }

  /** Appends through the store's own statement in a transaction left open on a separate connection. */
  async function appendInOpenTransaction(streamId: string, type: string): Promise<bigint> {
    const event = newEvent(type);
    await held.query('BEGIN');
    const { rows } = await held.query(eventStoreSql(schema).append.any.one, [
      streamId,
      event.eventId,
      event.type,
      1,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
    ]);
    return BigInt(rows[0].last_global_position);
  }

  it('does not skip an append that took a lower global position but committed after a later one', async () => {
    const received: RecordedEvent[] = [];
    const subscription = store.subscribeToAll(async (batch) => void received.push(...batch));
    await subscription.caughtUp;

    const lower = await appendInOpenTransaction('held', 'A');
    const later = await store.appendToStream('other', [newEvent('B')]);
    expect(later.lastGlobalPosition).toBeGreaterThan(lower);

    // B is committed, but A may still commit before it in log order: nothing is readable yet.
    await twoMoreLogReads();
    expect(received).toEqual([]);
    expect(await store.readAll()).toEqual([]);

    await held.query('COMMIT');
    await waitFor(() => received.length === 2);
    expect(received.map((e) => e.type)).toEqual(['A', 'B']);
    expect((await store.readAll()).map((e) => e.type)).toEqual(['A', 'B']);
    await subscription.stop();
  });

  it('orders by transaction, so a reader resuming from a checkpoint misses nothing either way round', async () => {
    // The held transaction takes its id first, then the higher position.
    await held.query('BEGIN');
    await held.query('SELECT pg_current_xact_id()');
    const first = await store.appendToStream('other', [newEvent('B')]);
    const { rows } = await held.query(eventStoreSql(schema).append.any.one, ['held', randomUUID(), 'A', 1, '{}', '{}']);
    expect(BigInt(rows[0].last_global_position)).toBeGreaterThan(first.lastGlobalPosition);

    expect(await store.readAll()).toEqual([]);
    await held.query('COMMIT');

    // Another test file's transaction, open on the same server, may hold the log back a moment longer.
    let all: RecordedEvent[] = [];
    await waitFor(async () => (all = await store.readAll()).length === 2);
    expect(all.map((e) => e.type)).toEqual(['A', 'B']);
    expect((await store.readAll({ after: checkpointOf(all[0]!) })).map((e) => e.type)).toEqual(['B']);
  });

  it('delivers what was committed behind a transaction that rolls back', async () => {
    const received: RecordedEvent[] = [];
    const subscription = store.subscribeToAll(async (batch) => void received.push(...batch));
    await subscription.caughtUp;

    await appendInOpenTransaction('held', 'A');
    await store.appendToStream('other', [newEvent('B')]);
    await twoMoreLogReads();
    expect(received).toEqual([]);

    await held.query('ROLLBACK');
    await waitFor(() => received.length === 1);
    expect(received.map((e) => e.type)).toEqual(['B']);
    await subscription.stop();
  });

  it("reads past a transaction another database of the server holds open, never past one of its own database", async () => {
    const elsewhere = new URL(DATABASE_URL);
    elsewhere.pathname = elsewhere.pathname === '/postgres' ? '/template1' : '/postgres';
    const otherDatabase = new Client({ connectionString: elsewhere.toString() });
    await otherDatabase.connect();
    const received: RecordedEvent[] = [];
    const subscription = store.subscribeToAll(async (batch) => void received.push(...batch));
    try {
      await subscription.caughtUp;
      await otherDatabase.query('BEGIN');
      const { rows } = await otherDatabase.query<{ id: string }>('SELECT pg_current_xact_id()::text AS id');
      const otherTransaction = BigInt(rows[0]!.id);
      await store.appendToStream('other', [newEvent('B')]);

      await waitFor(() => received.length === 1);
      // Read past the server's oldest running transaction, the other database's: a reader bounded by the snapshot's xmin
      // would have waited for it.
      expect(received[0]!.transactionId).toBeGreaterThan(otherTransaction);
      const { rows: snapshot } = await pool.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin');
      expect(BigInt(snapshot[0]!.xmin)).toBeLessThanOrEqual(otherTransaction);

      // A transaction of this database still holds the log back, the other database's one open all along.
      await appendInOpenTransaction('held', 'A');
      await store.appendToStream('other', [newEvent('C')]);
      await twoMoreLogReads();
      expect(received.map((event) => event.type)).toEqual(['B']);
      await held.query('COMMIT');
      await waitFor(() => received.length === 3);
      expect(received.map((event) => event.type)).toEqual(['B', 'A', 'C']);
    } finally {
      await subscription.stop();
      await otherDatabase.end();
    }
  });

  it('never deadlocks two appends that name the same streams in opposite orders', async () => {
    // Both calls stop at the held transaction's row of stream z, each having written what it writes before z.
    await appendInOpenTransaction('z', 'Held');
    const call = (streamIds: string[]) => store.appendToStreams(streamIds.map((streamId) => ({ streamId, events: [newEvent()], expectedVersion: 'no-stream' })));
    const outcomes = Promise.allSettled([call(['a', 'z', 'b']), call(['b', 'z', 'a'])]);
    // Only this test's statements name its schema (pg_stat_activity keeps the first 1 kB of a statement).
    const waiting = async () =>
      (await pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND strpos(query, $1) > 0`, [`"${schema}"`])).rows[0].n;
    await waitFor(async () => (await waiting()) === 2);

    await held.query('ROLLBACK');

    const [first, second] = await outcomes;
    const settled = [first!, second!];
    expect(settled.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(settled.find((o) => o.status === 'rejected')).toMatchObject({ reason: expect.any(WrongExpectedVersionError) });
    expect(await Promise.all(['a', 'b', 'z'].map(async (id) => (await store.readStream(id)).version))).toEqual([1, 1, 1]);
  });

  it('wakes a subscriber of another store instance (another process) through NOTIFY, well before its poll', async () => {
    const elsewhere = new PostgresEventStore({ connection: DATABASE_URL, schema, pollIntervalMs: 10_000 });
    const received: RecordedEvent[] = [];
    const subscription = elsewhere.subscribeToAll(async (batch) => void received.push(...batch));
    await subscription.caughtUp;
    // Its LISTEN connection opens on the first read; wait until it listens.
    const listening = `LISTEN "${schema}.events"`;
    const listeners = async () => (await pool.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = $1', [listening])).rows[0].n;
    for (let n = await listeners(); n === 0; n = await listeners()) await sleep(20);

    const startedAt = Date.now();
    await store.appendToStream('s', [newEvent()]);
    await waitFor(() => received.length === 1, 5_000);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    await elsewhere.close();
  });

  it('wakes a subscriber of another store instance only for the event types it subscribes to, or for types the notification could not name', async () => {
    const elsewhere = new PostgresEventStore({ connection: DATABASE_URL, schema, pollIntervalMs: 60_000 });
    const query = jest.spyOn(elsewhere as unknown as { query(text: string, params: unknown[]): Promise<unknown[]> }, 'query');
    const logReads = () => query.mock.calls.filter(([text]) => text.includes('log_horizon')).length;
    // What its LISTEN connection hands on (nothing else appends through that instance).
    const notified = jest.spyOn((elsewhere as unknown as { changes: ChangeSignal }).changes, 'notify');
    const received: RecordedEvent[] = [];
    const subscription = elsewhere.subscribeToAll(async (batch) => void received.push(...batch), { eventTypes: ['A'] });
    await subscription.caughtUp;
    const listening = `LISTEN "${schema}.events"`;
    await waitFor(async () => (await pool.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = $1', [listening])).rows[0].n > 0);
    const readsAtHead = logReads();

    await store.appendToStream('b', [newEvent('B')]);
    await waitFor(() => notified.mock.calls.length === 1, 5_000);
    expect(notified.mock.calls[0]![0]).toEqual(new Set(['B']));
    await new Promise((resolve) => setImmediate(resolve));
    expect(logReads()).toBe(readsAtHead);

    // Types that would not fit a notification's payload: it names none, and wakes everyone.
    await store.appendToStream('long', [newEvent('L'.repeat(8_000))]);
    await waitFor(() => notified.mock.calls.length === 2, 5_000);
    expect(notified.mock.calls[1]![0]).toBeUndefined();
    await waitFor(() => logReads() > readsAtHead, 5_000);
    expect(received).toEqual([]);

    await store.appendToStream('a', [newEvent('A')]);
    await waitFor(() => received.length === 1, 5_000);
    await elsewhere.close();
  });
});
