import { spawn } from 'node:child_process';
import path from 'node:path';
import { TEST_NATS_NAMESPACE } from '@elk/testing';
import { Pool } from 'pg';
import { TEST_DATABASE_URL } from './document-stores';

const ROOT = path.resolve(__dirname, '../../..');

interface Run {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts main.ts the way scripts/run/service.cjs does, waits until `ready(stdout)` (then sends SIGTERM)
 * or until the process exits by itself.
 */
function runService(env: NodeJS.ProcessEnv, ready: (stdout: string) => boolean = () => false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/run/service.cjs'), 'notifications'], {
      cwd: ROOT,
      // Only what the service needs, so a developer's own TWILIO_* cannot leak into the test.
      env: { PATH: process.env.PATH, ...(process.env.NATS_URL ? { NATS_URL: process.env.NATS_URL } : {}), DATABASE_URL: TEST_DATABASE_URL, ELK_NATS_NAMESPACE: TEST_NATS_NAMESPACE, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: Run = { exitCode: null, stdout: '', stderr: '' };
    let signalled = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      run.stdout += chunk.toString('utf8');
      if (!signalled && ready(run.stdout)) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ ...run, exitCode: code });
    });
  });
}

describe('notifications main (distributed mode)', () => {
  afterAll(async () => {
    const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
    await pool.query('DROP SCHEMA IF EXISTS elk_documents CASCADE; DROP SCHEMA IF EXISTS elk_events CASCADE');
    await pool.end();
  });

  it('starts on NATS and PostgreSQL with the dev outbox when asked, and stops cleanly on SIGTERM', async () => {
    const run = await runService({ ELK_DEV_OUTBOX: '1' }, (stdout) => stdout.includes('notifications service started'));

    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('"smsChannel":"dev-outbox"');
    expect(run.stdout).toContain('notifications service stopping');
    expect(run.exitCode).toBe(0);
  }, 30_000);

  it('refuses to start with half a Twilio setup, naming the missing variables', async () => {
    const run = await runService({ TWILIO_ACCOUNT_SID: `AC${'0f'.repeat(16)}` });

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('TWILIO_AUTH_TOKEN: Twilio настроен не полностью');
    expect(run.stderr).toContain('TWILIO_FROM: Twilio настроен не полностью');
  }, 30_000);
});
