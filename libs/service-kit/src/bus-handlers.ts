import { actorOf, DomainError, fieldErrorsOf, type Actor } from '@elk/contracts';
import type { Closeable, MessageBus } from '@elk/messaging';
import type { z } from 'zod';

export interface BusHandlerContext {
  /** The verified actor from the gateway, or null for anonymous calls (sign-up, log-in). */
  actor: Actor | null;
  headers: Record<string, string>;
}

export interface BusHandlerDefinition<S extends z.ZodType = z.ZodType, R = unknown> {
  subject: string;
  schema: S;
  /** When true, calls without an actor are refused with UNAUTHENTICATED. */
  requiresActor: boolean;
  handle(payload: z.infer<S>, context: BusHandlerContext): Promise<R>;
}

/** The actor of a handler with `requiresActor` (serveBusHandlers has refused the calls without one). */
export function actorIn(context: BusHandlerContext): Actor {
  if (!context.actor) throw new DomainError('UNAUTHENTICATED', 'Войдите в личный кабинет');
  return context.actor;
}

export function busHandler<S extends z.ZodType, R>(definition: BusHandlerDefinition<S, R>): BusHandlerDefinition<S, R> {
  return definition;
}

/**
 * Serves each handler on its subject in a queue group named after the service, so any number of
 * instances share the load. Payloads are parsed with the contract schema at this edge; a bad one is a
 * VALIDATION_FAILED domain error with per-field messages.
 */
export async function serveBusHandlers(bus: MessageBus, queue: string, handlers: BusHandlerDefinition[]): Promise<Closeable> {
  const subscriptions = await Promise.all(
    handlers.map((definition) =>
      bus.serve(
        definition.subject,
        async (request) => {
          const actor = actorOf(request.headers);
          if (definition.requiresActor && !actor) throw new DomainError('UNAUTHENTICATED', 'Войдите в личный кабинет');
          const parsed = definition.schema.safeParse(request.data);
          if (!parsed.success) throw new DomainError('VALIDATION_FAILED', 'Проверьте введённые данные', fieldErrorsOf(parsed.error));
          return definition.handle(parsed.data, { actor, headers: request.headers });
        },
        { queue },
      ),
    ),
  );
  return { close: async () => void (await Promise.all(subscriptions.map((s) => s.close()))) };
}
