import { createHash } from 'node:crypto';
import { AccessTokenClaims } from '@elk/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';

const CLOCK_TOLERANCE_SECONDS = 5;
/** Tokens whose check is remembered, the least recently used forgotten first. */
const REMEMBERED_TOKENS = 10_000;

/**
 * Checks an access token's HS256 signature, expiry and claims; null for anything that does not pass. A token that
 * passed is remembered until it expires: the same text has the same signature and claims, and a cabinet sends its
 * token with every request, so checking the HMAC and parsing the claims again each time (~0.2 ms of the gateway's
 * ~3 ms of CPU for a journal page) would only repeat the answer. Whether its session is still alive is asked of
 * identity every time all the same (SessionGuard). Remembered by a SHA-256 of the token, as the terminals'
 * authentications are (decision 0017): the cache holds no token.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly secret: Uint8Array;
  /** By the token's hash: its claims, and when it expires (the token's own clock, not the cache's). */
  private readonly passed = new LRUCache<string, { claims: AccessTokenClaims; expiresAtMs: number }>({ max: REMEMBERED_TOKENS });

  constructor(@Inject(GATEWAY_OPTIONS) options: GatewayOptions) {
    this.secret = new TextEncoder().encode(options.jwtSecret);
  }

  async verify(token: string): Promise<AccessTokenClaims | null> {
    const key = createHash('sha256').update(token).digest('base64url');
    const remembered = this.passed.get(key);
    if (remembered) {
      if (Date.now() < remembered.expiresAtMs) return remembered.claims;
      this.passed.delete(key);
      return null;
    }
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'], clockTolerance: CLOCK_TOLERANCE_SECONDS });
      const claims = AccessTokenClaims.safeParse(payload);
      if (!claims.success) return null;
      if (payload.exp !== undefined) this.passed.set(key, { claims: claims.data, expiresAtMs: (payload.exp + CLOCK_TOLERANCE_SECONDS) * 1000 });
      return claims.data;
    } catch {
      return null;
    }
  }
}
