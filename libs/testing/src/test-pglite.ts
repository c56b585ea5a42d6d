import type { PGliteInterface } from '@electric-sql/pglite';
import { pgliteDocumentExtensions } from '@elk/documents';
import { pgliteTemplateDump } from './pglite-template';

export interface TestPglite {
  db: PGliteInterface;
  close(): Promise<void>;
}

/** A fresh in-memory PGlite, loaded from the initdb'd template (see pglite-template.ts): share one per test file, a schema per test. */
export async function openTestPglite(): Promise<TestPglite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({ loadDataDir: await pgliteTemplateDump(), extensions: await pgliteDocumentExtensions() });
  return { db, close: () => db.close() };
}
