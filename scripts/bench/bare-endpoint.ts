/**
 * bench:ingest's bare endpoint: the least a sale push must do, as its own process (like the gateway). A plain Fastify
 * route, `POST /events`, checks the body against the terminals' contract (zod, PushSaleEventsRequest; a 400 otherwise),
 * INSERTs its events into the scratch table in one statement with a pool of POOL_SIZE connections, and answers each
 * event accepted in the push's answer shape. No sessions, no decisions, no chain, no journal.
 *
 *   node -r ./scripts/run/register-typescript.cjs scripts/bench/bare-endpoint.ts <database url> <table>
 *
 * prints `listening <url>` once it listens on a free loopback port; SIGTERM stops it.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { PushSaleEventsRequest, type PushSaleEventsResponse } from '@elk/contracts';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { insertEventsSql } from './scratch-events';

export const POOL_SIZE = 16;

export interface BareEndpoint {
  /** Where to POST pushes. */
  url: string;
  pid: number;
  close(): Promise<void>;
}

/** Starts the bare endpoint as a child process writing into `table` of `databaseUrl`. */
export async function startBareEndpoint(databaseUrl: string, table: string): Promise<BareEndpoint> {
  const root = join(__dirname, '..', '..');
  const child = spawn(process.execPath, ['-r', join(root, 'scripts/run/register-typescript.cjs'), __filename, databaseUrl, table], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('listening ')) resolve(line.slice('listening '.length));
    });
    child.once('exit', (code) => reject(new Error(`the bare endpoint exited (${code}) before listening`)));
  });
  return {
    url: `${url}/events`,
    pid: child.pid!,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function serve(databaseUrl: string, table: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: POOL_SIZE });
  const app = Fastify();
  app.post('/events', async (request, reply) => {
    const parsed = PushSaleEventsRequest.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ errors: parsed.error.issues.map(({ path, message }) => ({ path: path.join('.'), message })) });
    const { events } = parsed.data;
    const { text, values } = insertEventsSql(table, events);
    await pool.query(text, values);
    return { results: events.map(({ eventId }) => ({ eventId, outcome: 'accepted', reason: null, code: null, saleStatus: null })), chainHead: null } satisfies PushSaleEventsResponse;
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`listening ${address}\n`);
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0));
  });
}

if (require.main === module) {
  const [databaseUrl, table] = process.argv.slice(2);
  if (!databaseUrl || !table) throw new Error('usage: bare-endpoint.ts <database url> <table>');
  serve(databaseUrl, table).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
