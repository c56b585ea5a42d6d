import type { Actor } from '@elk/contracts';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Context } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** An actor that came in with an access token: always names its session. */
export type SessionActor = Actor & { sessionId: string };

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller: set by SessionGuard, null on anonymous routes. */
    actor: SessionActor | null;
    /** The context holding this request's server span (see instrumentRequests). */
    traceContext: Context | null;
  }
}

export function decorateRequests(fastify: FastifyInstance): void {
  fastify.decorateRequest('actor', null);
  fastify.decorateRequest('device', null);
  fastify.decorateRequest('terminalSession', null);
  fastify.decorateRequest('traceContext', null);
}

const requestOf = (context: ExecutionContext) => context.switchToHttp().getRequest<FastifyRequest>();

/** The caller of an `@Authenticated()` route. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): SessionActor => {
  const { actor } = requestOf(context);
  if (!actor) throw new Error('@CurrentActor() needs @Authenticated() on the route');
  return actor;
});

/** The request id, passed to services as the correlation id of what they do for it. */
export const CorrelationId = createParamDecorator((_: unknown, context: ExecutionContext): string => requestOf(context).id);

/** The client's address (behind a proxy only with `trustProxy` set). */
export const ClientIp = createParamDecorator((_: unknown, context: ExecutionContext): string => requestOf(context).ip);

/**
 * Where the client reached the gateway, `https://host[:port]` (behind a proxy, the forwarded protocol and host with
 * `trustProxy`): the cabinet's address when no fixed one is configured.
 */
export const RequestOrigin = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const request = requestOf(context);
  return `${request.protocol}://${request.host}`;
});
