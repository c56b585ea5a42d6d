/**
 * Walks the event log and checks the sales journal's hash chains (decision 0016): every workplace's sale events, from
 * the first, each linked to the one before and hashing to its link, up to the head its register recorded.
 *
 *   npm run ops:verify-journal [-- --organisation <id>] [--embedded [--data-dir ./data]]
 *
 * Prints how many sale events and workplaces it checked. A broken chain is named on stderr — the workplace, the first
 * event that does not hold and its sale — with exit code 1; bad input exits with 2.
 */
import { checkpointOf, type GlobalCheckpoint } from '@elk/eventstore';
import { SaleChainWalk } from '@elk/sales-journal';
import { createInfrastructure } from '@elk/service-kit';
import { z } from 'zod';
import { CommandFailure, TARGET_OPTIONS, opsLogger, parseCommandLine, runCommand, targetOf } from './ops-command';

const USAGE = 'Использование: verify-journal [--organisation <идентификатор>] [--embedded [--data-dir <каталог>]]';
const BATCH = 1000;

async function main(): Promise<void> {
  const { values } = parseCommandLine({ options: { organisation: { type: 'string' }, ...TARGET_OPTIONS } }, USAGE);
  const organisation = values.organisation === undefined ? null : z.uuid().safeParse(values.organisation);
  if (organisation && !organisation.success) throw new CommandFailure(2, '--organisation: идентификатор организации — UUID', USAGE);
  const target = targetOf(values, { mustExist: true });

  const logger = opsLogger();
  const infrastructure = await createInfrastructure(
    target.mode === 'embedded' ? { mode: 'embedded', dataDir: target.dataDir, logger } : { ...target, serviceName: 'elk-ops', logger },
  );
  const walk = new SaleChainWalk(organisation?.data ?? null);
  try {
    let after: GlobalCheckpoint | undefined;
    for (;;) {
      const events = await infrastructure.eventStore.readAll({ ...(after ? { after } : {}), maxCount: BATCH });
      for (const event of events) walk.take(event);
      if (events.length < BATCH) break;
      after = checkpointOf(events.at(-1)!);
    }
  } finally {
    await infrastructure.close();
  }
  const { events, workplaces, breaks } = walk.finish();
  console.log(`Проверено событий продаж — ${events}, рабочих мест — ${workplaces}`);
  if (breaks.length > 0) {
    throw new CommandFailure(
      1,
      ...breaks.map(({ workplaceId, eventId, saleId, reason }) => `Цепочка рабочего места ${workplaceId} нарушена на событии ${eventId}${saleId ? ` (продажа ${saleId})` : ''}: ${reason}`),
    );
  }
  console.log('Цепочки целы');
}

runCommand(main);
