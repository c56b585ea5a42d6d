/**
 * PGlite for jest. PGlite loads parts of itself with `import()`, which jest refuses unless node runs with
 * --experimental-vm-modules (even for modules loaded by node's own require). So a real PGlite runs in a worker
 * thread (pglite-worker.mjs) and this proxy offers what the adapter uses, query and exec, with PGlite's errors
 * (code, constraint, …).
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PgliteEventStoreOptions } from '../src/pglite-event-store';

type Reply = { id: number; rows: unknown[]; error?: { message: string } & Record<string, unknown> };

export interface WorkerPglite {
  db: PgliteEventStoreOptions['db'];
  close(): Promise<void>;
}

export async function openWorkerPglite(): Promise<WorkerPglite> {
  const worker = new Worker(join(__dirname, 'pglite-worker.mjs'));
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  worker.on('message', ({ id, rows, error }: Reply) => {
    const call = pending.get(id);
    pending.delete(id);
    if (error) call?.reject(Object.assign(new Error(error.message), error));
    else call?.resolve(rows);
  });
  worker.on('error', (error) => pending.forEach((call) => call.reject(error)));

  const call = (op: string, text?: string, params?: unknown[]) =>
    new Promise<unknown[]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, text, params });
    });
  const db: WorkerPglite['db'] = {
    query: async <Row>(text: string, params?: unknown[]) => ({ rows: (await call('query', text, params)) as Row[], fields: [] }),
    exec: async (text: string) => {
      await call('exec', text);
      return [];
    },
  };
  await db.query('SELECT 1');
  return {
    db,
    async close() {
      await call('close');
      await worker.terminate();
    },
  };
}
