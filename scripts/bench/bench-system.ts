/**
 * ELK for a benchmark run outside jest: embedded in this process (so the bench can read the whole system's CPU time
 * from its own), or distributed as the e2e tests start it (shared-stacks.ts) in a run directory of the bench's own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { PER_IP_LIMITS_OUT_OF_THE_WAY, distributedSystemIn, stopSharedSystems, type DistributedOptions } from '../../e2e/shared-stacks';
import type { RunMode } from '../../e2e/system.harness';
import { startEmbedded } from '../run/embedded';
import { commandOf, processTree } from './proc';

export interface BenchSystem {
  url: string;
  /** The system's processes: embedded, this one; distributed, each service's (`sales-journal#2`) and their parent's. */
  processes(): Array<{ name: string; pid: number }>;
  /** Distributed only: the system's PostgreSQL database (its events and read models). */
  databaseUrl?: string;
  /** Distributed only: the system's output (removed with the run directory on close). */
  logFile?: string;
  close(): Promise<void>;
}

/** A distributed system's processes under `npm run start:distributed` (pid `root`), named by service and instance. */
function distributedProcesses(root: number): Array<{ name: string; pid: number }> {
  const seen = new Map<string, number>();
  return processTree(root).flatMap((pid) => {
    const command = commandOf(pid);
    if (command === null) return [];
    const service = /service\.cjs (\S+)/.exec(command)?.[1];
    if (!service) return [{ name: pid === root ? 'start-distributed' : command, pid }];
    const instance = (seen.get(service) ?? 0) + 1;
    seen.set(service, instance);
    return [{ name: `${service}#${instance}`, pid }];
  });
}

/** `options` (distributed only): its own NATS namespace, services restarted when they exit (bench:ingest --chaos). */
export async function startBenchSystem(mode: RunMode, options: DistributedOptions = {}): Promise<BenchSystem> {
  const runDir = mkdtempSync(join(tmpdir(), 'elk-bench-'));
  const removeRunDir = () => rmSync(runDir, { recursive: true, force: true });
  if (mode === 'embedded') {
    const elk = await startEmbedded({ dataDir: runDir, port: 0, logger: pino({ level: 'warn' }), seedDemo: false, throttle: PER_IP_LIMITS_OUT_OF_THE_WAY });
    return {
      url: elk.url,
      processes: () => [{ name: 'embedded ELK (and the bench)', pid: process.pid }],
      close: async () => {
        await elk.close();
        removeRunDir();
      },
    };
  }
  const { url, pid, databaseUrl, logFile } = await distributedSystemIn(runDir, options);
  return {
    url,
    databaseUrl,
    logFile,
    processes: () => distributedProcesses(pid),
    close: async () => {
      await stopSharedSystems(runDir);
      removeRunDir();
    },
  };
}
