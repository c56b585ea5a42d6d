import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PGliteInterface } from '@electric-sql/pglite';

export interface TestPglite {
  db: PGliteInterface;
  close(): Promise<void>;
}

const vmModulesEnabled = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].includes('--experimental-vm-modules');

/**
 * A PGlite for jest. PGlite loads parts of itself with `import()`, which jest's sandbox refuses unless node
 * runs with --experimental-vm-modules. With the flag this is PGlite itself; without it, a PGlite in a
 * worker thread behind a proxy with the part of the interface the adapters use (query, exec, transaction).
 */
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
  let nextId = 1;
  const started = new Promise<Reply>((resolve, reject) => pending.set(0, { resolve, reject }));
  worker.on('message', (message: Reply & { id: number }) => {
    const call = pending.get(message.id);
    pending.delete(message.id);
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
