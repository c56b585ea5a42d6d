import { CSRF_HEADER, REFRESH_COOKIE, REFRESH_TOKEN_TTL_SECONDS, type AccessTokenResponse, type TokenPair } from '@elk/contracts';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../http/problem';

// Secure even over http: browsers accept it on localhost and 127.0.0.1, the only plain-http address ELK listens on by default.
const COOKIE_OPTIONS = { httpOnly: true, secure: true, sameSite: 'strict', path: REFRESH_COOKIE.path } as const;

const MESSAGES = {
  noCsrfHeader: `Запрос отклонён: обновить сессию можно только из личного кабинета (нет заголовка ${CSRF_HEADER})`,
  noCookie: 'Войдите в личный кабинет',
} as const;

/** Puts the refresh token into its cookie and gives the body to answer with: the access token only. */
export function handOutTokens(reply: FastifyReply, { refreshToken, ...access }: TokenPair): AccessTokenResponse {
  void reply.setCookie(REFRESH_COOKIE.name, refreshToken, { ...COOKIE_OPTIONS, maxAge: REFRESH_TOKEN_TTL_SECONDS });
  return access;
}

export function clearRefreshCookie(reply: FastifyReply): void {
  void reply.clearCookie(REFRESH_COOKIE.name, COOKIE_OPTIONS);
}

/**
 * The refresh token from its cookie. The browser sends the cookie with a forged request too (from a page of the same
 * site, or an old browser without SameSite), so reading it requires the CSRF header, which only the cabinet's own
 * scripts can send: any endpoint that takes this parameter is defended.
 */
export const RefreshCookie = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  if (!request.headers[CSRF_HEADER.toLowerCase()]) throw new HttpProblem('FORBIDDEN', MESSAGES.noCsrfHeader);
  const token = request.cookies[REFRESH_COOKIE.name];
  if (!token || token.length > 512) throw new HttpProblem('UNAUTHENTICATED', MESSAGES.noCookie);
  return token;
});
