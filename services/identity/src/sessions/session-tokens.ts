import { createHash, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Role, TokenPair } from '@elk/contracts';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/** An opaque token (a refresh token, a terminal session's): 256 random bits. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Opaque tokens are random enough that a fast hash suffices to keep them out of storage. */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface AccessTokenSubject {
  accountId: string;
  organisationId: string;
  role: Role;
  sessionId: string;
}

/** The short-lived access JWT (HS256; claims sub, org, role, sid) and the refresh token that goes with it. */
export class SessionTokens {
  private readonly key: Uint8Array;

  constructor(jwtSecret: string) {
    this.key = new TextEncoder().encode(jwtSecret);
  }

  async pair(subject: AccessTokenSubject, refreshToken: string, now: Date): Promise<TokenPair> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const accessToken = await new SignJWT({ org: subject.organisationId, role: subject.role, sid: subject.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject.accountId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
      .sign(this.key);
    return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, refreshToken };
  }
}
