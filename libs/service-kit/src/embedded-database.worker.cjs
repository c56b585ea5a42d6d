// The embedded database's thread (embedded-database-thread.ts starts it): one PGlite, which runs every statement
// synchronously, so that its CPU is spent on a core of its own. Plain CommonJS: a worker thread loads its file with
// Node's own loader, without the TypeScript hook of `npm start` or jest.
'use strict';
const { readlinkSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require('@electric-sql/pglite');
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm');

/** @type {Promise<PGlite>} */
const opening = PGlite.create(workerData.dir, { extensions: workerData.pgTrgm ? { pg_trgm } : {}, startParams: [...PGlite.defaultStartParams, ...workerData.startParams] });
/** Open transactions by id: how their statements reach them and how they end. */
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

/** Opens a transaction and answers once it has begun; its statements then reach it by `txId` until `end`. */
function begin(db, txId) {
  return new Promise((begun, failed) => {
    const open = {};
    open.done = db.transaction(
      (tx) =>
        new Promise((commit, rollback) => {
          Object.assign(open, { tx, commit, rollback });
          transactions.set(txId, open);
          begun(null);
        }),
    );
    // Before `begun`, BEGIN itself failed; after it, the outcome is `end`'s to report.
    open.done.catch(failed).finally(() => transactions.delete(txId));
  });
}

/** Commits (PGlite runs COMMIT once the callback resolves) or rolls back (it runs ROLLBACK once it rejects). */
async function end(txId, commit) {
  const open = transactions.get(txId);
  if (commit) {
    open.commit(null);
    await open.done;
  } else {
    open.rollback(new Error('rolled back'));
    await open.done.catch(() => undefined);
  }
  return null;
}

function executor(db, txId) {
  return txId === undefined ? db : transactions.get(txId).tx;
}

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
  reply(
    id,
    opening.then(async (db) => {
      switch (op) {
        case 'query': {
          const { rows, affectedRows } = await executor(db, message.txId).query(message.text, message.params);
          return { rows, affectedRows };
        }
        case 'exec': {
          const results = await executor(db, message.txId).exec(message.text);
          return results.map(({ rows, affectedRows }) => ({ rows, affectedRows }));
        }
        case 'begin':
          return begin(db, message.txId);
        case 'commit':
        case 'rollback':
          return end(message.txId, op === 'commit');
        default:
          throw new Error(`unknown operation ${op}`);
      }
    }),
  );
});
