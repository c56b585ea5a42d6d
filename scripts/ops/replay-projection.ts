/**
 * Rebuilds read models from the event log: the projections named, or every one with --all.
 *
 *   npm run ops:replay-projection -- identity.accounts.v2 [organisation.organisations.v1 …] | --all [--embedded [--data-dir ./data]]
 *
 * Distributed by default: PostgreSQL at DATABASE_URL (and NATS at NATS_URL, which the infrastructure connects to).
 * The projections are rebuilt together, from one read of the log, into a new version of their collections while
 * running service instances keep answering from the old one and keep projecting new events into it; once the rebuild
 * has caught up with the log, it takes the place of the old one in one transaction (docs/decisions/0018-versioned-projection-replay.md). With --embedded
 * it works on the embedded data directory, so embedded ELK must be stopped (PGlite belongs to one process).
 * Shows a progress bar (events read, events/s, ETA) on a terminal and a progress line every 2 s otherwise, then the
 * events read and the time taken; exit code 2 on bad input, 1 on any other failure.
 * The npm script gives node semi-spaces of 64 MB (`--max-semi-space-size`, default 16): a page of events being applied
 * stays alive across the young generation's collections, which then copied it again and again (~5 µs of node's CPU
 * an event, decision 0018).
 */
import { SingleBar } from 'cli-progress';
import { catalogProjections } from '@elk/catalog';
import { devicesProjections } from '@elk/devices';
import { rebuildProjections, type RebuildProgress } from '@elk/documents';
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

/** Shows a rebuild's progress: a bar on a terminal, a line every PROGRESS_INTERVAL_MS otherwise. */
function progressReporter(name: string): { update(progress: RebuildProgress): void; stop(): void } {
  const startedAt = Date.now();
  const rate = (events: number) => Math.round(events / Math.max((Date.now() - startedAt) / 1000, 0.001));
  if (process.stdout.isTTY) {
    const bar = new SingleBar({
      format: `${name} [{bar}] {percentage}% | событий: {value}/{total} | {rate} соб/с | осталось: {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
    });
    bar.start(1, 0, { rate: 0 });
    return {
      // The log's positions count its events (a rolled-back append leaves a gap): how far to go, near enough for an ETA.
      update: ({ events, position, lastPosition }) => {
        bar.setTotal(events + Number(lastPosition - position));
        bar.update(events, { rate: rate(events) });
      },
      stop: () => bar.stop(),
    };
  }
  let latest: RebuildProgress = { events: 0, position: 0n, lastPosition: 0n };
  const timer = setInterval(() => {
    const { events, position, lastPosition } = latest;
    const perSecond = rate(events);
    const left = Number(lastPosition - position);
    const eta = perSecond > 0 ? `, осталось ~${Math.ceil(left / perSecond)} с` : '';
    console.log(`${name}: прочитано событий — ${events} из ~${events + left}, ${perSecond} соб/с${eta}`);
  }, PROGRESS_INTERVAL_MS);
  return { update: (progress) => (latest = progress), stop: () => clearInterval(timer) };
}

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
  const progress = progressReporter(selected.length === 1 ? selected[0]!.name : `проекций — ${selected.length}`);
  let events: number;
  try {
    // One read of the log for all of them, which switch together.
    ({ events } = await rebuildProjections(infrastructure.eventStore, infrastructure.documentStore, selected, { onProgress: progress.update }));
  } finally {
    progress.stop();
    await infrastructure.close();
  }
  const seconds = secondsSince(startedAt);
  for (const projection of selected) console.log(`${projection.name}: перестроена, событий — ${events}, ${seconds} с`);
  console.log(`Готово: проекций — ${selected.length}, событий — ${events}, ${seconds} с`);
}

runCommand(main);
