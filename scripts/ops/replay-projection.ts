/**
 * Rebuilds read models from the event log: the projections named, or every one with --all.
 *
 *   npm run ops:replay-projection -- identity.accounts.v2 [organisation.organisations.v1 …] | --all [--embedded [--data-dir ./data]]
 *
 * Distributed by default: PostgreSQL at DATABASE_URL (and NATS at NATS_URL, which the infrastructure connects to).
 * Running service instances may stay up: they follow the reset checkpoint and take turns with this process batch by
 * batch, so no event is applied twice (their queries see the read model fill up again meanwhile). With --embedded
 * it works on the embedded data directory, so embedded ELK must be stopped (PGlite belongs to one process).
 * Prints progress, then the events read and the time taken; exit code 2 on bad input, 1 on any other failure.
 */
import { catalogProjections } from '@elk/catalog';
import { devicesProjections } from '@elk/devices';
import { startProjections } from '@elk/documents';
import { identityProjections } from '@elk/identity';
import { organisationProjections } from '@elk/organisation';
import { salesJournalProjections } from '@elk/sales-journal';
import { createInfrastructure } from '@elk/service-kit';
import { CommandFailure, TARGET_OPTIONS, opsLogger, parseCommandLine, runCommand, targetOf } from './ops-command';

const PROJECTIONS = [...identityProjections, ...organisationProjections, ...catalogProjections, ...devicesProjections, ...salesJournalProjections];
const PROGRESS_INTERVAL_MS = 2_000;

const USAGE = [
  'Использование: replay-projection <проекция> [<проекция> …] | --all [--embedded [--data-dir <каталог>]]',
  `Проекции: ${PROJECTIONS.map((projection) => projection.name).join(', ')}`,
].join('\n');

const secondsSince = (startedAt: number) => ((Date.now() - startedAt) / 1000).toFixed(1);

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine({ options: { all: { type: 'boolean' }, ...TARGET_OPTIONS }, allowPositionals: true }, USAGE);
  const unknown = positionals.filter((name) => !PROJECTIONS.some((projection) => projection.name === name));
  if (unknown.length > 0) throw new CommandFailure(2, `Неизвестная проекция: ${unknown.join(', ')}`, USAGE);
  if (Boolean(values.all) === positionals.length > 0) throw new CommandFailure(2, 'Назовите проекции или укажите --all, одно из двух', USAGE);
  const selected = values.all ? PROJECTIONS : PROJECTIONS.filter((projection) => positionals.includes(projection.name));
  const target = targetOf(values, { mustExist: true });

  const logger = opsLogger();
  const infrastructure = await createInfrastructure(
    target.mode === 'embedded' ? { mode: 'embedded', dataDir: target.dataDir, logger } : { ...target, serviceName: 'elk-ops', logger },
  );
  const startedAt = Date.now();
  let total = 0;
  try {
    let rebuilding = '';
    let read = 0;
    const runner = await startProjections(infrastructure.eventStore, infrastructure.documentStore, selected, {
      onBatch: (name, events) => {
        if (name === rebuilding) read += events;
      },
    });
    try {
      for (const { name } of selected) {
        rebuilding = name;
        read = 0;
        const projectionStartedAt = Date.now();
        const progress = setInterval(() => console.log(`${name}: прочитано событий — ${read}, ${secondsSince(projectionStartedAt)} с`), PROGRESS_INTERVAL_MS);
        try {
          await runner.rebuild(name);
        } finally {
          clearInterval(progress);
        }
        console.log(`${name}: перестроена, событий — ${read}, ${secondsSince(projectionStartedAt)} с`);
        total += read;
      }
    } finally {
      await runner.stop();
    }
  } finally {
    await infrastructure.close();
  }
  console.log(`Готово: проекций — ${selected.length}, событий — ${total}, ${secondsSince(startedAt)} с`);
}

runCommand(main);
