import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrganisationConfig } from '@elk/organisation';
import { envJwtSecret } from '@elk/service-kit';
import { jwtSecretIn, secretsKeyIn } from './data-dir';

describe('keys of a local run', () => {
  const dirs: string[] = [];
  const newDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'elk-data-dir-'));
    dirs.push(dir);
    return join(dir, 'data');
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('makes keys the services accept on first start, readable by the owner only', () => {
    const dataDir = newDataDir();
    expect(envJwtSecret.parse(jwtSecretIn(dataDir))).toHaveLength(64);
    expect(loadOrganisationConfig({ ELK_SECRETS_KEY: secretsKeyIn(dataDir) }).secretsKey).toHaveLength(32);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'secrets-key')).mode & 0o777).toBe(0o600);
  });

  it('keeps them across restarts, and no two data directories share one', () => {
    const [first, second] = [newDataDir(), newDataDir()];
    expect(jwtSecretIn(first)).toBe(jwtSecretIn(first));
    expect(secretsKeyIn(first)).toBe(secretsKeyIn(first));
    expect(jwtSecretIn(second)).not.toBe(jwtSecretIn(first));
    expect(secretsKeyIn(second)).not.toBe(secretsKeyIn(first));
  });
});
