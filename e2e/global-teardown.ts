import { rmSync } from 'node:fs';
import { RUN_DIR_ENV, stopDistributedStack } from './distributed-stack';

export default async function globalTeardown(): Promise<void> {
  const runDir = process.env[RUN_DIR_ENV];
  if (!runDir) return;
  await stopDistributedStack(runDir);
  rmSync(runDir, { recursive: true, force: true });
}
