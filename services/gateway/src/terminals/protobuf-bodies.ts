import { POS_PROTOBUF_CONTENT_TYPE, protobufToPlain, plainToProtobuf } from '@elk/contracts';
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import { HttpProblem } from '../http/problem';
import { routerPath } from '../routes/route';
import { API_ROUTES } from '../routes/route-table';

/** The routes that speak protobuf too, by `METHOD /router/path`. */
const PROTOBUF_ROUTES = new Map(API_ROUTES.filter((route) => route.protobuf).map((route) => [`${route.method.toUpperCase()} ${routerPath(route.path)}`, route.protobuf!]));

const protobufOf = (request: FastifyRequest) => PROTOBUF_ROUTES.get(`${request.method} ${request.routeOptions.url}`);

/** The request asks for protobuf answers. */
export const wantsProtobuf = (request: FastifyRequest) => (request.headers.accept ?? '').split(',').some((type) => type.split(';')[0]!.trim().toLowerCase() === POS_PROTOBUF_CONTENT_TYPE);

/**
 * The terminal API in protobuf (`proto/README.md`, `libs/contracts/src/devices/pos-wire.ts`): a body sent as
 * `application/x-protobuf` becomes the object its JSON would be before any hook or guard sees it (so the same checks
 * and contract apply), and a 2xx answer to `Accept: application/x-protobuf` is encoded from the JSON the route
 * answered. Problems stay problem+json. Only routes whose declaration names its messages take it.
 */
export function acceptProtobuf(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.addContentTypeParser(POS_PROTOBUF_CONTENT_TYPE, { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    const request_ = protobufOf(request)?.request;
    if (!request_) return done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers['content-type']), undefined);
    try {
      done(null, protobufToPlain(request_, body as Buffer));
    } catch {
      done(new HttpProblem('VALIDATION_FAILED', 'Тело запроса не читается как сообщение protobuf этого адреса'), undefined);
    }
  });

  fastify.addHook('onSend', async (request, reply, payload) => {
    const response = protobufOf(request)?.response;
    if (!response || !wantsProtobuf(request) || reply.statusCode < 200 || reply.statusCode >= 300 || typeof payload !== 'string' || payload === '') return payload;
    void reply.header('content-type', POS_PROTOBUF_CONTENT_TYPE);
    const etag = reply.getHeader('etag');
    if (typeof etag === 'string') void reply.header('etag', protobufEtag(etag));
    return Buffer.from(plainToProtobuf(response, JSON.parse(payload)));
  });
}

/** The ETag of the protobuf form of an answer whose JSON has `etag`: another representation, another tag. */
export function protobufEtag(etag: string): string {
  return etag.endsWith('-pb"') ? etag : `${etag.slice(0, -1)}-pb"`;
}
