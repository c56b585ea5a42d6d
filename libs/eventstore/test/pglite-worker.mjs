// Hosts a PGlite in a worker thread for the tests; see worker-pglite.ts for why.
import { PGlite } from '@electric-sql/pglite';
import { parentPort } from 'node:worker_threads';

const ready = PGlite.create();

async function handle({ op, text, params }) {
  const db = await ready;
  switch (op) {
    case 'query':
      return (await db.query(text, params)).rows;
    case 'exec':
      await db.exec(text);
      return [];
    case 'close':
      await db.close();
      return [];
    default:
      throw new Error(`unknown op ${op}`);
  }
}

parentPort.on('message', ({ id, ...message }) => {
  handle(message).then(
    (rows) => parentPort.postMessage({ id, rows }),
    (error) => {
      const fields = { message: error.message };
      for (const key of ['name', 'code', 'constraint', 'detail', 'severity']) fields[key] = error[key];
      parentPort.postMessage({ id, error: fields });
    },
  );
});
