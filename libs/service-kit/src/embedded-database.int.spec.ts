import { cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedDatabase } from './embedded-database';
import type { EmbeddedDatabaseThread } from './embedded-database-thread';
import { createLogger } from './logger';

// Each initdb takes seconds of CPU (more under jest on a busy machine): the tests share one template where they can.
const INITDB_TIMEOUT_MS = 90_000;

describe('embedded database', () => {
  let cache: string;
  let templateDir: string;
  let root: string;
  let warnings: string[];
  const opened: EmbeddedDatabaseThread[] = [];

  const open = async (name: string, template = templateDir) => {
    const logger = createLogger('test', 'warn', { write: (line: string) => warnings.push(line) });
    const db = await openEmbeddedDatabase(join(root, name), { templateDir: template, logger });
    opened.push(db);
    return db;
  };
  const systemIdOf = async (db: EmbeddedDatabaseThread) => (await db.query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()')).rows[0]!.id;

  beforeAll(() => {
    cache = mkdtempSync(join(tmpdir(), 'elk-embedded-db-cache-'));
    templateDir = join(cache, 'template');
  });
  afterAll(() => rmSync(cache, { recursive: true, force: true }));
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'elk-embedded-db-'));
    warnings = [];
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
    rmSync(root, { recursive: true, force: true });
  });

  it('makes the template once and gives each new directory a copy of it, with the embedded settings', async () => {
    const first = await open('first');
    const second = await open('second');
    // initdb draws a new system identifier: the same one in both means the second was copied, not initdb'd.
    expect(await systemIdOf(second)).toBe(await systemIdOf(first));
    expect(statSync(join(templateDir, 'PG_VERSION')).isFile()).toBe(true);
    const shown = await second.query<{ shared_buffers: string }>('SHOW shared_buffers');
    expect(shown.rows[0]!.shared_buffers).toBe('16MB');
    await second.exec('CREATE TABLE kept (id int); INSERT INTO kept VALUES (1)');
    expect(warnings).toEqual([]);
  }, INITDB_TIMEOUT_MS);

  it('opens an existing cluster as it is', async () => {
    const db = await open('data');
    await db.exec('CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)');
    await db.close();
    opened.splice(0);
    const reopened = await open('data');
    expect((await reopened.query('SELECT id FROM kept')).rows).toEqual([{ id: 7 }]);
  }, INITDB_TIMEOUT_MS);

  it('runs initdb and drops the template when the template does not start', async () => {
    const templateId = await systemIdOf(await open('first'));
    const corrupt = join(root, 'corrupt-template');
    cpSync(templateDir, corrupt, { recursive: true });
    writeFileSync(join(corrupt, 'global', 'pg_control'), 'not a control file');

    const db = await open('second', corrupt);
    expect(await systemIdOf(db)).not.toBe(templateId);
    await db.exec('CREATE TABLE works (id int)');
    expect(warnings.join('')).toContain('database template does not start');
    expect(() => statSync(corrupt)).toThrow();
  }, INITDB_TIMEOUT_MS);

  it('runs initdb when no template can be made', async () => {
    const blocker = join(root, 'not-a-directory');
    writeFileSync(blocker, '');
    const db = await open('data', join(blocker, 'template'));
    await db.exec('CREATE TABLE works (id int)');
    expect(warnings.join('')).toContain('no database template');
  }, INITDB_TIMEOUT_MS);
});
