// Hosts a PGlite for tests in a worker thread; see worker-pglite.ts for why and for the protocol.
import { PGlite } from '@electric-sql/pglite';
import { parentPort } from 'node:worker_threads';

const ready = PGlite.create();
const transactions = new Map();
let nextTransaction = 1;

function errorFields(error) {
  const fields = { message: error.message, name: error.name };
  for (const key of ['code', 'constraint', 'detail', 'hint', 'schema', 'table', 'column', 'severity']) fields[key] = error[key];
  return fields;
}

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
      return new Promise((resolveBegin, rejectBegin) => {
        const id = nextTransaction++;
        const done = db.transaction(
          (tx) =>
            new Promise((commit, rollback) => {
              transactions.set(id, { tx, commit, rollback });
              resolveBegin({ tx: id });
            }),
        );
        transactions.set(-id, done);
        done.catch(rejectBegin);
      });
    case 'commit':
    case 'rollback': {
      const open = transactions.get(message.tx);
      const done = transactions.get(-message.tx);
      transactions.delete(message.tx);
      transactions.delete(-message.tx);
      if (message.op === 'commit') open.commit();
      else open.rollback(new Error('rolled back by the test process'));
      await done.catch((error) => {
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
  () => parentPort.postMessage({ ready: true }),
  (error) => parentPort.postMessage({ ready: false, error: errorFields(error) }),
);

parentPort.on('message', (message) => {
  handle(message).then(
    (result) => parentPort.postMessage({ id: message.id, ...result }),
    (error) => parentPort.postMessage({ id: message.id, error: errorFields(error) }),
  );
});
