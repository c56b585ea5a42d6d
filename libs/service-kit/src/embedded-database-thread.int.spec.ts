import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { defineCollection, PgliteDocumentStore } from '@elk/documents';
import { defaultTemplateDir, ensureEmbeddedDatabaseTemplate } from './embedded-database';
import { EmbeddedDatabaseThread, type EmbeddedExecutor } from './embedded-database-thread';

/** Counts the messages posted to the database's thread from here on (each is answered by one). */
function countMessages(thread: EmbeddedDatabaseThread): () => number {
  const worker = (thread as unknown as { worker: Worker }).worker;
  const post = worker.postMessage.bind(worker);
  let posted = 0;
  worker.postMessage = (message: unknown) => {
    posted += 1;
    post(message);
  };
  return () => posted;
}

describe('embedded database thread', () => {
  let root: string;
  let db: EmbeddedDatabaseThread;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'elk-embedded-thread-'));
    await ensureEmbeddedDatabaseTemplate(defaultTemplateDir());
    cpSync(defaultTemplateDir(), join(root, 'pglite'), { recursive: true });
    db = await EmbeddedDatabaseThread.open({ dir: join(root, 'pglite'), startParams: [], pgTrgm: true });
    await db.exec('CREATE TABLE items (id int PRIMARY KEY, data jsonb NOT NULL, at timestamptz)');
  }, 60_000);
  afterAll(async () => {
    await db.close();
    rmSync(root, { recursive: true, force: true });
  });
  beforeEach(() => db.query('DELETE FROM items'));

  it('runs statements with parameters and returns typed rows', async () => {
    const at = new Date('2026-12-06T10:00:00Z');
    await db.query('INSERT INTO items VALUES ($1, $2, $3)', [1, JSON.stringify({ name: 'Чай', tags: ['a'] }), at]);
    const { rows } = await db.query<{ id: number; data: unknown; at: Date }>('SELECT id, data, at FROM items');
    expect(rows).toEqual([{ id: 1, data: { name: 'Чай', tags: ['a'] }, at }]);
  });

  it('commits a transaction whose callback resolves, and keeps other statements out until it ends', async () => {
    let outside: Promise<unknown> | undefined;
    const seenOutside = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO items VALUES (1, $1)', ['{}']);
      outside = db.query<{ count: number }>('SELECT count(*)::int AS count FROM items');
      await tx.query('INSERT INTO items VALUES (2, $1)', ['{}']);
      return 'done';
    });
    expect(seenOutside).toBe('done');
    expect(((await outside) as { rows: { count: number }[] }).rows).toEqual([{ count: 2 }]);
  });

  it('rolls back a transaction whose callback throws, and rethrows its error', async () => {
    const failure = new Error('decided otherwise');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO items VALUES (1, $1)', ['{}']);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect((await db.query('SELECT id FROM items')).rows).toEqual([]);
  });

  it("sends BEGIN with a transaction's first statement, and runs the statements sent at once in it, in order", async () => {
    const messages = countMessages(db);
    const before = messages();
    await db.transaction(async (tx) => {
      await Promise.all([tx.query('INSERT INTO items VALUES (1, $1)', ['{}']), tx.query('UPDATE items SET data = $1 WHERE id = 1', ['{"seen":true}'])]);
    });
    // The two statements with BEGIN, and COMMIT.
    expect(messages() - before).toBe(3);
    expect((await db.query('SELECT id, data FROM items')).rows).toEqual([{ id: 1, data: { seen: true } }]);
    // A transaction without statements sends nothing.
    const idle = messages();
    await db.transaction(async () => undefined);
    expect(messages()).toBe(idle);
  });

  it('commits with the statement sent by queryAndCommit, in one exchange, and refuses a statement after it', async () => {
    const messages = countMessages(db);
    const before = messages();
    let after: Promise<unknown> | undefined;
    await db.transaction(async (tx) => {
      await tx.queryAndCommit('INSERT INTO items VALUES (1, $1)', ['{}']);
      after = tx.query('INSERT INTO items VALUES (2, $1)', ['{}']);
    });
    expect(messages() - before).toBe(1);
    await expect(after).rejects.toThrow('has ended');
    expect((await db.query('SELECT id FROM items')).rows).toEqual([{ id: 1 }]);
  });

  it('rolls back a transaction whose statement sent with the commit fails', async () => {
    await db.query('INSERT INTO items VALUES (1, $1)', ['{}']);
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO items VALUES (2, $1)', ['{}']);
        await tx.queryAndCommit('INSERT INTO items VALUES (1, $1)', ['{}']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await db.query('SELECT id FROM items')).rows).toEqual([{ id: 1 }]);
    // PGlite is free again.
    await db.transaction((tx) => tx.query('INSERT INTO items VALUES (3, $1)', ['{}']));
    expect((await db.query('SELECT id FROM items ORDER BY id')).rows).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it("commits a document store's batch with its last write (writesLast): one exchange for a batch that only writes", async () => {
    const store = new PgliteDocumentStore({ db, schema: 'thread_documents' });
    const notes = defineCollection<{ text: string }>('notes.v1');
    await store.ensureCollections([notes]);
    const messages = countMessages(db);
    const before = messages();
    await store.transaction((session) => session.collection(notes).upsertMany([{ id: 'n1', data: { text: 'первая' }, checkpoint: { transactionId: 1n, globalPosition: 1n } }]), { writesLast: true });
    expect(messages() - before).toBe(1);
    expect((await store.collection(notes).get('n1'))?.data).toEqual({ text: 'первая' });
  });

  it("reports PostgreSQL's error fields, which the stores read (a unique violation's code and constraint)", async () => {
    await db.query('INSERT INTO items VALUES (1, $1)', ['{}']);
    await expect(db.query('INSERT INTO items VALUES (1, $1)', ['{}'])).rejects.toMatchObject({ code: '23505', constraint: 'items_pkey' });
    // A failed statement inside a transaction fails the transaction, which then rolls back.
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO items VALUES (2, $1)', ['{}']);
        await tx.query('INSERT INTO items VALUES (1, $1)', ['{}']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await db.query('SELECT id FROM items')).rows).toEqual([{ id: 1 }]);
  });

  // A script, which is not prepared, so that the listing does not list itself.
  const preparedStatements = async (thread: EmbeddedDatabaseThread) =>
    (await thread.exec('SELECT statement FROM pg_prepared_statements ORDER BY statement'))[0]!.rows.map(({ statement }) => statement);

  it('prepares a statement once and runs it by name from then on, in a transaction or not', async () => {
    const insert = 'INSERT INTO items VALUES ($1, $2)';
    await db.query(insert, [1, '{}']);
    await db.transaction((tx) => tx.query(insert, [2, '{}']));
    await db.query(insert, [3, '{}']);
    expect((await preparedStatements(db)).filter((statement) => statement === insert)).toHaveLength(1);
    expect((await db.query('SELECT id FROM items ORDER BY id')).rows).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it('keeps at most its number of prepared statements, closing the least recently used', async () => {
    cpSync(defaultTemplateDir(), join(root, 'pglite-prepared'), { recursive: true });
    const other = await EmbeddedDatabaseThread.open({ dir: join(root, 'pglite-prepared'), startParams: [], pgTrgm: false, maxPreparedStatements: 3 });
    try {
      for (const n of [1, 2, 3]) await other.query(`SELECT ${n} AS n`);
      await other.query('SELECT 1 AS n');
      // A fourth text closes the least recently used of the three: SELECT 2.
      await other.query('SELECT 4 AS n');
      expect(await preparedStatements(other)).toEqual(['SELECT 1 AS n', 'SELECT 3 AS n', 'SELECT 4 AS n']);
      expect((await other.query('SELECT 2 AS n')).rows).toEqual([{ n: 2 }]);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('prepares a statement again when a table it reads changed the shape of its rows', async () => {
    await db.exec('CREATE TABLE shapes (id int)');
    await db.query('INSERT INTO shapes VALUES (1)');
    expect((await db.query('SELECT * FROM shapes')).rows).toEqual([{ id: 1 }]);
    await db.exec('ALTER TABLE shapes ADD COLUMN name text');
    expect((await db.query('SELECT * FROM shapes')).rows).toEqual([{ id: 1, name: null }]);
    // In a transaction the statement fails with the transaction (PostgreSQL's answer); the next one prepares it again.
    await db.exec('ALTER TABLE shapes ADD COLUMN code int');
    await expect(db.transaction((tx) => tx.query('SELECT * FROM shapes'))).rejects.toThrow('cached plan must not change result type');
    expect((await db.transaction((tx) => tx.query('SELECT * FROM shapes'))).rows).toEqual([{ id: 1, name: null, code: null }]);
  });

  it('refuses a statement sent with a transaction that has ended, rather than running it outside one', async () => {
    let ended: EmbeddedExecutor | undefined;
    await db.transaction(async (tx) => {
      ended = tx;
    });
    await expect(ended!.query('INSERT INTO items VALUES (1, $1)', ['{}'])).rejects.toThrow('has ended');
    expect((await db.query('SELECT id FROM items')).rows).toEqual([]);
  });

  it('reports a statement that does not parse, and runs the next one', async () => {
    await expect(db.query('SELEC 1')).rejects.toMatchObject({ code: '42601', query: 'SELEC 1' });
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('reports its thread dying while open, and refuses statements from then on', async () => {
    cpSync(defaultTemplateDir(), join(root, 'pglite-lost'), { recursive: true });
    const other = await EmbeddedDatabaseThread.open({ dir: join(root, 'pglite-lost'), startParams: [], pgTrgm: false });
    let lost: Error | undefined;
    void other.lost.then((error) => (lost = error));
    // What an abort inside PGlite's WebAssembly or an out-of-memory kill of the thread comes to.
    await (other as unknown as { worker: Worker }).worker.terminate();
    await expect(other.query('SELECT 1')).rejects.toThrow("the embedded database's thread exited");
    expect(lost?.message).toMatch("the embedded database's thread exited");
  }, 60_000);

  it('refuses statements once closed', async () => {
    cpSync(defaultTemplateDir(), join(root, 'pglite-closed'), { recursive: true });
    const other = await EmbeddedDatabaseThread.open({ dir: join(root, 'pglite-closed'), startParams: [], pgTrgm: false });
    await other.close();
    await expect(other.query('SELECT 1')).rejects.toThrow('the embedded database is closed');
  }, 60_000);
});
