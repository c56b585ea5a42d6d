import { ConfigError } from '@elk/service-kit';
import { OWASP_COST, SecretHasher, TEST_COST, secretHashCost } from './secret.hasher';

describe('SecretHasher', () => {
  it("hashes with OWASP's argon2id parameters (19 MiB, 2 passes, 1 lane) unless told otherwise", async () => {
    expect(secretHashCost({})).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(secretHashCost({ ELK_SECRET_HASH_COST: 'owasp', NODE_ENV: 'test' })).toBe(OWASP_COST);
    expect(await new SecretHasher().hash('Пароль-1')).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('takes the cheap test cost only in a test run (NODE_ENV=test)', async () => {
    expect(secretHashCost({ ELK_SECRET_HASH_COST: 'test', NODE_ENV: 'test' })).toBe(TEST_COST);
    expect(await new SecretHasher(TEST_COST).hash('Пароль-1')).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$/);
    for (const NODE_ENV of [undefined, 'production', 'development']) {
      expect(() => secretHashCost({ ELK_SECRET_HASH_COST: 'test', NODE_ENV })).toThrow(ConfigError);
    }
    expect(() => secretHashCost({ ELK_SECRET_HASH_COST: 'cheap', NODE_ENV: 'test' })).toThrow(/ELK_SECRET_HASH_COST/);
  });

  it('verifies a hash whatever cost made it: argon2 hashes carry their parameters', async () => {
    const owasp = new SecretHasher(OWASP_COST);
    const cheap = new SecretHasher(TEST_COST);
    expect(await owasp.verify(await cheap.hash('1234'), '1234')).toBe(true);
    expect(await cheap.verify(await owasp.hash('1234'), '1234')).toBe(true);
    expect(await owasp.verify(await cheap.hash('1234'), '4321')).toBe(false);
  });
});
