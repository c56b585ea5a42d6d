import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A fresh PGlite database runs initdb: seconds on a busy 2-core machine (17 s measured with the whole suite
 * running), hundreds of times a run. Tests start from one initdb'd data directory instead, made once per installed
 * PGlite version and kept under node_modules/.cache: a copy of it opens in a fraction of that, and is the same
 * database a restart of `npm start` opens. `npm start` itself still runs initdb on fresh data
 * (e2e/embedded-start.e2e.spec.ts covers it).
 */
const NODE_MODULES = resolve(__dirname, '../../../node_modules');
const PGLITE_VERSION = (JSON.parse(readFileSync(join(NODE_MODULES, '@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
const TEMPLATE = join(NODE_MODULES, '.cache/elk-test', `pglite-${PGLITE_VERSION}`);
const DATA_DIR = join(TEMPLATE, 'pglite');
const DUMP = join(TEMPLATE, 'pglite.tar');

let made: Promise<void> | undefined;

/**
 * Makes the template unless it is there. Jest's global setup of the integration and e2e projects calls it before the
 * workers start (jest-global-setup.ts); should two processes still make one at once, the first rename wins.
 */
export function ensurePgliteTemplate(): Promise<void> {
  return (made ??= (async () => {
    if (existsSync(DUMP)) return;
    const draft = `${TEMPLATE}.${randomBytes(4).toString('hex')}`;
    mkdirSync(draft, { recursive: true });
    try {
      const { PGlite } = await import('@electric-sql/pglite');
      const db = await PGlite.create(join(draft, 'pglite'));
      const dump = await db.dumpDataDir('none');
      await db.close();
      // Written last: its presence means the template is complete.
      writeFileSync(join(draft, 'pglite.tar'), Buffer.from(await dump.arrayBuffer()));
      renameSync(draft, TEMPLATE);
    } catch (error) {
      if (!existsSync(DUMP)) throw error;
    } finally {
      rmSync(draft, { recursive: true, force: true });
    }
  })());
}

/** Puts an initdb'd PGlite data directory at `dataDir/pglite`, where the embedded run mode opens its database. */
export async function seedPgliteDataDir(dataDir: string): Promise<void> {
  await ensurePgliteTemplate();
  cpSync(DATA_DIR, join(dataDir, 'pglite'), { recursive: true });
}

/** The template as a tarball, for `PGlite.create({ loadDataDir })` of an in-memory database. */
export async function pgliteTemplateDump(): Promise<Blob> {
  await ensurePgliteTemplate();
  return new Blob([readFileSync(DUMP)]);
}
