import { AuthenticatedDevice, AuthenticatedTerminalSession, DevicesSubjects, IdentitySubjects, TERMINAL_SESSION_HEADER, type TerminalDevice, type TerminalEmployeeSession } from '@elk/contracts';
import { type CanActivate, type ExecutionContext, createParamDecorator, Injectable, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ServiceBus } from '../bus/service-bus';
import { HttpProblem } from '../http/problem';

/** A cashier's session on a terminal, as identity recognised it, with the token it was presented with. */
export type CashierSession = TerminalEmployeeSession & { token: string };

declare module 'fastify' {
  interface FastifyRequest {
    /** The terminal whose device credential came with the request: set by DeviceGuard. */
    device: TerminalDevice | null;
    /** The cashier's session on that terminal, from `X-Terminal-Session`: set by TerminalSessionGuard. */
    terminalSession: CashierSession | null;
  }
}

const NOT_ACTIVE = 'Терминал не активирован или деактивирован: активируйте его кодом из SMS, который можно получить в личном кабинете';

/**
 * The route is a terminal's: `Authorization: Bearer <device credential>` from `POST /pos/v1/activation`, which devices
 * must recognise as the current credential of an activated workplace. A cabinet access token is no credential.
 */
@Injectable()
export class DeviceGuard implements CanActivate {
  constructor(private readonly bus: ServiceBus) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const credential = /^Bearer ([^\s]+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!credential || credential.length > 200) throw new HttpProblem('UNAUTHENTICATED', NOT_ACTIVE);
    const device = await this.bus.request(DevicesSubjects.AuthenticateDevice, { credential }, AuthenticatedDevice, { correlationId: request.id });
    if (!device) throw new HttpProblem('UNAUTHENTICATED', NOT_ACTIVE);
    request.device = device;
    return true;
  }
}

const NO_SESSION = 'Сеанс кассира завершён: войдите по PIN-коду';

/**
 * After DeviceGuard: a cashier is logged in on this terminal, `X-Terminal-Session: <token>` from `POST /pos/v1/sessions`,
 * which identity must recognise as the device's live session (ended by log-out, the end of the shift, a role change,
 * the employee's deletion, and with the device's credential).
 */
@Injectable()
export class TerminalSessionGuard implements CanActivate {
  constructor(private readonly bus: ServiceBus) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = request.headers[TERMINAL_SESSION_HEADER];
    if (!request.device || typeof token !== 'string' || token.length > 200) throw new HttpProblem('UNAUTHENTICATED', NO_SESSION);
    const session = await this.bus.request(IdentitySubjects.AuthenticateTerminalSession, { device: request.device, token }, AuthenticatedTerminalSession, { correlationId: request.id });
    if (!session) throw new HttpProblem('UNAUTHENTICATED', NO_SESSION);
    request.terminalSession = { ...session, token };
    return true;
  }
}

export const DeviceAuthenticated = () => UseGuards(DeviceGuard);
export const TerminalSessionAuthenticated = () => UseGuards(DeviceGuard, TerminalSessionGuard);

/** The terminal calling a `device` route. */
export const CurrentDevice = createParamDecorator((_: unknown, context: ExecutionContext): TerminalDevice => {
  const { device } = context.switchToHttp().getRequest<FastifyRequest>();
  if (!device) throw new Error('@CurrentDevice() needs a route with access `device`');
  return device;
});

/** The cashier's session on a `terminal-session` route. */
export const CurrentTerminalSession = createParamDecorator((_: unknown, context: ExecutionContext): CashierSession => {
  const { terminalSession } = context.switchToHttp().getRequest<FastifyRequest>();
  if (!terminalSession) throw new Error('@CurrentTerminalSession() needs a route with access `terminal-session`');
  return terminalSession;
});
