import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { ConfigError } from '@elk/service-kit';

// Algorithm.Argon2id: the enum is an ambient const enum, which isolatedModules cannot read.
const ARGON2ID = 2 as Algorithm;

export interface SecretHashCost {
  /** KiB */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane): ~20 ms of CPU per hash. Every deployment's. */
export const OWASP_COST: SecretHashCost = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

/**
 * The test runs' cost (64 KiB, 1 pass): ~0.1 ms per hash. The tests hash thousands of passwords, SMS codes, PIN-codes
 * and invitations; at OWASP's cost that was the distributed test ELK's identity service's largest CPU use.
 */
export const TEST_COST: SecretHashCost = { memoryCost: 64, timeCost: 1, parallelism: 1 };

/**
 * The cost from ELK_SECRET_HASH_COST: unset or `owasp` → OWASP's; `test` → TEST_COST, accepted only with NODE_ENV=test
 * (jest sets it), so that a production environment that copied the variable refuses to start instead of storing weak
 * hashes. Hashes carry their parameters: verification works whatever cost made them.
 */
export function secretHashCost(env: NodeJS.ProcessEnv): SecretHashCost {
  const asked = env.ELK_SECRET_HASH_COST ?? 'owasp';
  if (asked === 'owasp') return OWASP_COST;
  if (asked === 'test' && env.NODE_ENV === 'test') return TEST_COST;
  if (asked === 'test') throw new ConfigError(['ELK_SECRET_HASH_COST: `test` (weak argon2id, for test runs) needs NODE_ENV=test; production uses the default, `owasp`']);
  throw new ConfigError([`ELK_SECRET_HASH_COST: \`${asked}\` is neither \`owasp\` (the default) nor \`test\``]);
}

/** Hashes passwords and SMS codes; nothing secret is stored or compared in plain text. IdentityModule makes it. */
export class SecretHasher {
  private dummyHash?: Promise<string>;
  private readonly options: SecretHashCost & { algorithm: Algorithm };

  constructor(cost: SecretHashCost = OWASP_COST) {
    this.options = { algorithm: ARGON2ID, ...cost };
  }

  hash(secret: string): Promise<string> {
    return hash(secret, this.options);
  }

  async verify(hashed: string, secret: string): Promise<boolean> {
    try {
      return await verify(hashed, secret);
    } catch {
      return false;
    }
  }

  /** Spends a verification on a hash nobody has, so that an unknown login takes as long as a known one. */
  async verifyNothing(secret: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(16).toString('hex'));
    await this.verify(await this.dummyHash, secret);
    return false;
  }
}
