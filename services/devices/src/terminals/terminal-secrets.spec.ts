import { randomBytes, randomUUID } from 'node:crypto';
import { ActivationRequest, normaliseActivationCode } from '@elk/contracts';
import { TerminalSecrets } from './terminal-secrets';

const secrets = new TerminalSecrets(randomBytes(32));
const device = { model: 'LIFE POS Mini', serial: 'LP0001', appName: 'LIFE POS', appVersion: '3.2.1', os: 'Android 11' };

describe('terminal secrets', () => {
  it('makes «XXXX-XXXX» codes that a terminal accepts as typed, in lower case or without the dash', () => {
    const { code, lookup, secretHash } = secrets.newActivationCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const typed = ActivationRequest.parse({ code: ` ${code.toLowerCase().replace('-', ' ')} `, device }).code;
    expect(secrets.lookupOf(typed)).toBe(lookup);
    expect(secrets.codeMatches(typed, secretHash)).toBe(true);
  });

  it('forgives O for 0 and I or L for 1, and refuses characters that are not in codes', () => {
    expect(normaliseActivationCode('o1il-ABCD')).toBe('0111ABCD');
    expect(ActivationRequest.safeParse({ code: 'ABCD-EFGU', device }).success).toBe(false);
    expect(ActivationRequest.safeParse({ code: 'ABCD-EFG', device }).success).toBe(false);
  });

  it('tells a wrong code with the right first half from the right one', () => {
    const { code, lookup, secretHash } = secrets.newActivationCode();
    const normalised = normaliseActivationCode(code);
    const wrong = `${normalised.slice(0, 4)}${normalised.slice(4) === '0000' ? '1111' : '0000'}`;
    expect(secrets.lookupOf(wrong)).toBe(lookup);
    expect(secrets.codeMatches(wrong, secretHash)).toBe(false);
  });

  it('gives a credential of 256 bits that only it recognises, the same again for the same id', () => {
    const credentialId = randomUUID();
    const credential = secrets.credentialFor(credentialId);
    expect(Buffer.from(credential.split('.')[2]!, 'base64url')).toHaveLength(32);
    expect(secrets.credentialFor(credentialId)).toBe(credential);
    expect(secrets.credentialIdOf(credential)).toBe(credentialId);
    expect(new TerminalSecrets(randomBytes(32)).credentialIdOf(credential)).toBeNull();
    expect(secrets.credentialIdOf(`${credential.slice(0, -1)}${credential.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(secrets.credentialIdOf('Bearer nonsense')).toBeNull();
  });

  it('spreads codes over the whole alphabet', () => {
    const seen = new Set(Array.from({ length: 400 }, () => secrets.newActivationCode().code.replace('-', '')).join(''));
    expect(seen.size).toBe(32);
  });
});
