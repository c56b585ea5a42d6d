import { mkdtempSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

describe('embedded data directory lock', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'elk-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a second holder out while the first lives, naming its pid', () => {
    const unlock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(`pid ${process.pid}`);
    unlock();
    expect(existsSync(join(dir, 'elk.lock'))).toBe(false);
    lockDataDir(dir)();
  });

  it('takes over a lock left by a process that died', () => {
    writeFileSync(join(dir, 'elk.lock'), '999999999');
    const unlock = lockDataDir(dir);
    unlock();
  });
});
