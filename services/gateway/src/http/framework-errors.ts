import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { invalidRequest, MESSAGES, PROBLEM_CONTENT_TYPE } from './problem';

/**
 * What Fastify and Node refuse before any route (or hook) runs gets the strictest headers written along: a problem
 * body needs nothing from anywhere.
 */
export const BARE_ANSWER_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses (a 100 KB URL: 431) gets the same Russian
 * problem+json as the rest of the API, instead of Fastify's English JSON.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A connection reset leaves nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const [status, detail] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, MESSAGES.requestTooLarge]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, MESSAGES.requestTimeout]
          : [400, MESSAGES.malformedRequest];
    const body = JSON.stringify(invalidRequest(detail, status));
    const headers = { ...BARE_ANSWER_HEADERS, 'content-type': PROBLEM_CONTENT_TYPE, 'content-length': Buffer.byteLength(body), connection: 'close' };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`);
  }
  socket.destroy(error);
}
