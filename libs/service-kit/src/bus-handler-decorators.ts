import { Catch, SetMetadata, createParamDecorator, type CanActivate, type ExecutionContext, type PipeTransform, type RpcExceptionFilter } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';
import { DomainError, fieldErrorsOf, type Actor } from '@elk/contracts';
import type { z } from 'zod';
import type { BusContext } from './bus-transport';

const ANONYMOUS = Symbol('elk:anonymous-bus-call');

const unauthenticated = () => new DomainError('UNAUTHENTICATED', 'Войдите в личный кабинет');

/** Parses a bus payload with its contract schema; a bad one is VALIDATION_FAILED with a message per field. */
export class ContractPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(value);
    if (!parsed.success) throw new DomainError('VALIDATION_FAILED', 'Проверьте введённые данные', fieldErrorsOf(parsed.error));
    return parsed.data;
  }
}

/** The message's payload, parsed with the contract schema: `@BusPayload(AddUnit) command: AddUnit`. */
export const BusPayload = (schema: z.ZodType): ParameterDecorator => Payload(new ContractPipe(schema));

/** The verified actor the gateway put in the headers (BusActorGuard has refused calls without one). */
export const BusActor = createParamDecorator((_: unknown, host: ExecutionContext): Actor => {
  const actor = host.switchToRpc().getContext<BusContext>().actor;
  if (!actor) throw unauthenticated();
  return actor;
});

/** Lets calls without an actor through (sign-up, log-in, password reset, SMS codes): every other request needs one. */
export const AnonymousCall = (): MethodDecorator => SetMetadata(ANONYMOUS, true);

/**
 * Refuses a request without an actor with UNAUTHENTICATED unless its handler is an `@AnonymousCall()`. Integration
 * events carry no actor and pass.
 */
export class BusActorGuard implements CanActivate {
  private readonly reflector = new Reflector();

  canActivate(host: ExecutionContext): boolean {
    const context = host.switchToRpc().getContext<BusContext>();
    if (context.getEvent() !== null || context.actor) return true;
    if (this.reflector.get<boolean | undefined>(ANONYMOUS, host.getHandler())) return true;
    throw unauthenticated();
  }
}

/**
 * Hands every error back to the transport unchanged. Nest's default RPC filter would turn anything but an RpcException
 * into «Internal server error» and lose a DomainError's code; the bus already answers a coded error with its code,
 * message and details and anything else with INTERNAL and a generic message.
 */
@Catch()
export class BusErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
