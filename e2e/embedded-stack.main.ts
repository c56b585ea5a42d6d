/**
 * A jest worker's embedded ELK (see shared-stacks.ts), in a process of its own: `startEmbedded` on ELK_DATA_DIR and
 * PORT, without the demo merchant and with the per-address limits out of the way. Once it listens, it writes the
 * routes its gateway registered to ELK_ROUTES_FILE (the role matrix checks them), which also tells it is ready.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { createLogger, stopOnSignals } from '@elk/service-kit';
import { startEmbedded } from '../scripts/run/embedded';
import { stopWhenOwnerGone } from '../scripts/run/owner-process';
import { PER_IP_LIMITS_OUT_OF_THE_WAY } from './shared-stacks';

async function main(): Promise<void> {
  const logger = createLogger('e2e-embedded', 'warn');
  const elk = await startEmbedded({ dataDir: process.env.ELK_DATA_DIR!, port: Number(process.env.PORT), logger, seedDemo: false, throttle: PER_IP_LIMITS_OUT_OF_THE_WAY, onDatabaseLost: () => process.exit(1) });
  stopOnSignals(logger, 'e2e-embedded', () => elk.close());
  stopWhenOwnerGone(() => process.kill(process.pid, 'SIGTERM'));
  const routesFile = process.env.ELK_ROUTES_FILE!;
  writeFileSync(`${routesFile}.tmp`, JSON.stringify(elk.routes));
  renameSync(`${routesFile}.tmp`, routesFile);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
