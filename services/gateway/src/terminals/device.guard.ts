import { AuthenticatedDevice, DevicesSubjects, type TerminalDevice } from '@elk/contracts';
import { type CanActivate, type ExecutionContext, createParamDecorator, Injectable, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ServiceBus } from '../bus/service-bus';
import { HttpProblem } from '../http/problem';

declare module 'fastify' {
  interface FastifyRequest {
    /** The terminal whose device credential came with the request: set by DeviceGuard. */
    device: TerminalDevice | null;
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

export const DeviceAuthenticated = () => UseGuards(DeviceGuard);

/** The terminal calling a `device` route. */
export const CurrentDevice = createParamDecorator((_: unknown, context: ExecutionContext): TerminalDevice => {
  const { device } = context.switchToHttp().getRequest<FastifyRequest>();
  if (!device) throw new Error('@CurrentDevice() needs a route with access `device`');
  return device;
});
