import type { DescMessage } from '@bufbuild/protobuf';
import type { Permission } from '@elk/auth';
import { fieldErrorsOf } from '@elk/contracts';
import { applyDecorators, createParamDecorator, Delete, type ExecutionContext, Get, HttpCode, Post, Put, SetMetadata, UseInterceptors } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Authenticated } from '../auth/session.guard';
import { DeviceAuthenticated, TerminalSessionAuthenticated } from '../terminals/device.guard';
import { HttpProblem, MESSAGES } from '../http/problem';
import { IdempotencyHeaders } from '../idempotency/idempotency.service';
import { TakenLoginInterceptor } from '../throttle/taken-login.interceptor';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

/**
 * Who may call a route: the holders of a permission of libs/auth's matrix, any logged-in account (`session`), anyone
 * (`public`), whoever holds the refresh cookie (`refresh-cookie`, which also needs the CSRF header), an activated
 * terminal with its device credential (`device`, the /pos/v1 API), or such a terminal with a cashier logged in on it
 * (`terminal-session`: the session's token in `X-Terminal-Session` too).
 */
export type RouteAccess = Permission | 'session' | 'public' | 'refresh-cookie' | 'device' | 'terminal-session';

/** The route is a terminal's (/pos/v1): a device credential, and maybe a cashier's session. */
export const isTerminalAccess = (access: RouteAccess) => access === 'device' || access === 'terminal-session';

/** Whether a route needs a cabinet session (an access token) and may check a permission. */
export const needsSession = (access: RouteAccess) => access !== 'public' && access !== 'refresh-cookie' && !isTerminalAccess(access);

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a route's handler gets, each part parsed with the route's schema. */
export interface RouteInput<Query = undefined, Body = undefined, Headers = undefined> {
  /** The `{id}` path parameter (a uuid), on routes that declare one. */
  id: string;
  query: Output<Query>;
  body: Output<Body>;
  headers: Output<Headers>;
  /** The `Idempotency-Key` header, on routes that take one. */
  idempotencyKey: string | undefined;
}

/** A route's input whatever its schemas. */
export type AnyRouteInput = RouteInput<z.ZodType, z.ZodType, z.ZodType>;

/**
 * One HTTP route of the gateway, declared once: it serves the route (`@Route` on a controller method, or the
 * forwarding controller when it only forwards to the bus), describes it in the OpenAPI document and tells the
 * route-table check and the role matrix that it exists.
 */
export interface RouteDeclaration<Query extends z.ZodType | undefined = any, Body extends z.ZodType | undefined = any, Headers extends z.ZodType | undefined = any, Seed = any> {
  method: HttpMethod;
  /** The whole path, parameters as in OpenAPI: `/api/v1/catalog/units/{id}`. */
  path: string;
  access: RouteAccess;
  /** The `{id}` path parameter, a uuid: anything else is 404 with `notFound`, as an unknown id would be. */
  id?: { description: string; notFound: string };
  query?: Query;
  /** A JSON body; an absent one is judged as `{}`, so that every missing field is named. */
  body?: Body;
  /** Give the schema lower-case keys (as headers arrive) and keep it non-strict. */
  headers?: Headers;
  /** A body that is a file, read by the handler: its content types and how to describe them. */
  upload?: Record<string, z.ZodType>;
  /** Takes `Idempotency-Key`: keys are unique within this scope (and, on forwarded routes, the caller's organisation). */
  idempotencyScope?: string;
  /** Counts attempts (or answers that tell who has an account) and may answer 429 with Retry-After. */
  throttled?: boolean;
  /** A larger body than the gateway's usual limit (a terminal's batch): 413 above it. */
  bodyLimitBytes?: number;
  /** The route only asks a service: the forwarding controller serves it, answering the reply the response schema reads. */
  forward?: {
    subject: string;
    /** For a request that takes longer than the gateway's usual bus timeout (a bulk action, say). */
    timeoutMs?: number;
    /** Fresh ids for a first attempt of a write; a retry with the same Idempotency-Key gets its first attempt's. */
    seed?: () => Seed;
    payload: (input: RouteInput<Query, Body, Headers> & { seed: Seed }) => unknown;
  };
  response: {
    status: number;
    description: string;
    /** A JSON body, parsed from the service's reply on forwarded routes. */
    schema?: z.ZodType;
    /** Any other body, by content type. */
    content?: Record<string, z.ZodType>;
    /** The answer sets the refresh cookie. */
    setsRefreshCookie?: boolean;
  };
  tag: string;
  summary: string;
  description?: string;
  /** The terminal API's routes also speak protobuf (`terminals/protobuf-bodies.ts`): their messages. */
  protobuf?: { request?: DescMessage; response?: DescMessage };
  /** Problems the route answers beyond those its declaration implies (see `problemStatusesOf`); `none` for liveness and the docs. */
  problems?: number[] | 'none';
}

