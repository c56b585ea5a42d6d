/** What the ops commands share: where they work (distributed or an embedded data directory) and how they end. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { natsNamespaceFromEnv } from '@elk/messaging';
import { createLogger, loadConfig, type Logger } from '@elk/service-kit';
import { z } from 'zod';
import { defaultDataDir } from '../run/data-dir';

/** The options every ops command takes, for `parseArgs`. */
export const TARGET_OPTIONS = {
  embedded: { type: 'boolean' },
  'data-dir': { type: 'string' },
} as const;

/** `parseArgs`, strict, with a Russian refusal that shows `usage`. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const culprit = /'([^']+)'/.exec(message)?.[1] ?? '';
    const problem =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `Неизвестный параметр ${culprit}` : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' ? `Лишний аргумент ${culprit}` : `Неверное значение ${culprit}`;
    throw new CommandFailure(2, problem, usage);
  }
}

/** The distributed deployment (URLs from the services' env, with their defaults) or an embedded data directory. */
export type Target = { mode: 'embedded'; dataDir: string } | { mode: 'distributed'; natsUrl: string; natsNamespace?: string; databaseUrl: string };

/** Only the connection URLs, with the services' defaults: ops commands need no service secrets. */
const DistributedEnv = z.object({
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/elk'),
});

export function targetOf(options: { embedded?: boolean; 'data-dir'?: string }, { mustExist }: { mustExist: boolean }): Target {
  if (!options.embedded) {
    if (options['data-dir'] !== undefined) throw new CommandFailure(2, '--data-dir задаётся только вместе с --embedded');
    const env = loadConfig(DistributedEnv);
    return { mode: 'distributed', natsUrl: env.NATS_URL, natsNamespace: natsNamespaceFromEnv(), databaseUrl: env.DATABASE_URL };
  }
  // Relative to where the operator stands, also under `npm run` (which runs from the repository root).
  const dataDir = options['data-dir'] === undefined ? defaultDataDir() : resolve(process.env.INIT_CWD ?? '.', options['data-dir']);
  if (mustExist && !existsSync(dataDir)) throw new CommandFailure(2, `Каталог данных ${dataDir} не найден`);
  return { mode: 'embedded', dataDir };
}

/** The services' warnings and errors only: an ops command prints its own progress. */
export function opsLogger(): Logger {
  // stderr: an ops command's stdout is its result (create-organisation prints the new id there for scripts to read).
  return createLogger('ops', 'warn', process.stderr);
}

/** Ends the command with `exitCode` (2: bad input, 1: failure) after printing `lines` to stderr. */
export class CommandFailure extends Error {
  readonly lines: string[];
  constructor(
    readonly exitCode: 1 | 2,
    ...lines: string[]
  ) {
    super(lines.join('\n'));
    this.lines = lines;
  }
}

/** Runs the command and exits: with 0, its CommandFailure's code, or 1 on any other error. */
export function runCommand(main: () => Promise<void>): void {
  main()
    .then(
      () => 0,
      (error: unknown) => {
        if (error instanceof CommandFailure) {
          for (const line of error.lines) console.error(line);
          return error.exitCode;
        }
        console.error(error instanceof Error ? error.message : error);
        return 1;
      },
    )
    // Exits even if a driver keeps a timer or socket open after closing.
    .then((code) => process.exit(code));
}
