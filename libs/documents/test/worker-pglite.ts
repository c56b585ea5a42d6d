/**
 * A PGlite for jest. PGlite loads parts of itself with `import()`, which fails inside jest unless node runs
 * with --experimental-vm-modules (even for modules loaded by Node's own require). With the flag the tests use
 * PGlite directly; without it, a real PGlite runs in a worker thread (pglite-worker.mjs) and this proxy
 * offers the part of its interface the adapters use: query, exec and transaction, with PGlite's errors
 * (code, constraint, …) and its one-transaction-at-a-time behaviour, since the worker's PGlite does the work.
 */
import type { PGliteInterface } from '@electric-sql/pglite';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface TestPglite {
  db: PGliteInterface;
  close(): Promise<void>;
}

const vmModulesEnabled = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)].includes('--experimental-vm-modules');

export async function openTestPglite(): Promise<TestPglite> {
  if (vmModulesEnabled) {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create();
    return { db, close: () => db.close() };
  }
  return openWorkerPglite();
}

type Reply = { rows?: unknown[]; tx?: number; error?: Record<string, unknown> };

async function openWorkerPglite(): Promise<TestPglite> {
  const worker = new Worker(join(__dirname, 'pglite-worker.mjs'));
  const pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  // Id 0 is the worker's message that its PGlite has started (or failed to).
  const started = new Promise<Reply>((resolve, reject) => pending.set(nextId++, { resolve, reject }));
  worker.on('message', (message: Reply & { id?: number }) => {
    const id = message.id ?? 0;
    const call = pending.get(id);
    pending.delete(id);
    if (!message.error) return call?.resolve(message);
    const { message: text, ...fields } = message.error;
    call?.reject(Object.assign(new Error(String(text)), fields));
  });
  worker.on('error', (error) => pending.forEach((call) => call.reject(error)));

  await started;
  const call = (message: Record<string, unknown>) =>
    new Promise<Reply>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  const queryable = (tx?: number) => ({
    query: async (text: string, params?: unknown[]) => ({ rows: (await call({ op: 'query', text, params, tx })).rows ?? [] }),
    exec: async (text: string) => {
      await call({ op: 'exec', text, tx });
      return [];
    },
  });
  const db = {
    ...queryable(),
    async transaction<R>(fn: (tx: ReturnType<typeof queryable>) => Promise<R>): Promise<R> {
      const { tx } = await call({ op: 'begin' });
      let result: R;
      try {
        result = await fn(queryable(tx));
      } catch (error) {
        await call({ op: 'rollback', tx });
        throw error;
      }
      await call({ op: 'commit', tx });
      return result;
    },
  };
  return {
    db: db as unknown as PGliteInterface,
    async close() {
      await call({ op: 'close' });
      await worker.terminate();
    },
  };
}
