import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

const WEB_NOT_BUILT_PAGE = `<!doctype html>
<html lang="ru">
<head><meta charset="utf-8"><title>ELK — личный кабинет</title></head>
<body style="font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>Веб-кабинет ещё не собран</h1>
<p>Соберите его командой <code>npm run build:web</code> в корне проекта и обновите страницу.</p>
<p>API уже работает: описание — на странице <a href="/api/docs">/api/docs</a>.</p>
</body>
</html>`;

/** A year (and no revalidation) for the build's hashed files: a new build names its files anew. */
const HASHED_FILE = 'public, max-age=31536000, immutable';
/** index.html and other unhashed files: asked again (a 304 while unchanged), so a new build's page is seen at once. */
const UNHASHED_FILE = 'no-cache';

function cacheControlOf(root: string, file: string): string {
  return relative(root, file).startsWith(`assets${sep}`) ? HASHED_FILE : UNHASHED_FILE;
}

/**
 * Serves the built cabinet (services/web/dist) and answers its client-side routes (`/catalog/products`,
 * say) with index.html. /api paths and missing files stay 404; without a build, pages explain how to make one.
 */
export async function serveWebCabinet(app: NestFastifyApplication, webDist: string | undefined): Promise<void> {
  const root = webDist === undefined ? undefined : resolve(webDist);
  const built = root !== undefined && existsSync(join(root, 'index.html'));
  if (built) {
    // Loaded only when there is a build to serve: it requires the ESM-only content-disposition, which Jest on
    // Node 20 cannot load unless transformed, and test suites without a web build should not need it.
    const { default: fastifyStatic } = await import('@fastify/static');
    // wildcard: false routes each built file by name, so the catch-all below only sees the rest. preCompressed: the
    // build's .br or .gz copy of a file, as the browser accepts (Vary: accept-encoding).
    await app.register(fastifyStatic, { root, wildcard: false, dotfiles: 'ignore', preCompressed: true, setHeaders: (reply, path) => void reply.header('cache-control', cacheControlOf(root, path)) });
  }

  const page = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/api' || path.startsWith('/api/') || /\.[^/]*$/.test(path)) return reply.callNotFound();
    return built ? reply.sendFile('index.html') : reply.type('text/html; charset=utf-8').send(WEB_NOT_BUILT_PAGE);
  };
  const fastify = app.getHttpAdapter().getInstance();
  if (!built) fastify.get('/', page);
  fastify.get('/*', page);
}
