// The embedded database's thread (embedded-database-thread.ts starts it): one PGlite, which runs every statement
// synchronously, so that its CPU is spent on a core of its own. Plain CommonJS: a worker thread loads its file with
// Node's own loader, without the TypeScript hook of `npm start` or jest.
'use strict';
const { readlinkSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite, parse, protocol } = require('@electric-sql/pglite');
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm');

/** @type {Promise<PGlite>} */
const opening = PGlite.create(workerData.dir, { extensions: workerData.pgTrgm ? { pg_trgm } : {}, startParams: [...PGlite.defaultStartParams, ...workerData.startParams] });
/** Open transactions by id, each as the promise of its handles (the statements sent with BEGIN wait for it). */
const transactions = new Map();

/** What crosses to the main thread of an error: its own fields (code, constraint, detail…) besides the message. */
function plainError(error) {
  return { ...error, name: error.name, message: error.message };
}

function reply(id, run) {
  run.then(
    (result) => parentPort.postMessage({ id, result }),
    (error) => parentPort.postMessage({ id, error: plainError(error) }),
  );
}

/** Opens a transaction (its first statement came with BEGIN); its statements then reach it by `txId` until it ends. */
function begin(txId) {
  const begun = opening.then(
    (db) =>
      new Promise((opened, failed) => {
        const open = {};
        open.done = db.transaction(
          (tx) =>
            new Promise((commit, rollback) => {
              Object.assign(open, { tx, commit, rollback });
              opened(open);
            }),
        );
        // Before `opened`, BEGIN itself failed; after it, the outcome is `end`'s to report.
        open.done.catch(failed).finally(() => transactions.delete(txId));
      }),
  );
  // Registered at once, so that the statements sent next in it find it whether or not it has begun yet.
  transactions.set(txId, begun);
  return begun;
}

/** Commits (PGlite runs COMMIT once the callback resolves) or rolls back (it runs ROLLBACK once it rejects). */
async function end(open, commit) {
  if (!open) return null;
  if (commit) {
    open.commit(null);
    await open.done;
  } else {
    open.rollback(new Error('rolled back'));
    await open.done.catch(() => undefined);
  }
  return null;
}

/**
 * The handles of the transaction a message is sent in (opened by it when it carries BEGIN); undefined outside one. A
 * statement sent with the id of one that has ended fails instead of running alone.
 */
function transactionOf({ txId, begin: begins }) {
  if (txId === undefined) return undefined;
  if (begins) return begin(txId);
  return transactions.get(txId) ?? Promise.reject(new Error(`transaction ${txId} has ended`));
}

/** Runs a statement of a transaction; with `commit`, commits after it, or rolls back if it failed. */
async function inTransaction(open, commit, run) {
  let result;
  try {
    result = await run(open.tx);
  } catch (error) {
    if (commit) await end(open, false);
    throw error;
  }
  if (commit) await end(open, true);
  return result;
}

const { serialize } = protocol;
const EXECUTE_AND_SYNC = concat([serialize.execute({}), serialize.sync()]);
/** A statement's text that PostgreSQL re-analyses into another shape of row (`SELECT *` after ALTER TABLE). */
const RESULT_TYPE_CHANGED = 'cached plan must not change result type';

/**
 * Statements prepared once and run by name. PGlite's `query()` makes six exchanges with its WebAssembly per statement
 * (parse, describe, bind, describe, execute, sync) and PostgreSQL parses and plans the text each time; a prepared
 * statement is one exchange (bind, execute, sync), and PostgreSQL reuses its parse and, once it finds it no worse, a
 * generic plan (decision 0022, 2026-12-07: the thread's CPU per push −22 to −30%). Least recently used first; at most
 * `max`, so that texts that vary (a list's length written into them) do not pile up in PostgreSQL's memory.
 */
class PreparedStatements {
  constructor(db, max) {
    this.db = db;
    this.max = max;
    /** text → { name, paramTypes, rowDescription (undefined for a statement without rows) } */
    this.byText = new Map();
    this.count = 0;
    /** Statements to close (DEALLOCATE) with the next exchange. */
    this.closing = [];
  }

