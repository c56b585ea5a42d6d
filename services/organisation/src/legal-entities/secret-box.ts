import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptedSecret } from '@elk/contracts';

/**
 * AES-256-GCM under the service's key (ELK_SECRETS_KEY): `v1.<iv>.<tag>.<ciphertext>`, base64url parts. Only the
 * ciphertext and the secret's tail (for the mask, see `secretTail`) are ever stored.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
  }

  seal(plain: string): EncryptedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
    return { ciphertext: `v1.${parts.join('.')}`, last4: secretTail(plain) };
  }

  open(sealed: EncryptedSecret): string {
    const [version, iv, tag, ciphertext] = sealed.ciphertext.split('.');
    if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('Unknown secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}

export const SECRET_BOX = Symbol('SECRET_BOX');

/**
 * The end of a secret that its mask may show: the last 4 characters of a long one, never more than a quarter of a
 * short one (nothing of a 3-character one). Counted in code points, so an emoji is never cut in half.
 */
export function secretTail(secret: string): string {
  const characters = Array.from(secret);
  const shown = Math.min(4, Math.floor(characters.length / 4));
  return characters.slice(characters.length - shown).join('');
}
