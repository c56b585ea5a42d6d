/**
 * The e2e project's global setup (jest runs it only when an e2e file is selected): a directory for this run, and
 * the PGlite template the embedded systems start from (startEmbedded copies it for each new data directory).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePgliteTemplate } from '@elk/testing';
import { OWNER_PID_ENV } from '../scripts/run/owner-process';
import { killSystemsNow, RUN_DIR_ENV } from './shared-stacks';

export default async function globalSetup(): Promise<void> {
  await ensurePgliteTemplate();
  const runDir = mkdtempSync(join(tmpdir(), 'elk-e2e-run-'));
  // The test workers start after this and inherit it.
  process.env[RUN_DIR_ENV] = runDir;
  // The systems the workers start stop with this process, also when it is killed before the teardown.
  process.env[OWNER_PID_ENV] = String(process.pid);
  process.once('exit', () => killSystemsNow(runDir));
}
