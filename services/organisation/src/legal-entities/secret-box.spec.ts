import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('secret box', () => {
  const box = new SecretBox(randomBytes(32));

  it('seals with AES-256-GCM: no plain text, a fresh ciphertext each time, the last 4 characters kept', () => {
    const sealed = box.seal('chestny-znak-token-3f9a');
    expect(sealed.last4).toBe('3f9a');
    expect(sealed.ciphertext).not.toContain('chestny');
    expect(box.seal('chestny-znak-token-3f9a').ciphertext).not.toBe(sealed.ciphertext);
    expect(box.open(sealed)).toBe('chestny-znak-token-3f9a');
  });

  it('refuses a ciphertext sealed under another key', () => {
    const sealed = new SecretBox(randomBytes(32)).seal('token');
    expect(() => box.open(sealed)).toThrow();
  });

  it('needs a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow('32-byte');
  });
});
