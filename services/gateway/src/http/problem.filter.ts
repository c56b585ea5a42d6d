import type { Logger } from '@elk/service-kit';
import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PRODUCT_FILE_BODY_LIMIT_BYTES } from '../catalog/product-file-formats';
import { PRODUCT_IMPORT_PATH } from '../catalog/product-files.http-controller';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem';
import { traceIdOf } from './request-telemetry';

/**
 * Every error leaves as RFC 9457 problem+json. Failures on our side are logged with the trace id and
 * answered with a generic message: no stack, no internal detail reaches the client.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly bodyLimitBytes: number,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.answer(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }

  /** Also answers what Fastify's router refuses before any route, which never reaches Nest (see createGatewayApp). */
  answer(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
    // Product files have a larger limit of their own (their parser's), and some routes declare one: say that one.
    const bodyLimit = request.routeOptions.url === PRODUCT_IMPORT_PATH ? PRODUCT_FILE_BODY_LIMIT_BYTES : (request.routeOptions.bodyLimit ?? this.bodyLimitBytes);
    const { problem, headers, failure } = toProblem(error, bodyLimit);

    if (failure !== undefined) {
      if (request.traceContext) trace.getSpan(request.traceContext)?.recordException(failure instanceof Error ? failure : String(failure));
      const fields = { err: failure, method: request.method, route: request.routeOptions.url, traceId: traceIdOf(request) };
      if (problem.code === 'INTERNAL') this.logger.error(fields, 'request failed');
      else this.logger.warn(fields, 'service unavailable');
    }
    if (reply.sent) return;
    void reply.status(problem.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
