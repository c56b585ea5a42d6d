/**
 * Sessions are state, not events: they churn (a rotation every 15 minutes per open cabinet) and carry no
 * history worth keeping. Adapters: Redis (distributed) and the documents store (embedded, survives restarts).
 */
import type { Session } from './session';

export interface RotatedRefreshToken {
  refreshTokenHash: string;
  expiresAt: string;
}

export interface SessionStore {
  create(session: Session): Promise<void>;
  get(sessionId: string): Promise<Session | null>;
  /** The session a refresh token was issued for, whether the token is the current one or already rotated. */
  findByRefreshTokenHash(refreshTokenHash: string): Promise<Session | null>;
  /** Replaces the refresh token if the session is still at rotation `from`; false when it is not (or is gone). */
  rotate(sessionId: string, from: number, next: RotatedRefreshToken): Promise<boolean>;
  /** Ends the session at once; a no-op when it is gone. */
  revoke(sessionId: string): Promise<void>;
  /** Ends every session of the account except `keepSessionId`. */
  revokeAllOf(accountId: string, keepSessionId?: string): Promise<void>;
  close(): Promise<void>;
}

export const SESSION_STORE = Symbol('SESSION_STORE');
