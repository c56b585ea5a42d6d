/**
 * The PGlite database of embedded ELK, in a thread of its own (embedded-database-thread.ts): PostgreSQL settings sized
 * for one single-user process, and a new data directory made by copying a template cluster (made once, by initdb,
 * into a cache) instead of running initdb each time.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EmbeddedDatabaseThread } from './embedded-database-thread';
import type { Logger } from './logger';

/**
 * Settings given to PostgreSQL at each start (not stored in the cluster). PostgreSQL's defaults are a server's:
 * 128 MB of shared_buffers alone is most of PGlite's WebAssembly memory. Durability settings stay PGlite's.
 */
export const EMBEDDED_POSTGRES_SETTINGS: Readonly<Record<string, string>> = {
  // The operating system's page cache still holds the files behind the buffer pool.
  shared_buffers: '16MB',
  // Sized from shared_buffers by default (1/32); named so that nobody wonders.
  wal_buffers: '512kB',
  // One session: the per-backend arrays PostgreSQL sizes for 100 connections are never used.
  max_connections: '5',
  // Index builds (an import's reindex) at most this much; the default 64 MB shows up in the import's peak memory.
  maintenance_work_mem: '16MB',
};

export interface EmbeddedDatabaseOptions {
  /** Where the template cluster is kept; made there when missing. */
  templateDir: string;
  logger: Logger;
}

/** The template cache under the `node_modules` PGlite is installed in, one per PGlite version. */
export function defaultTemplateDir(): string {
  const entry = require.resolve('@electric-sql/pglite');
  const nodeModules = entry.slice(0, entry.lastIndexOf('/node_modules/') + '/node_modules'.length);
  const { version } = JSON.parse(readFileSync(join(nodeModules, '@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  return join(nodeModules, '.cache', 'elk', `pglite-${version}-template`);
}

/**
 * Opens the database in `dir`. A directory without a cluster gets a copy of the template (0.1 s instead of initdb's 3 s);
 * a template that cannot be copied or does not start is removed and the cluster made by initdb as before.
 */
export async function openEmbeddedDatabase(dir: string, options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabaseThread> {
  if (isEmptyDir(dir)) {
    const copied = await copyTemplate(dir, options);
    if (copied) {
      try {
        return await openCluster(dir);
      } catch (error) {
        options.logger.warn({ templateDir: options.templateDir, errorMessage: (error as Error).message }, 'database template does not start; running initdb');
        rmSync(dir, { recursive: true, force: true });
        rmSync(options.templateDir, { recursive: true, force: true });
      }
    }
  }
  return openCluster(dir);
}

/** Opens (or, in an empty directory, makes by initdb) the cluster in `dir`, with pg_trgm for the document store. */
function openCluster(dir: string): Promise<EmbeddedDatabaseThread> {
  const startParams = Object.entries(EMBEDDED_POSTGRES_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  return EmbeddedDatabaseThread.open({ dir, startParams, pgTrgm: true });
}

function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/** Copies the template into `dir` (through a sibling renamed into place, so a crash leaves no half cluster). */
async function copyTemplate(dir: string, options: EmbeddedDatabaseOptions): Promise<boolean> {
  const copying = `${dir}.copying-${process.pid}`;
  try {
    await ensureEmbeddedDatabaseTemplate(options.templateDir);
    cpSync(options.templateDir, copying, { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(copying, dir);
    return true;
  } catch (error) {
    options.logger.warn({ templateDir: options.templateDir, errorMessage: (error as Error).message }, 'no database template; running initdb');
    rmSync(copying, { recursive: true, force: true });
    return false;
  }
}

/**
 * Makes the template once: initdb into a sibling directory, closed cleanly, renamed into place. Tests start their
 * PGlite databases from it too (libs/testing's pglite-template.ts).
 */
export async function ensureEmbeddedDatabaseTemplate(templateDir: string): Promise<void> {
  if (existsSync(join(templateDir, 'PG_VERSION'))) return;
  mkdirSync(dirname(templateDir), { recursive: true });
  const building = `${templateDir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  try {
    const db = await openCluster(building);
    await db.close();
    if (!existsSync(join(templateDir, 'PG_VERSION'))) rmSync(templateDir, { recursive: true, force: true });
    try {
      renameSync(building, templateDir);
    } catch (error) {
      // Another process made it first (two test files starting ELK at once).
      if (!existsSync(join(templateDir, 'PG_VERSION'))) throw error;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}
