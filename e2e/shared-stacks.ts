/**
 * The ELK systems the end-to-end tests run against, shared instead of started per test file: each test signs up
 * organisations of its own, so files share a system as merchants share production.
 * - distributed: `npm run start:distributed` (one process per service) over the loopback NATS, Redis and a fresh
 *   PostgreSQL database, one for the whole jest run: each start costs seconds of both cores;
 * - embedded: e2e/embedded-stack.main.ts (`startEmbedded`, PGlite in the run directory), one per jest worker, so the
 *   workers still have a system each to load: starting one inside every file cost ~8.5 s of CPU a file (jest loads
 *   the whole server afresh into each file's module registry, then it starts).
 * The e2e project's global setup gives the run a directory; the first test file that needs a system starts it as a
 * detached child (a lock directory decides who) and writes where it listens; the others wait until it answers. The
 * global teardown stops every system started and drops the distributed one's database.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { RegisteredRoute } from '@elk/gateway';
import { uniquePhone } from '@elk/testing';
import { isRunning, OWNER_PID_ENV } from '../scripts/run/owner-process';
import { Client } from 'pg';

/** Set by the global setup for the test workers: the run directory. */
export const RUN_DIR_ENV = 'ELK_E2E_RUN_DIR';

const ROOT = resolve(__dirname, '..');
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// Below the e2e files' hook timeout (120 s), so that a failed start shows the system's log rather than a jest timeout.
const READY_WITHIN_MS = 100_000;

// Every test signs up its own merchant from 127.0.0.1: the per-address limits would get in the way.
export const PER_IP_LIMITS_OUT_OF_THE_WAY = {
  loginPerIp: { points: 10_000, durationSeconds: 15 * 60 },
  passwordResetPerIp: { points: 10_000, durationSeconds: 60 * 60 },
  signUpPerIp: { points: 10_000, durationSeconds: 60 * 60 },
  activationPerIp: { points: 10_000, durationSeconds: 60 * 60 },
};

/** The same limits as the gateway's environment variables, for a system in a child process. */
const PER_IP_LIMITS_ENV = {
  LOGIN_LIMIT_PER_IP: String(PER_IP_LIMITS_OUT_OF_THE_WAY.loginPerIp.points),
  PASSWORD_RESET_LIMIT_PER_IP: String(PER_IP_LIMITS_OUT_OF_THE_WAY.passwordResetPerIp.points),
  SIGN_UP_LIMIT_PER_IP: String(PER_IP_LIMITS_OUT_OF_THE_WAY.signUpPerIp.points),
  ACTIVATION_LIMIT_PER_IP: String(PER_IP_LIMITS_OUT_OF_THE_WAY.activationPerIp.points),
};

/** A test run's cheap argon2id cost (jest.config.js) goes to the systems it starts; a benchmark's systems keep OWASP's. */
const TEST_SECRET_HASH_COST = process.env.ELK_SECRET_HASH_COST ? { ELK_SECRET_HASH_COST: process.env.ELK_SECRET_HASH_COST, NODE_ENV: process.env.NODE_ENV ?? '' } : {};
/** A test run's PostgreSQL session options (jest.config.js: commits without waiting for the flush) go with them too. */
const TEST_POSTGRES_OPTIONS = process.env.PGOPTIONS ? { PGOPTIONS: process.env.PGOPTIONS } : {};

interface StackState {
  pid: number;
  url: string;
  /** The distributed system's PostgreSQL database, dropped at the end. */
  database?: string;
}

export interface SharedSystem {
  url: string;
  /** Embedded only: the routes the gateway registered. */
  routes?: readonly RegisteredRoute[];
}

const STATE_SUFFIX = '.json';

const paths = (runDir: string, name: string) => ({
  lock: join(runDir, `${name}.lock`),
  state: join(runDir, `${name}${STATE_SUFFIX}`),
  log: join(runDir, `${name}.log`),
  /** Written by an embedded system once it listens: its registered routes. */
  routes: join(runDir, `${name}.routes`),
  data: join(runDir, `${name}-data`),
});
type StackFiles = ReturnType<typeof paths>;

