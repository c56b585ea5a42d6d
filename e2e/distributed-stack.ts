/**
 * One distributed ELK (`npm run start:distributed`: eleven processes) for the whole jest run instead of one per test
 * file: starting it costs about 20 s of both cores, and each test signs up organisations of its own, so files share
 * it as merchants share production. The e2e project's global setup gives the run a directory; the first test file
 * that needs the stack starts it (a lock directory decides who) and writes where it listens; the others wait for
 * that. The global teardown stops it and drops its database.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

/** Set by the global setup for the test workers: the run directory. */
export const RUN_DIR_ENV = 'ELK_E2E_RUN_DIR';

const ROOT = resolve(__dirname, '..');
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// Below the e2e files' hook timeout (120 s), so that a failed start shows the stack's log rather than a jest timeout.
const READY_WITHIN_MS = 100_000;

// Every test signs up its own merchant from 127.0.0.1: the per-address limits would get in the way.
export const PER_IP_LIMITS_OUT_OF_THE_WAY = {
  loginPerIp: { points: 10_000, durationSeconds: 15 * 60 },
  passwordResetPerIp: { points: 10_000, durationSeconds: 60 * 60 },
  signUpPerIp: { points: 10_000, durationSeconds: 60 * 60 },
  activationPerIp: { points: 10_000, durationSeconds: 60 * 60 },
};

interface StackState {
  pid: number;
  database: string;
  url: string;
}

const paths = (runDir: string) => ({
  lock: join(runDir, 'distributed.lock'),
  state: join(runDir, 'distributed.json'),
  log: join(runDir, 'distributed.log'),
});

/** The URL of the run's distributed ELK, started by whichever test file asks first, once it answers. */
export async function distributedStackUrl(): Promise<string> {
  const runDir = process.env[RUN_DIR_ENV];
  if (!runDir) throw new Error(`${RUN_DIR_ENV} is not set: run the end-to-end tests through jest (npm test), whose e2e global setup sets it`);
  const files = paths(runDir);
  let starter = true;
  try {
    mkdirSync(files.lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    starter = false;
  }
  if (starter) await startStack(files);
  const deadline = Date.now() + READY_WITHIN_MS;
  while (!existsSync(files.state)) {
    if (Date.now() > deadline) throw new Error('the distributed ELK was not started by the test file that took the lock');
    await new Promise((r) => setTimeout(r, 100));
  }
  const state = JSON.parse(readFileSync(files.state, 'utf8')) as StackState;
  await waitUntilReady(state, files.log, deadline);
  return state.url;
}

async function startStack(files: ReturnType<typeof paths>): Promise<void> {
  const database = `elk_e2e_${randomBytes(6).toString('hex')}`;
  const port = await freePort();
  const log = openSync(files.log, 'a');
  // Detached, its output in a file: the stack outlives the worker that happened to start it.
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start-distributed.cjs')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: withDatabase(POSTGRES_URL, database),
      // A test run may be pointed at its own NATS and Redis (TEST_NATS_URL, TEST_REDIS_URL), like the integration tests.
      ...(process.env.TEST_NATS_URL ? { NATS_URL: process.env.TEST_NATS_URL } : {}),
      ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}),
      // Apart from the jest workers' namespaces (test1, test2), in which the integration tests start services.
      ELK_NATS_NAMESPACE: 'e2e',
      PORT: String(port),
      JWT_SECRET: randomBytes(32).toString('hex'),
      ELK_SECRETS_KEY: randomBytes(32).toString('base64'),
      ELK_DEV_OUTBOX: '1',
      // Two instances of each bus service: queue groups share requests, projections share the work.
      ELK_INSTANCES: '2',
      LOGIN_LIMIT_PER_IP: String(PER_IP_LIMITS_OUT_OF_THE_WAY.loginPerIp.points),
      PASSWORD_RESET_LIMIT_PER_IP: String(PER_IP_LIMITS_OUT_OF_THE_WAY.passwordResetPerIp.points),
      SIGN_UP_LIMIT_PER_IP: String(PER_IP_LIMITS_OUT_OF_THE_WAY.signUpPerIp.points),
      ACTIVATION_LIMIT_PER_IP: String(PER_IP_LIMITS_OUT_OF_THE_WAY.activationPerIp.points),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  child.unref();
  const state: StackState = { pid: child.pid!, database, url: `http://127.0.0.1:${port}` };
  writeFileSync(`${files.state}.tmp`, JSON.stringify(state));
  renameSync(`${files.state}.tmp`, files.state);
}

async function waitUntilReady(state: StackState, log: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (!isAlive(state.pid)) throw new Error(`the distributed ELK exited:\n${readFileSync(log, 'utf8')}`);
    try {
      const response = await fetch(`${state.url}/api/ready`);
      // Ready once the gateway answers and a service behind it answers on the bus.
      if (response.ok && (await fetch(`${state.url}/api/v1/dev/sms?limit=1`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the distributed ELK did not become ready in ${READY_WITHIN_MS / 1000} s:\n${readFileSync(log, 'utf8')}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readState(runDir: string): StackState | undefined {
  const { state } = paths(runDir);
  return existsSync(state) ? (JSON.parse(readFileSync(state, 'utf8')) as StackState) : undefined;
}

/** The global teardown: stops the stack (if a test file started one) and drops its database. */
export async function stopDistributedStack(runDir: string): Promise<void> {
  const state = readState(runDir);
  if (!state) return;
  if (isAlive(state.pid)) {
    process.kill(-state.pid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (isAlive(state.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    killStackNow(runDir);
  }
  const client = new Client({ connectionString: withDatabase(POSTGRES_URL, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${state.database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** For a run that ends without its teardown: no stack may stay behind answering on the NATS. */
export function killStackNow(runDir: string): void {
  const state = readState(runDir);
  if (state && isAlive(state.pid)) process.kill(-state.pid, 'SIGKILL');
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
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
