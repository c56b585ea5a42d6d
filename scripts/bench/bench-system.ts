/**
 * ELK for a benchmark run outside jest: embedded in this process (so the bench can read the whole system's CPU time
 * from its own), or distributed as the e2e tests start it (shared-stacks.ts) in a run directory of the bench's own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { PER_IP_LIMITS_OUT_OF_THE_WAY, RUN_DIR_ENV, stopSharedSystems } from '../../e2e/shared-stacks';
import { startSystem, type RunMode } from '../../e2e/system.harness';
import { startEmbedded } from '../run/embedded';

export interface BenchSystem {
  url: string;
  close(): Promise<void>;
}

export async function startBenchSystem(mode: RunMode): Promise<BenchSystem> {
  const runDir = mkdtempSync(join(tmpdir(), 'elk-bench-'));
  const removeRunDir = () => rmSync(runDir, { recursive: true, force: true });
  if (mode === 'embedded') {
    const elk = await startEmbedded({ dataDir: runDir, port: 0, logger: pino({ level: 'warn' }), seedDemo: false, throttle: PER_IP_LIMITS_OUT_OF_THE_WAY });
    return {
      url: elk.url,
      close: async () => {
        await elk.close();
        removeRunDir();
      },
    };
  }
  process.env[RUN_DIR_ENV] = runDir;
  const { url } = await startSystem(mode);
  return {
    url,
    close: async () => {
      await stopSharedSystems(runDir);
      removeRunDir();
    },
  };
}