/** Declares a route (see RouteDeclaration); typed so that a forwarded route's payload sees its parsed input. */
export function route<Query extends z.ZodType | undefined = undefined, Body extends z.ZodType | undefined = undefined, Headers extends z.ZodType | undefined = undefined, Seed = undefined>(
  declaration: RouteDeclaration<Query, Body, Headers, Seed>,
): RouteDeclaration<Query, Body, Headers, Seed> {
  return declaration;
}

/** The input `@RouteInput()` gives a handler of `declaration`. */
export type InputOf<D> = D extends RouteDeclaration<infer Query, infer Body, infer Headers> ? RouteInput<Query, Body, Headers> : never;

/** Makes a schema a named component of the OpenAPI document (operations `$ref` it). */
export const named = <S extends z.ZodType>(id: string, schema: S): S => schema.meta({ id });

export const routeName = (declaration: Pick<RouteDeclaration, 'method' | 'path'>) => `${declaration.method.toUpperCase()} ${declaration.path}`;

/** `/api/v1/units/{id}` as Nest and Fastify write it: `/api/v1/units/:id`. */
export const routerPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

const ROUTE_DECLARATION = 'elk:route-declaration';
const METHODS = { get: Get, post: Post, put: Put, delete: Delete } as const;

/**
 * Serves `declaration` with the controller method: its method and path (give the controller no prefix), its status,
 * the session and permission it needs, and the input `@RouteInput()` parses. Every route but a terminal's counts the
 * answers that a phone or email is taken (TakenLoginInterceptor): no terminal route gives that answer, and a terminal's
 * push is the one route called thousands of times a second, where Nest's interceptor chain cost 4% of the gateway's CPU.
 */
export function Route(declaration: RouteDeclaration): MethodDecorator {
  const { access } = declaration;
  const terminal = access === 'device' ? DeviceAuthenticated() : access === 'terminal-session' ? TerminalSessionAuthenticated() : null;
  const guards = terminal ? [terminal] : needsSession(access) ? [Authenticated(access === 'session' ? undefined : (access as Permission))] : [];
  const interceptors = terminal ? [] : [UseInterceptors(TakenLoginInterceptor)];
  return applyDecorators(METHODS[declaration.method](routerPath(declaration.path)), HttpCode(declaration.response.status), SetMetadata(ROUTE_DECLARATION, declaration), ...guards, ...interceptors);
}

function parse(schema: z.ZodType, value: unknown): unknown {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpProblem('VALIDATION_FAILED', MESSAGES.invalidInput, { errors: fieldErrorsOf(result.error) });
  return result.data;
}

/** The input of a request to `declaration`: the id, then the body, the query, the headers and the Idempotency-Key, the first that does not fit a 400 (the id a 404). */
export function parseRouteInput(declaration: RouteDeclaration, request: FastifyRequest): AnyRouteInput {
  const id = (request.params as Record<string, string | undefined>).id;
  if (declaration.id && !z.uuid().safeParse(id).success) throw new HttpProblem('NOT_FOUND', declaration.id.notFound);
  const body = declaration.body ? parse(declaration.body, request.body ?? {}) : undefined;
  const query = declaration.query ? parse(declaration.query, request.query) : undefined;
  const headers = declaration.headers ? parse(declaration.headers, request.headers) : undefined;
  const idempotencyKey = declaration.idempotencyScope === undefined ? undefined : (parse(IdempotencyHeaders, request.headers) as IdempotencyHeaders)['idempotency-key'];
  return { id: id!, body, query, headers, idempotencyKey };
}

/** The parsed input of a method under `@Route(declaration)`; type it `InputOf<typeof declaration>`. */
export const RouteInput = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const declaration = Reflect.getMetadata(ROUTE_DECLARATION, context.getHandler()) as RouteDeclaration | undefined;
  if (!declaration) throw new Error('@RouteInput() needs @Route(declaration) on the method');
  return parseRouteInput(declaration, context.switchToHttp().getRequest<FastifyRequest>());
});