function runDirectory(): string {
  const runDir = process.env[RUN_DIR_ENV];
  if (!runDir) throw new Error(`${RUN_DIR_ENV} is not set: run the end-to-end tests through jest (npm test), whose e2e global setup sets it`);
  return runDir;
}

/** The run's distributed ELK, started by whichever test file asks first, once it answers. */
export async function sharedDistributedSystem(): Promise<SharedSystem> {
  const { url } = await distributedSystemIn(runDirectory());
  return { url };
}

export interface DistributedOptions {
  /** ELK_NATS_NAMESPACE: `e2e` unless a system must run beside the test run's on the same NATS. */
  natsNamespace?: string;
  /** A service that exits is started again instead of stopping the others (start-distributed's ELK_RESTART_SERVICES). */
  restartServices?: boolean;
  /** More environment for every process of the system (a benchmark's NODE_OPTIONS, say). */
  environment?: Record<string, string>;
}

/**
 * The distributed ELK of `runDir` (started there if no one did), once it answers: the test run's, or a system of its
 * own (a benchmark's). `pid` is its `start-distributed` process; stopSharedSystems(runDir) stops it.
 */
export async function distributedSystemIn(runDir: string, options: DistributedOptions = {}): Promise<SharedSystem & { pid: number; databaseUrl: string; logFile: string }> {
  const files = paths(runDir, 'distributed');
  const state = await startedOnce(files, () => startDistributed(files, options));
  await waitUntil(state, files, async () => {
    const response = await fetch(`${state.url}/api/ready`);
    // Ready once the gateway answers and the services behind it answer a test's first step, a sign-up: on a loaded
    // machine identity and organisation were still starting after notifications answered, and sign-ups got 503.
    return response.ok && (await fetch(`${state.url}/api/v1/dev/sms?limit=1`)).ok && (await signsUp(state.url));
  });
  return { url: state.url, pid: state.pid, databaseUrl: withDatabase(POSTGRES_URL, state.database!), logFile: files.log };
}

