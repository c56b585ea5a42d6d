import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { defaultTemplateDir, ensureEmbeddedDatabaseTemplate } from '@elk/service-kit';

/**
 * A fresh PGlite database runs initdb: seconds on a busy 2-core machine, hundreds of times a run. Tests start from
 * the template cluster embedded ELK copies for a new data directory (libs/service-kit's embedded-database.ts): the
 * embedded systems of the e2e tests get it through `startEmbedded` itself, and in-memory test databases load it as a
 * tarball kept beside it.
 */
const TEMPLATE_DIR = defaultTemplateDir();
const DUMP = `${TEMPLATE_DIR}.tar`;

/**
 * Set by the integration project's global setup for its workers: the template's tarball, for the test files of the
 * libraries that @elk/testing itself depends on (eventstore, documents), which read the variable instead of importing.
 */
export const PGLITE_TEMPLATE_DUMP_ENV = 'ELK_PGLITE_TEMPLATE_DUMP';

let made: Promise<void> | undefined;

/**
 * Makes the template and its tarball unless they are there. Jest's global setups call it before the workers start;
 * should two processes still make one at once, the first rename wins.
 */
export function ensurePgliteTemplate(): Promise<void> {
  return (made ??= (async () => {
    await ensureEmbeddedDatabaseTemplate(TEMPLATE_DIR);
    if (existsSync(DUMP)) return;
    // Opening a cluster writes to it: the tarball is dumped from a copy, never from the template itself.
    const copy = `${TEMPLATE_DIR}.dumping-${randomBytes(4).toString('hex')}`;
    try {
      cpSync(TEMPLATE_DIR, copy, { recursive: true });
      const { PGlite } = await import('@electric-sql/pglite');
      const db = await PGlite.create(copy);
      const dump = await db.dumpDataDir('none');
      await db.close();
      writeFileSync(`${copy}.tar`, Buffer.from(await dump.arrayBuffer()));
      renameSync(`${copy}.tar`, DUMP);
    } finally {
      rmSync(copy, { recursive: true, force: true });
      rmSync(`${copy}.tar`, { force: true });
    }
  })());
}

/** The template as a tarball, for `PGlite.create({ loadDataDir })` of an in-memory database. */
export async function pgliteTemplateDump(): Promise<Blob> {
  await ensurePgliteTemplate();
  return new Blob([readFileSync(DUMP)]);
}

/** Makes the template, and tells the test workers where its tarball is ({@link PGLITE_TEMPLATE_DUMP_ENV}). */
export async function shareTemplateDumpWithWorkers(): Promise<void> {
  await ensurePgliteTemplate();
  process.env[PGLITE_TEMPLATE_DUMP_ENV] = DUMP;
}