  /** Runs `text` in the open transaction, or outside any (then after the open one's end, as `db.query` would). */
  query(text, params, inTransaction) {
    const run = () => this.db._runExclusiveQuery(() => this.run(text, params ?? [], inTransaction));
    return inTransaction ? run() : this.db._runExclusiveTransaction(run);
  }

  async run(text, params, inTransaction) {
    const statement = await this.prepared(text);
    const values = params.map((param, i) => (param === null || param === undefined ? null : (this.db.serializers[statement.paramTypes[i]] ?? String)(param)));
    let messages;
    try {
      // The messages as PGlite parses them, as `query()` gets them (`execProtocol` also copies the raw answer, twice).
      // Outside a transaction PGlite syncs its file system after a statement, as `query()` does (a no-op on Node's).
      messages = await this.db.execProtocolStream(concat([serialize.bind({ statement: statement.name, values }), EXECUTE_AND_SYNC]), { syncToFs: !inTransaction });
    } catch (error) {
      if (error.message === RESULT_TYPE_CHANGED) {
        this.forget(text);
        // Outside a transaction nothing failed with it: prepared again, it runs as a first statement of its text would.
        if (!inTransaction) return this.run(text, params, inTransaction);
      }
      // As PGlite's `query()` reports a failed statement.
      throw Object.assign(error, { query: text, params });
    }
    const [{ rows, affectedRows }] = parse.parseResults(statement.rowDescription ? [statement.rowDescription, ...messages] : messages, this.db.parsers);
    return { rows, affectedRows };
  }

  async prepared(text) {
    const known = this.byText.get(text);
    if (known) {
      this.byText.delete(text);
      this.byText.set(text, known);
      return known;
    }
    if (this.byText.size >= this.max) this.forget(this.byText.keys().next().value);
    const name = `elk_${this.count++}`;
    const closing = this.closing.map((closed) => serialize.close({ type: 'S', name: closed }));
    this.closing = [];
    let messages;
    try {
      messages = await this.db.execProtocolStream(concat([...closing, serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]), { syncToFs: false });
    } catch (error) {
      throw Object.assign(error, { query: text });
    }
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(messages), rowDescription: messages.find((message) => message.name === 'rowDescription') };
    this.byText.set(text, statement);
    return statement;
  }

  forget(text) {
    this.closing.push(this.byText.get(text).name);
    this.byText.delete(text);
  }
}

function concat(messages) {
  const joined = new Uint8Array(messages.reduce((length, message) => length + message.length, 0));
  let offset = 0;
  for (const message of messages) {
    joined.set(message, offset);
    offset += message.length;
  }
  return joined;
}

/** @type {Promise<PreparedStatements>} */
const statements = opening.then((db) => new PreparedStatements(db, workerData.maxPreparedStatements));

/** This thread's id in /proc (Linux), where the benches read its CPU time; null elsewhere. */
function osThreadId() {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return null;
  }
}

parentPort.on('message', (message) => {
  const { id, op } = message;
  if (op === 'ready') return reply(id, opening.then(osThreadId));
  if (op === 'close') return reply(id, opening.then((db) => db.close()).then(() => null));
  const opened = transactionOf(message);
  reply(
    id,
    opening.then(async (db) => {
      // A transaction that is not open (its BEGIN failed) has nothing to roll back.
      const open = await (op === 'rollback' ? opened.catch(() => undefined) : opened);
      switch (op) {
        case 'query': {
          const prepared = await statements;
          if (!open) return prepared.query(message.text, message.params, false);
          return inTransaction(open, message.commit, () => prepared.query(message.text, message.params, true));
        }
        case 'exec': {
          const results = open ? await inTransaction(open, message.commit, (tx) => tx.exec(message.text)) : await db.exec(message.text);
          return results.map(({ rows, affectedRows }) => ({ rows, affectedRows }));
        }
        case 'commit':
        case 'rollback':
          return end(open, op === 'commit');
        default:
          throw new Error(`unknown operation ${op}`);
      }
    }),
  );
});