/** Whether `url` signs up a merchant of its own (201). */
async function signsUp(url: string): Promise<boolean> {
  const phone = uniquePhone();
  const response = await fetch(`${url}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organisationName: 'Проверка готовности', fullName: 'Проверка Готовности', phone, email: `ready-${phone.slice(2)}@example.ru`, password: 'Secret123' }),
  });
  return response.status === 201;
}

/** This jest worker's embedded ELK, started by the worker's first test file that asks, once it listens. */
export async function sharedEmbeddedSystem(): Promise<SharedSystem> {
  const files = paths(runDirectory(), `embedded-${process.env.JEST_WORKER_ID ?? '1'}`);
  const state = await startedOnce(files, () => startEmbeddedChild(files));
  await waitUntil(state, files, async () => existsSync(files.routes));
  return { url: state.url, routes: JSON.parse(readFileSync(files.routes, 'utf8')) as RegisteredRoute[] };
}

/** The state of the system behind `files`: started here if no one took the lock before. */
async function startedOnce(files: StackFiles, start: () => Promise<StackState>): Promise<StackState> {
  let starter = true;
  try {
    mkdirSync(files.lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    starter = false;
  }
  if (starter) {
    const state = await start();
    writeFileSync(`${files.state}.tmp`, JSON.stringify(state));
    renameSync(`${files.state}.tmp`, files.state);
  }
  const deadline = Date.now() + READY_WITHIN_MS;
  while (!existsSync(files.state)) {
    if (Date.now() > deadline) throw new Error(`${files.state} was not written by the test file that took the lock`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return JSON.parse(readFileSync(files.state, 'utf8')) as StackState;
}

/** Starts `script` detached, its output in the log: the system outlives the worker that happened to start it. */
async function spawnSystem(files: StackFiles, args: string[], env: Record<string, string>): Promise<StackState> {
  const port = await freePort();
  const log = openSync(files.log, 'a');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      // It stops when the test run (the global setup's process) or the benchmark that started it is gone.
      [OWNER_PID_ENV]: process.env[OWNER_PID_ENV] ?? String(process.pid),
      ...PER_IP_LIMITS_ENV,
      LOG_LEVEL: 'warn',
      ...TEST_SECRET_HASH_COST,
      ...TEST_POSTGRES_OPTIONS,
      ...env,
    },
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  child.unref();
  return { pid: child.pid!, url: `http://127.0.0.1:${port}` };
}

async function startDistributed(files: StackFiles, options: DistributedOptions): Promise<StackState> {
  const database = `elk_e2e_${randomBytes(6).toString('hex')}`;
  const state = await spawnSystem(files, [join(ROOT, 'scripts/start-distributed.cjs')], {
    DATABASE_URL: withDatabase(POSTGRES_URL, database),
    // A test run may be pointed at its own NATS and Redis (TEST_NATS_URL, TEST_REDIS_URL), like the integration tests.
    ...(process.env.TEST_NATS_URL ? { NATS_URL: process.env.TEST_NATS_URL } : {}),
    ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}),
    // Apart from the jest workers' namespaces (test1, test2), in which the integration tests start services.
    ELK_NATS_NAMESPACE: options.natsNamespace ?? 'e2e',
    ...(options.restartServices ? { ELK_RESTART_SERVICES: '1' } : {}),
    ...options.environment,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ELK_SECRETS_KEY: randomBytes(32).toString('base64'),
    ELK_DEV_OUTBOX: '1',
    // A command waits until its read models have it. Another test file's or program's transaction of a few seconds
    // anywhere on the server stalled sign-ups past the default 5 s into 503s while the log's horizon was the server's
    // (decision 0003, 2026-12-07, noon); it is the database's now (decision 0001), and the margin stays for a loaded
    // machine.
    ELK_REQUEST_TIMEOUT_MS: '20000',
    // One instance of each bus service. Several instances sharing requests, durables, the relay and projections are
    // proven where they can be watched: the bus contract suite (queue groups, a shared durable), event-relay.int and
    // projection-runner-instances.int. Two of each here cost six more processes, all woken by every append, for every
    // e2e file of the run.
  });
  return { ...state, database };
}

function startEmbeddedChild(files: StackFiles): Promise<StackState> {
  return spawnSystem(files, ['-r', join(ROOT, 'scripts/run/register-typescript.cjs'), join(__dirname, 'embedded-stack.main.ts')], {
    ELK_DATA_DIR: files.data,
    ELK_ROUTES_FILE: files.routes,
  });
}

async function waitUntil(state: StackState, files: StackFiles, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (!isRunning(state.pid)) throw new Error(`the ELK of ${files.log} exited:\n${readFileSync(files.log, 'utf8')}`);
    try {
      if (await ready()) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the ELK of ${files.log} did not become ready in ${READY_WITHIN_MS / 1000} s:\n${readFileSync(files.log, 'utf8')}`);
}

function startedStates(runDir: string): StackState[] {
  return readdirSync(runDir)
    .filter((name) => name.endsWith(STATE_SUFFIX))
    .map((name) => JSON.parse(readFileSync(join(runDir, name), 'utf8')) as StackState);
}

/** The global teardown: stops every system a test file started and drops the distributed one's database. */
export async function stopSharedSystems(runDir: string): Promise<void> {
  const states = startedStates(runDir);
  for (const { pid } of states) if (isRunning(pid)) process.kill(-pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (states.some(({ pid }) => isRunning(pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  killSystemsNow(runDir);
  for (const { database } of states.filter((state) => state.database)) {
    const client = new Client({ connectionString: withDatabase(POSTGRES_URL, 'postgres') });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
}

/** For a run that ends without its teardown: no system may stay behind answering on the NATS. */
export function killSystemsNow(runDir: string): void {
  if (!existsSync(runDir)) return;
  for (const { pid } of startedStates(runDir)) if (isRunning(pid)) process.kill(-pid, 'SIGKILL');
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
