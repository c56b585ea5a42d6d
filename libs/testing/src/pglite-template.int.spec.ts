import { openTestPglite } from './test-pglite';

// Seconds when idle; a minute and more with the machine shared by several test runs.
jest.setTimeout(120_000);

describe('PGlite from the initdb template', () => {
  it('opens an in-memory database of its own each time, with the document extensions', async () => {
    const first = await openTestPglite();
    const second = await openTestPglite();
    try {
      await first.db.exec('CREATE TABLE only_here (id int)');
      const tables = async (db: typeof first.db) => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'only_here'")).rows[0]!.n;
      expect(await tables(first.db)).toBe(1);
      expect(await tables(second.db)).toBe(0);
      await second.db.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    } finally {
      await first.close();
      await second.close();
    }
  });
});
