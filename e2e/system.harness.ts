/**
 * The whole of ELK for end-to-end tests, in either run mode:
 * - embedded: `startEmbedded` in this process, PGlite in a temporary directory;
 * - distributed: `npm run start:distributed` as child processes (two per bus service) over the loopback
 *   NATS, Redis and a fresh PostgreSQL database dropped afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RegisteredRoute } from '@elk/gateway';
import { Client } from 'pg';
import pino from 'pino';
import { startEmbedded } from '../scripts/run/embedded';
import { TEST_NATS_NAMESPACE, uniquePhone } from '@elk/testing';

export type RunMode = 'embedded' | 'distributed';

export interface RunningSystem {
  mode: RunMode;
  url: string;
  /** Embedded only: the routes the gateway registered. */
  routes?: readonly RegisteredRoute[];
  close(): Promise<void>;
}

const ROOT = resolve(__dirname, '..');
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// Every test signs up its own merchant from 127.0.0.1: the per-address limits would get in the way.
const PER_IP_LIMITS_OUT_OF_THE_WAY = {
  loginPerIp: { points: 10_000, durationSeconds: 15 * 60 },
  passwordResetPerIp: { points: 10_000, durationSeconds: 60 * 60 },
  signUpPerIp: { points: 10_000, durationSeconds: 60 * 60 },
};

export function startSystem(mode: RunMode): Promise<RunningSystem> {
  return mode === 'embedded' ? startEmbeddedSystem() : startDistributedSystem();
}

async function startEmbeddedSystem(): Promise<RunningSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'elk-e2e-'));
  const elk = await startEmbedded({ dataDir, port: 0, logger: pino({ level: 'warn' }), seedDemo: false, throttle: PER_IP_LIMITS_OUT_OF_THE_WAY });
  return {
    mode: 'embedded',
    url: elk.url,
    routes: elk.routes,
    close: async () => {
      await elk.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startDistributedSystem(): Promise<RunningSystem> {
  const database = `elk_e2e_${randomBytes(6).toString('hex')}`;
  const databaseUrl = withDatabase(POSTGRES_URL, database);
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start-distributed.cjs')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      // A test run may be pointed at its own NATS and Redis (TEST_NATS_URL, TEST_REDIS_URL), like the integration tests.
      ...(process.env.TEST_NATS_URL ? { NATS_URL: process.env.TEST_NATS_URL } : {}),
      ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}),
      // Subjects and event stream of this jest worker's own: another worker may run a whole system at the same time.
      ELK_NATS_NAMESPACE: TEST_NATS_NAMESPACE,
      PORT: String(port),
      JWT_SECRET: randomBytes(32).toString('hex'),
      ELK_SECRETS_KEY: randomBytes(32).toString('base64'),
      ELK_DEV_OUTBOX: '1',
      // Two instances of each bus service: queue groups share requests, projections share the work.
      ELK_INSTANCES: '2',
      LOGIN_LIMIT_PER_IP: String(PER_IP_LIMITS_OUT_OF_THE_WAY.loginPerIp.points),
      PASSWORD_RESET_LIMIT_PER_IP: String(PER_IP_LIMITS_OUT_OF_THE_WAY.passwordResetPerIp.points),
      SIGN_UP_LIMIT_PER_IP: String(PER_IP_LIMITS_OUT_OF_THE_WAY.signUpPerIp.points),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // A test run killed or ended without close() must not leave a stack answering on the shared NATS.
  const killOnExit = () => child.pid && child.exitCode === null && process.kill(-child.pid, 'SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(url, child, () => output);
  } catch (error) {
    await stopProcessGroup(child);
    await dropDatabase(database);
    throw error;
  }
  return {
    mode: 'distributed',
    url,
    close: async () => {
      process.off('exit', killOnExit);
      await stopProcessGroup(child);
      await dropDatabase(database);
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`ELK exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/ready`);
      // Ready once the gateway answers and a service behind it answers on the bus.
      if (response.ok && (await fetch(`${url}/api/v1/dev/sms?limit=1`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`ELK did not become ready in 60 s:\n${output()}`);
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function dropDatabase(database: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(POSTGRES_URL, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** A TCP port nothing on the loopback listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A mobile number and an email no other test run uses. */
export function uniqueContact(): { phone: string; email: string } {
  const phone = uniquePhone();
  return { phone, email: `owner-${phone.slice(3)}-${randomBytes(2).toString('hex')}@example.ru` };
}

/**
 * The 6-digit code of the newest SMS to `phone` in the dev outbox. Identity sends reset codes in the
 * background (so the answer takes the same time for unknown phones): like a person, wait for the SMS.
 */
export async function waitForSmsCode(url: string, phone: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const outbox = (await (await fetch(`${url}/api/v1/dev/sms?to=${encodeURIComponent(phone)}`)).json()) as { items: Array<{ text: string }> };
    const newest = outbox.items[0];
    if (newest) return /\d{6}/.exec(newest.text)![0];
    if (Date.now() > deadline) throw new Error(`no SMS to ${phone} in the dev outbox`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
