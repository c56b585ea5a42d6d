import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify from 'fastify';

const HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      // Scripts only from the cabinet's own files (helmet's default script-src 'self'); antd's CSS-in-JS and the
      // docs page put <style> elements into the page, which needs inline styles.
      'style-src': ["'self'", "'unsafe-inline'"],
      'frame-ancestors': ["'none'"],
      // Embedded ELK is served over plain http (localhost, a LAN address): upgrading would break its own requests.
      'upgrade-insecure-requests': null,
    },
  },
  frameguard: { action: 'deny' },
};

/**
 * The headers helmet sets with ELK's options, worked out once by asking it on a Fastify of its own: they are the same
 * for every answer (no per-route options, no CSP nonces), and @fastify/helmet would build helmet's middleware again,
 * directives parsed, for every request (5% of the gateway's CPU for a terminal's push).
 */
async function helmetHeaders(): Promise<Record<string, string>> {
  const probe = Fastify();
  try {
    await probe.register(fastifyHelmet, HELMET_OPTIONS);
    probe.get('/', () => '');
    const answer = await probe.inject('/');
    const defaults = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);
    return Object.fromEntries(Object.entries(answer.headers).flatMap(([name, value]) => (defaults.has(name) || typeof value !== 'string' ? [] : [[name, value]])));
  } finally {
    await probe.close();
  }
}

/**
 * Security headers on every answer, whatever route (or none) it comes from: helmet's defaults (nosniff,
 * Referrer-Policy no-referrer, HSTS, …) with a CSP that the cabinet and /api/docs live with, no framing at all,
 * and no caching (answers carry tokens and personal data) unless a route says otherwise: the cabinet's static files
 * set their own Cache-Control.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  const headers = { ...(await helmetHeaders()), 'cache-control': 'no-store' };
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      void reply.headers(headers);
      done();
    });
}
