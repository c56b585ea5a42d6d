import { Controller, Req, Res, type Type } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ServiceBus } from '../bus/service-bus';
import { Idempotency } from '../idempotency/idempotency.service';
import { Route, RouteInput, routeName, type AnyRouteInput, type RouteDeclaration } from './route';

/**
 * A controller serving every declared route that only forwards to a service: parse the input (`@Route`, `@RouteInput`),
 * ask the service with the payload the declaration makes of it (behind the Idempotency-Key when the route takes one),
 * answer the reply read with the response schema (nothing for a response without one).
 */
export function forwardingController(routes: readonly RouteDeclaration[]): Type<unknown> {
  @Controller()
  class ForwardingHttpController {
    constructor(
      readonly bus: ServiceBus,
      readonly idempotency: Idempotency,
    ) {}
  }

  for (const declaration of routes) {
    const { forward, response, idempotencyScope } = declaration;
    if (!forward) throw new Error(`${routeName(declaration)} does not forward to the bus: serve it with @Route in a controller`);
    const handler = async function (this: ForwardingHttpController, input: AnyRouteInput, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
      const caller = { actor: request.actor ?? undefined, correlationId: request.id, timeoutMs: forward.timeoutMs };
      const run = (seed: unknown) => this.bus.request(forward.subject, forward.payload({ ...input, seed }), response.schema ?? z.unknown(), caller);
      const answer =
        idempotencyScope === undefined
          ? await run(forward.seed?.())
          : await this.idempotency.respond(reply, {
              scope: `${idempotencyScope}:${request.actor?.organisationId}`,
              key: input.idempotencyKey,
              // A key sent again for another record, or with another body, is refused.
              request: { id: input.id, query: input.query, body: input.body },
              seed: () => forward.seed?.(),
              run,
            });
      return response.schema ? answer : undefined;
    };
    const name = routeName(declaration);
    Object.defineProperty(ForwardingHttpController.prototype, name, { value: handler, writable: true, configurable: true });
    Route(declaration)(ForwardingHttpController.prototype, name, Object.getOwnPropertyDescriptor(ForwardingHttpController.prototype, name)!);
    RouteInput()(ForwardingHttpController.prototype, name, 0);
    Req()(ForwardingHttpController.prototype, name, 1);
    Res({ passthrough: true })(ForwardingHttpController.prototype, name, 2);
  }
  return ForwardingHttpController;
}
