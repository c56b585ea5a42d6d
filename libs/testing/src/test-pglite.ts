import type { PGliteInterface } from '@electric-sql/pglite';
import { pgliteDocumentExtensions } from '@elk/documents';

export interface TestPglite {
  db: PGliteInterface;
  close(): Promise<void>;
}

/** A fresh in-memory PGlite (about 2 s to start: share one per test file, a schema per test). */
export async function openTestPglite(): Promise<TestPglite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({ extensions: await pgliteDocumentExtensions() });
  return { db, close: () => db.close() };
}
