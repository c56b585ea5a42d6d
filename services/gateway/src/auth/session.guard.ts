import { can, type Permission } from '@elk/auth';
import { AuthenticatedSession, IdentitySubjects } from '@elk/contracts';
import { RemoteError } from '@elk/messaging';
import { applyDecorators, type CanActivate, type ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ServiceBus } from '../bus/service-bus';
import { HttpProblem } from '../http/problem';
import type { SessionActor } from '../http/request-context';
import { AccessTokenVerifier } from './access-token.verifier';

const REQUIRED_PERMISSION = 'elk:required-permission';

const AUTH_MESSAGES = {
  noToken: 'Войдите в личный кабинет',
  expired: 'Сессия истекла, войдите снова',
  forbidden: 'Недостаточно прав',
} as const;

/**
 * The route needs a live session (`Authorization: Bearer <access token>`) and, when `permission` is
 * given, a role that has it in the permission matrix of libs/auth. On a class it covers every route; a
 * method's own permission takes the place of the class's.
 */
export function Authenticated(permission?: Permission) {
  return applyDecorators(SetMetadata(REQUIRED_PERMISSION, permission), UseGuards(SessionGuard));
}

/**
 * Verifies the token, then asks identity whether its session is still alive: a revoked session is refused
 * at once, and the role is the account's current one, not the one in the token.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly tokens: AccessTokenVerifier,
    private readonly bus: ServiceBus,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    // Once per request, though the guard runs twice when both a class and its method are @Authenticated.
    request.actor ??= await this.authenticate(request);
    const { actor } = request;

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, [context.getHandler(), context.getClass()]);
    if (permission && !can(actor.role, permission)) throw new HttpProblem('FORBIDDEN', AUTH_MESSAGES.forbidden);
    return true;
  }

  private async authenticate(request: FastifyRequest): Promise<SessionActor> {
    const token = /^Bearer ([^\s]+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new HttpProblem('UNAUTHENTICATED', AUTH_MESSAGES.noToken);
    const claims = await this.tokens.verify(token);
    if (!claims) throw expired();

    let session: AuthenticatedSession | null;
    try {
      session = await this.bus.request(IdentitySubjects.AuthenticateSession, { sessionId: claims.sid }, AuthenticatedSession.nullable(), {
        correlationId: request.id,
      });
    } catch (error) {
      // A session identity does not know or has ended; a bus failure stays a 503.
      if (error instanceof RemoteError && error.code !== 'INTERNAL') throw expired();
      throw error;
    }
    if (!session || session.accountId !== claims.sub || session.organisationId !== claims.org) throw expired();
    return { organisationId: session.organisationId, accountId: session.accountId, role: session.role, sessionId: session.sessionId };
  }
}

const expired = () => new HttpProblem('SESSION_EXPIRED', AUTH_MESSAGES.expired);
