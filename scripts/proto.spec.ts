/**
 * The terminal API's .proto files (proto/) and the TypeScript generated from them (libs/contracts/src/pos-proto,
 * checked in): buf lints the files, and generating again gives exactly the files in the repository, so neither can
 * change without the other (`npm run proto:generate` after editing a .proto).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const PROTO = join(ROOT, 'proto');
const GENERATED = join(ROOT, 'libs/contracts/src/pos-proto');
const BUF = join(ROOT, 'node_modules/.bin/buf');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();

describe('proto/', () => {
  it('passes buf lint', () => {
    expect(() => execFileSync(BUF, ['lint'], { cwd: PROTO, stdio: 'pipe' })).not.toThrow();
  });

  it('generates exactly the TypeScript checked in under libs/contracts/src/pos-proto', () => {
    const out = mkdtempSync(join(tmpdir(), 'elk-proto-'));
    try {
      const template = JSON.stringify({
        version: 'v2',
        plugins: [{ local: join(ROOT, 'node_modules/.bin/protoc-gen-es'), out, opt: ['target=ts', 'import_extension=none'] }],
      });
      execFileSync(BUF, ['generate', '--template', template], { cwd: PROTO, stdio: 'pipe' });
      expect(filesUnder(out)).toEqual(filesUnder(GENERATED));
      for (const file of filesUnder(out)) expect({ file, text: readFileSync(join(GENERATED, file), 'utf8') }).toEqual({ file, text: readFileSync(join(out, file), 'utf8') });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
