/** Global setup of the jest projects whose tests open PGlite databases: the initdb template, made once per run at most. */
import { ensurePgliteTemplate } from './pglite-template';

export default async function globalSetup(): Promise<void> {
  await ensurePgliteTemplate();
}
