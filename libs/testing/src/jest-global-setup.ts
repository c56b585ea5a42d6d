/** Global setup of the jest projects whose tests open PGlite databases: the initdb template, made once per run at most. */
import { shareTemplateDumpWithWorkers } from './pglite-template';

export default async function globalSetup(): Promise<void> {
  await shareTemplateDumpWithWorkers();
}
