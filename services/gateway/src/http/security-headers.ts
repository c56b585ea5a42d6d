import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Security headers on every answer, whatever route (or none) it comes from: helmet's defaults (nosniff,
 * Referrer-Policy no-referrer, HSTS, …) with a CSP that the cabinet and /api/docs live with, no framing at all,
 * and no caching (answers carry tokens and personal data) unless a route says otherwise: the cabinet's static files
 * set their own Cache-Control.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyHelmet, {
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
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
    });
}
