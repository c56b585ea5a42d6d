import { DomainError, REFRESH_TOKEN_TTL_SECONDS } from '@elk/contracts';

export const REFRESH_TOKEN_TTL_MS = REFRESH_TOKEN_TTL_SECONDS * 1000;

export interface Session {
  sessionId: string;
  accountId: string;
  organisationId: string;
  createdAt: string;
  /** SHA-256 of the refresh token valid now; the token itself is never stored. */
  refreshTokenHash: string;
  /** How many times the refresh token has been rotated. */
  rotation: number;
  /** When the refresh token stops working; each rotation moves it forward. */
  expiresAt: string;
}

export function refreshTokenExpiry(now: Date): string {
  return new Date(now.getTime() + REFRESH_TOKEN_TTL_MS).toISOString();
}

export function isExpired(session: Session, now: Date): boolean {
  return Date.parse(session.expiresAt) <= now.getTime();
}

export const sessionEnded = () => new DomainError('SESSION_EXPIRED', 'Сеанс завершён. Войдите снова');
