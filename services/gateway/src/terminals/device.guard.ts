import { AuthenticatedDevice, AuthenticatedTerminalSession, DevicesSubjects, IdentitySubjects, TERMINAL_SESSION_HEADER, TerminalSession, type TerminalDevice } from '@elk/contracts';
import { type CanActivate, type ExecutionContext, createParamDecorator, Injectable, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ServiceBus } from '../bus/service-bus';
import { HttpProblem } from '../http/problem';
import { TerminalAuthCache, type TerminalAuthentication } from './terminal-auth-cache';

/** A cashier's session on a terminal, as identity and devices recognised it, with the token it was presented with. */
export type CashierSession = TerminalSession & { token: string };

declare module 'fastify' {
  interface FastifyRequest {
    /** The terminal whose device credential came with the request: set by DeviceGuard or TerminalSessionGuard. */
    device: TerminalDevice | null;
    /** The cashier's session on that terminal, from `X-Terminal-Session`: set by TerminalSessionGuard (which sets `device` too). */
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
    request.device = await authenticateDevice(this.bus, request, presentedCredential(request));
    return true;
  }
}

function presentedCredential(request: FastifyRequest): string {
  const credential = /^Bearer ([^\s]+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!credential || credential.length > 200) throw new HttpProblem('UNAUTHENTICATED', NOT_ACTIVE);
  return credential;
}

async function authenticateDevice(bus: ServiceBus, request: FastifyRequest, credential: string): Promise<TerminalDevice> {
  const device = await bus.request(DevicesSubjects.AuthenticateDevice, { credential }, AuthenticatedDevice, { correlationId: request.id });
  if (!device) throw new HttpProblem('UNAUTHENTICATED', NOT_ACTIVE);
  return device;
}

const NO_SESSION = 'Сеанс кассира завершён: войдите по PIN-коду';

/**
 * The route needs a cashier logged in on the terminal: besides the device credential, `X-Terminal-Session: <token>`
 * from `POST /pos/v1/sessions`, which identity must recognise as the device's live session (ended by log-out, the end
 * of the shift, a role change, the employee's deletion, and with the device's credential); devices then tells what the
 * session allows (payment methods at the sales point). What the three requests yield is kept in TerminalAuthCache, so
 * a terminal's next requests ask nothing until something of its organisation changes.
 */
@Injectable()
export class TerminalSessionGuard implements CanActivate {
  constructor(
    private readonly bus: ServiceBus,
    private readonly cache: TerminalAuthCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const credential = presentedCredential(request);
    const token = request.headers[TERMINAL_SESSION_HEADER];
    if (typeof token !== 'string' || token.length > 200) {
      // A dead terminal is told so first, whatever else it sent.
      await authenticateDevice(this.bus, request, credential);
      throw new HttpProblem('UNAUTHENTICATED', NO_SESSION);
    }
    const key = this.cache.keyOf(credential, token);
    const authenticated = this.cache.get(key) ?? (await this.authenticate(request, key, credential, token));
    request.device = authenticated.device;
    request.terminalSession = { ...authenticated.session, token };
    return true;
  }

  private async authenticate(request: FastifyRequest, key: string, credential: string, token: string): Promise<TerminalAuthentication> {
    const generation = this.cache.generation;
    const caller = { correlationId: request.id };
    const device = await authenticateDevice(this.bus, request, credential);
    const employeeSession = await this.bus.request(IdentitySubjects.AuthenticateTerminalSession, { device, token }, AuthenticatedTerminalSession, caller);
    if (!employeeSession) throw new HttpProblem('UNAUTHENTICATED', NO_SESSION);
    const session = await this.bus.request(DevicesSubjects.GetTerminalSession, { device, session: employeeSession }, TerminalSession, caller);
    this.cache.store(key, { device, session }, generation);
    return { device, session };
  }
}

export const DeviceAuthenticated = () => UseGuards(DeviceGuard);
export const TerminalSessionAuthenticated = () => UseGuards(TerminalSessionGuard);

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
