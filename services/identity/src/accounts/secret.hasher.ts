import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

// Algorithm.Argon2id: the enum is an ambient const enum, which isolatedModules cannot read.
const ARGON2ID = 2 as Algorithm;

/** argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane): ~20 ms per hash. */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes passwords and SMS codes; nothing secret is stored or compared in plain text. */
@Injectable()
export class SecretHasher {
  private dummyHash?: Promise<string>;

  hash(secret: string): Promise<string> {
    return hash(secret, OPTIONS);
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
