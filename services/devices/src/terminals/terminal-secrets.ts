import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { ACTIVATION_CODE_ALPHABET, ACTIVATION_CODE_LENGTH } from '@elk/contracts';

/** The first characters of a code find its workplace; the rest is the secret a wrong try is counted against. */
const LOOKUP_LENGTH = 4;
const CREDENTIAL_PREFIX = 'elkd';

export interface NewActivationCode {
  /** «XXXX-XXXX», for the SMS only: nothing keeps it. */
  code: string;
  lookup: string;
  secretHash: string;
}

/**
 * Activation codes and device credentials, under keys derived from ELK_SECRETS_KEY.
 *
 * A code has 40 bits (8 characters of 32): few enough to brute-force a plain hash of it offline, so ELK keeps only
 * HMACs under its key — a copy of the database alone gives nothing to try. The HMAC of the first four characters
 * finds the workplace; the HMAC of the whole code proves it, and a wrong one counts against that workplace's code.
 *
 * A device credential is `elkd.<credentialId>.<HMAC of the id>`: 256 bits nobody can guess without the key, and
 * nothing secret is stored. ELK recomputes it to check it, and to give a terminal that retries its activation (it
 * never got the answer) the same credential again. Whether it is still in force (not replaced, deactivated or
 * deleted) is the workplace's state, not the credential's.
 */
export class TerminalSecrets {
  private readonly lookupKey: Buffer;
  private readonly codeKey: Buffer;
  private readonly credentialKey: Buffer;

  constructor(secretsKey: Buffer) {
    const derive = (purpose: string) => createHmac('sha256', secretsKey).update(`elk.devices.${purpose}`).digest();
    this.lookupKey = derive('activation-code-lookup');
    this.codeKey = derive('activation-code');
    this.credentialKey = derive('device-credential');
  }

  newActivationCode(): NewActivationCode {
    const characters = Array.from({ length: ACTIVATION_CODE_LENGTH }, () => ACTIVATION_CODE_ALPHABET[randomInt(ACTIVATION_CODE_ALPHABET.length)]).join('');
    return { code: `${characters.slice(0, LOOKUP_LENGTH)}-${characters.slice(LOOKUP_LENGTH)}`, lookup: this.lookupOf(characters), secretHash: this.secretHashOf(characters) };
  }

  /** `code` normalised (normaliseActivationCode): the key its workplace's code is found under. */
  lookupOf(code: string): string {
    return hmac(this.lookupKey, code.slice(0, LOOKUP_LENGTH));
  }

  secretHashOf(code: string): string {
    return hmac(this.codeKey, code);
  }

  codeMatches(code: string, secretHash: string): boolean {
    return sameText(this.secretHashOf(code), secretHash);
  }

  credentialFor(credentialId: string): string {
    return `${CREDENTIAL_PREFIX}.${credentialId}.${hmac(this.credentialKey, credentialId)}`;
  }

  /** The id of a credential ELK issued; null for anything else. */
  credentialIdOf(credential: string): string | null {
    const [prefix, credentialId, mac, ...rest] = credential.split('.');
    if (prefix !== CREDENTIAL_PREFIX || !credentialId || !mac || rest.length > 0) return null;
    return sameText(hmac(this.credentialKey, credentialId), mac) ? credentialId : null;
  }
}

function hmac(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
