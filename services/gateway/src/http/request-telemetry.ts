import type { Logger } from '@elk/service-kit';
import { extractTraceContext, SpanKind, type TraceHeaders } from '@elk/telemetry';
import { context, isSpanContextValid, SpanStatusCode, trace } from '@opentelemetry/api';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_URL_PATH } from '@opentelemetry/semantic-conventions';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const tracer = trace.getTracer('@elk/gateway');

/**
 * Runs every request in a server span (continuing the caller's trace when it sends `traceparent`) and
 * writes one log line per request: method, route, status, duration and trace id — never a body or a header.
 */
export function instrumentRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const parent = extractTraceContext(request.headers as TraceHeaders);
    const route = routeOf(request);
    const span = tracer.startSpan(
      route ? `${request.method} ${route}` : request.method,
      {
        kind: SpanKind.SERVER,
        attributes: { [ATTR_HTTP_REQUEST_METHOD]: request.method, [ATTR_URL_PATH]: request.url.split('?')[0], ...(route ? { [ATTR_HTTP_ROUTE]: route } : {}) },
      },
      parent,
    );
    request.traceContext = trace.setSpan(parent, span);
    done();
  });

  // Fastify calls the route handler from the last preHandler's `done`: calling it inside the span's context
  // makes the span active for guards, controllers and the bus requests they send.
  fastify.addHook('preHandler', (request, _reply, done) => {
    if (request.traceContext) context.with(request.traceContext, done);
    else done();
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const span = request.traceContext ? trace.getSpan(request.traceContext) : undefined;
    span?.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, reply.statusCode);
    if (reply.statusCode >= 500) span?.setStatus({ code: SpanStatusCode.ERROR });
    span?.end();
    logger.info(
      {
        method: request.method,
        route: routeOf(request) ?? null,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        traceId: traceIdOf(request),
        requestId: request.id,
      },
      'request',
    );
    done();
  });
}

/** The request's trace id for log lines, when a tracing SDK is running. */
export function traceIdOf(request: FastifyRequest): string | undefined {
  const spanContext = request.traceContext ? trace.getSpanContext(request.traceContext) : undefined;
  return spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

// The matched route pattern, not the URL: ids and query strings stay out of span names and logs.
function routeOf(request: FastifyRequest): string | undefined {
  return request.routeOptions.url;
}
