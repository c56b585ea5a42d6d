/**
 * Where a local run (`npm start`, `npm run start:distributed`, the ops CLI with --embedded) keeps its data, and the
 * keys it signs tokens and encrypts secrets with when the environment gives none: random, made on first start and
 * kept in that directory, so a restart keeps sessions and stored secrets readable and no two checkouts share a key.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** ELK_DATA_DIR, or `data/` at the repository root. */
export function defaultDataDir(): string {
  return resolve(process.env.ELK_DATA_DIR ?? join(ROOT, 'data'));
}

/** JWT_SECRET of a local run. */
export function jwtSecretIn(dataDir: string): string {
  return keptIn(dataDir, 'jwt-secret', () => randomBytes(48).toString('base64url'));
}

/** ELK_SECRETS_KEY of a local run: base64 of 32 bytes, the key the Честный Знак tokens are encrypted with. */
export function secretsKeyIn(dataDir: string): string {
  return keptIn(dataDir, 'secrets-key', () => randomBytes(32).toString('base64'));
}

function keptIn(dataDir: string, name: string, make: () => string): string {
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, make(), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
