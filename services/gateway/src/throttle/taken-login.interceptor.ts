import { RemoteError } from '@elk/messaging';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, type Observable } from 'rxjs';
import { AttemptThrottle } from './attempt-throttle';

const isLoginTaken = (error: unknown) => error instanceof RemoteError && (error.code === 'PHONE_TAKEN' || error.code === 'EMAIL_TAKEN');

/**
 * On every route but the terminals' (`@Route` applies it): an answer that a phone or email is already registered
 * (sign-up, adding an employee, a new phone on a card, and whatever route comes next) counts against the caller, so
 * that nobody learns at speed which phones have an ELK account. Login and password reset never give that answer.
 */
@Injectable()
export class TakenLoginInterceptor implements NestInterceptor {
  constructor(private readonly throttle: AttemptThrottle) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return next.handle().pipe(
      catchError(async (error: unknown) => {
        if (isLoginTaken(error)) await this.throttle.takenLoginAnswer({ accountId: request.actor?.accountId, ip: request.ip });
        throw error;
      }),
    );
  }
}
