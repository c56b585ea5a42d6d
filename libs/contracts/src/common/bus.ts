/**
 * Who is acting travels in message headers, set by the gateway from the verified token (never from a
 * body). Services read them with `actorOf(headers)`.
 */
import type { Role } from './roles';

export const HEADER_ORGANISATION_ID = 'elk-organisation-id';
export const HEADER_ACTOR = 'elk-actor';
export const HEADER_ROLE = 'elk-role';
export const HEADER_SESSION_ID = 'elk-session-id';
export const HEADER_CORRELATION_ID = 'elk-correlation-id';

export interface Actor {
  organisationId: string;
  /** Account id (or device id for POS terminals). */
  accountId: string;
  role: Role;
  sessionId?: string;
}

export function actorHeaders(actor: Actor, correlationId: string): Record<string, string> {
  return {
    [HEADER_ORGANISATION_ID]: actor.organisationId,
    [HEADER_ACTOR]: actor.accountId,
    [HEADER_ROLE]: actor.role,
    ...(actor.sessionId ? { [HEADER_SESSION_ID]: actor.sessionId } : {}),
    [HEADER_CORRELATION_ID]: correlationId,
  };
}

/** The actor named in headers, or null for anonymous calls (sign-up, log-in). */
export function actorOf(headers: Record<string, string>): Actor | null {
  const organisationId = headers[HEADER_ORGANISATION_ID];
  const accountId = headers[HEADER_ACTOR];
  const role = headers[HEADER_ROLE] as Role | undefined;
  if (!organisationId || !accountId || !role) return null;
  return { organisationId, accountId, role, sessionId: headers[HEADER_SESSION_ID] };
}
