import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes a bench's report to bench/results/<name>-<timestamp>.json and <name>-latest.json. */
export function writeBenchResults(name: string, finishedAt: Date, report: unknown): void {
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(join(dir, `${name}-${finishedAt.toISOString().replace(/[:.]/g, '-')}.json`), json);
  writeFileSync(join(dir, `${name}-latest.json`), json);
}
