import { randomBytes } from 'node:crypto';
import { SecretBox, secretTail } from './secret-box';

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

  it('keeps a tail of whole code points: a token ending in an emoji is sealed with the emoji whole', () => {
    expect(box.seal('chestny-znak-token-🔑1🔐').last4).toBe('-🔑1🔐');
  });
});

describe('secretTail', () => {
  it.each([
    ['a long token: its last 4 characters', 'eyJhbGciOiJIUzI1NiJ9.3f9a', '3f9a'],
    ['16 characters: 4 of them', '0123456789abcdef', 'cdef'],
    ['12 characters: a quarter', '0123456789ab', '9ab'],
    ['4 characters: one', 'abcd', 'd'],
    ['3 characters: nothing', 'abc', ''],
    ['emoji count as one character each', '🔑🔑🔑🔑🔑🔑🔑🔑', '🔑🔑'],
    ['a surrogate pair is never cut', 'token-long-enough-😀', 'gh-😀'],
  ])('%s', (_, secret, tail) => {
    expect(secretTail(secret)).toBe(tail);
  });
});
