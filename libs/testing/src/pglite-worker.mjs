// Hosts a PGlite for jest in a worker thread (see test-pglite.ts): answers query / exec / begin / commit /
// rollback / close messages, each with an id, and first posts { id: 0 } once the database is up.
import { parentPort } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const ready = PGlite.create();
const transactions = new Map();
let nextTransaction = 1;

const errorFields = (error) => {
  const fields = { message: error.message };
  for (const key of ['code', 'constraint', 'detail', 'schema', 'table', 'column', 'severity']) if (error[key] !== undefined) fields[key] = error[key];
  return fields;
};

async function handle(message) {
  const db = await ready;
  const target = message.tx === undefined ? db : transactions.get(message.tx).tx;
  switch (message.op) {
    case 'query':
      return { rows: (await target.query(message.text, message.params)).rows };
    case 'exec':
      await target.exec(message.text);
      return {};
    case 'begin':
      return new Promise((begun, failed) => {
        const id = nextTransaction++;
        const done = db.transaction((tx) => new Promise((commit, rollback) => {
          transactions.set(id, { tx, commit, rollback, done });
          begun({ tx: id });
        }));
        done.catch(failed);
      });
    case 'commit':
    case 'rollback': {
      const open = transactions.get(message.tx);
      transactions.delete(message.tx);
      if (message.op === 'commit') open.commit();
      else open.rollback(new Error('rolled back'));
      await open.done.catch((error) => {
        if (message.op === 'commit') throw error;
      });
      return {};
    }
    case 'close':
      await db.close();
      return {};
    default:
      throw new Error(`unknown op ${message.op}`);
  }
}

ready.then(
  () => parentPort.postMessage({ id: 0 }),
  (error) => parentPort.postMessage({ id: 0, error: errorFields(error) }),
);
parentPort.on('message', (message) =>
  handle(message).then(
    (result) => parentPort.postMessage({ id: message.id, ...result }),
    (error) => parentPort.postMessage({ id: message.id, error: errorFields(error) }),
  ),
);
