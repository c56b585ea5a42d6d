#!/usr/bin/env node
// `npm run start:distributed`: every service its own process over NATS, PostgreSQL and Redis (URLs
// from env; defaults are the loopback services). ELK_INSTANCES=2 runs two of each bus service to show
// that queue groups share the load. Ctrl+C stops them all. A service that exits stops the others, unless
// ELK_RESTART_SERVICES=1: then it is started again with the same command, as a supervisor (k8s) would
// (`bench:ingest --chaos` kills sales-journal with SIGKILL and counts what survives).
const { spawn } = require('node:child_process');
const path = require('node:path');

const instances = Number(process.env.ELK_INSTANCES ?? 1);
const restartServices = process.env.ELK_RESTART_SERVICES === '1';
// Without JWT_SECRET / ELK_SECRETS_KEY in the environment, random keys are made on first start and kept in the
// data directory (ELK_DATA_DIR or data/), as `npm start` does: the services refuse the examples in k8s/.
require('./run/register-typescript.cjs');
const { defaultDataDir, jwtSecretIn, secretsKeyIn } = require('./run/data-dir.ts');
const { stopWhenOwnerGone } = require('./run/owner-process.ts');
const dataDir = defaultDataDir();
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/elk',
  NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  JWT_SECRET: process.env.JWT_SECRET ?? jwtSecretIn(dataDir),
  ELK_SECRETS_KEY: process.env.ELK_SECRETS_KEY ?? secretsKeyIn(dataDir),
};

// The database is created on first start (the services create their own schemas in it).
async function ensureDatabase(url) {
  const { Client } = require('pg');
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

const plan = [
  ...['identity', 'organisation', 'catalog', 'devices', 'sales-journal', 'notifications'].flatMap((name) => Array.from({ length: instances }, (_, i) => [name, i + 1])),
  ['gateway', 1],
];
let children = [];
ensureDatabase(env.DATABASE_URL).then(
  () => (children = plan.map(startService)),
  (error) => {
    console.error(`Cannot reach PostgreSQL at ${env.DATABASE_URL}: ${error.message}`);
    process.exit(1);
  },
);

function startService([name, n], index) {
  const child = spawn(process.execPath, [path.join(__dirname, 'run/service.cjs'), name], { env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    if (restartServices) {
      console.error(`${name}#${n} exited (${signal ?? code}); starting it again`);
      children[index] = startService([name, n], index);
      return;
    }
    console.error(`${name}#${n} exited (${signal ?? code}); stopping the others`);
    stop(1);
  });
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 5000).unref();
  Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve() : c.on('exit', resolve))))).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
// Started for a test run or a benchmark: stop with it, however it ended.
stopWhenOwnerGone(() => stop(0));
