import { randomUUID } from 'node:crypto';
import { LOGGER, type Logger } from '@elk/service-kit';
import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { acceptProductFiles } from './catalog/product-files.http-controller';
import { GatewayModule } from './gateway.module';
import { DEFAULT_BODY_LIMIT_BYTES, type GatewayOptions } from './gateway.options';
import { answerClientError, BARE_ANSWER_HEADERS } from './http/framework-errors';
import { ProblemFilter } from './http/problem.filter';
import { decorateRequests } from './http/request-context';
import { instrumentRequests } from './http/request-telemetry';
import { registerSecurityHeaders } from './http/security-headers';
import { refuseUnstorableText } from './http/unstorable-text';
import { applyBodyLimits, collectRoutes, type RegisteredRoute } from './routes/route-table';
import { acceptProtobuf } from './terminals/protobuf-bodies';
import { serveWebCabinet } from './web/web-cabinet';

const registered = new WeakMap<NestFastifyApplication, readonly RegisteredRoute[]>();

/** The routes the gateway's Fastify registered: what `checkRouteTable` compares with the declarations. */
export function registeredRoutes(app: NestFastifyApplication): readonly RegisteredRoute[] {
  const routes = registered.get(app);
  if (!routes) throw new Error('Not an application made by createGatewayApp');
  return routes;
}

/**
 * Builds the gateway's HTTP application, initialised and ready to `listen`. The caller owns the
 * infrastructure it passes in (bus, Redis) and closes it after `app.close()`.
 */
export async function createGatewayApp(options: GatewayOptions): Promise<NestFastifyApplication> {
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  // Made once the application gives its logger; the router's refusals come later still, with requests.
  let problems: ProblemFilter | undefined = undefined;
  const adapter = new FastifyAdapter({
    bodyLimit,
    trustProxy: options.trustProxy ?? false,
    genReqId: () => randomUUID(),
    logger: false,
    // What the router refuses before any route or hook (a path that does not decode to UTF-8) is a problem like the
    // rest, with the security headers no hook has set.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => problems!.answer(error, request, reply.headers(BARE_ANSWER_HEADERS)),
    // And so is what Node's HTTP parser refuses (a 100 KB URL).
    clientErrorHandler: answerClientError,
  });
  const fastify = adapter.getInstance();
  const routes = collectRoutes(fastify);
  applyBodyLimits(fastify);
  // JSON is the body the API takes (and product files on their import route): anything else is refused (415, answered as a 400 problem).
  fastify.removeContentTypeParser('text/plain');
  acceptProductFiles(fastify);
  acceptProtobuf(fastify, bodyLimit);

  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(options), adapter, { bodyParser: false, logger: false, abortOnError: false });
  const logger = app.get<Logger>(LOGGER).child({ module: 'gateway' });
  decorateRequests(fastify);
  instrumentRequests(fastify, logger);
  refuseUnstorableText(fastify);
  problems = new ProblemFilter(logger, bodyLimit);
  app.useGlobalFilters(problems);
  await registerSecurityHeaders(app);
  await app.register(fastifyCookie);
  await serveWebCabinet(app, options.webDist);
  await app.init();
  registered.set(app, routes);
  return app;
}
