import { rmSync } from 'node:fs';
import { RUN_DIR_ENV, stopSharedSystems } from './shared-stacks';

export default async function globalTeardown(): Promise<void> {
  const runDir = process.env[RUN_DIR_ENV];
  if (!runDir) return;
  await stopSharedSystems(runDir);
  rmSync(runDir, { recursive: true, force: true });
}
