import { z } from 'zod';
import { ConfigError, envJwtSecret, isPlaceholderSecret, loadConfig } from './config';

describe('secrets in the environment', () => {
  const Env = z.object({ JWT_SECRET: envJwtSecret });

  it('accepts a random JWT secret of 32 characters or more', () => {
    const secret = 'k3Jq9vX0pL7wR2mZ8tY4bN6cH1sD5fG0';
    expect(loadConfig(Env, { JWT_SECRET: secret })).toEqual({ JWT_SECRET: secret });
  });

  it.each([
    ['the k8s example', 'change-me-to-at-least-32-random-characters'],
    ['the old dev default of start:distributed', 'dev-only-secret-change-me-0123456789abcdef'],
    ['an example in capitals', 'CHANGEME-CHANGEME-CHANGEME-CHANGEME'],
  ])('refuses %s as JWT_SECRET, saying it is an example', (_case, secret) => {
    expect(() => loadConfig(Env, { JWT_SECRET: secret })).toThrow(ConfigError);
    expect(() => loadConfig(Env, { JWT_SECRET: secret })).toThrow(/JWT_SECRET: это образец из примера конфигурации/);
  });

  it('refuses a missing or short JWT secret, naming the variable', () => {
    expect(() => loadConfig(Env, {})).toThrow(/JWT_SECRET: Задайте JWT_SECRET/);
    expect(() => loadConfig(Env, { JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: не короче 32 символов/);
  });

  it('sees an example inside key bytes, as a base64 key decodes', () => {
    expect(isPlaceholderSecret(Buffer.from('Y2hhbmdlLW1lLXRvLTMyLXJhbmRvbS1ieXRlcy0xMjM=', 'base64'))).toBe(true);
    expect(isPlaceholderSecret(Buffer.alloc(32, 7))).toBe(false);
  });
});
