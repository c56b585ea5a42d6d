import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { registeredRoutes } from '../src/gateway.app';
import { checkRouteTable } from '../src/routes/route-table';
import { startGateway, type Gateway } from './gateway.harness';

// @fastify/static requires content-disposition 3, which is ESM-only: Jest on Node 20 cannot load it
// untransformed. The gateway never sends attachments, which is all that module is for.
jest.mock('content-disposition', () => ({ create: jest.fn() }));

const INDEX = '<!doctype html><html><body><div id="root"></div><script src="/assets/app-1a2b.js"></script></body></html>';
const SCRIPT = 'console.log("elk")';

describe('with the cabinet built', () => {
  let dist: string;
  let gateway: Gateway;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'elk-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    // As the cabinet's build writes them: a brotli and a gzip copy next to each file.
    writeFileSync(join(dist, 'assets/app-1a2b.js'), SCRIPT);
    writeFileSync(join(dist, 'assets/app-1a2b.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(dist, 'assets/app-1a2b.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(dist, 'index.html.br'), brotliCompressSync(INDEX));
    writeFileSync(join(dist, '.env'), 'SECRET=1');
    gateway = await startGateway({ webDist: dist });
  });
  afterAll(async () => {
    await gateway.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string) => gateway.app.inject({ method: 'GET', url });

  it("registers the built files as the cabinet's routes, which need no declaration", () => {
    const files = registeredRoutes(gateway.app).filter(({ url }) => url.startsWith('/assets/'));
    expect(files.map(({ url }) => url)).toContain('/assets/app-1a2b.js');
    expect(checkRouteTable(registeredRoutes(gateway.app))).toEqual({ undeclared: [], unregistered: [] });
  });

  it('serves index.html at /', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toBe(INDEX);
  });

  it('serves the built files', async () => {
    const response = await get('/assets/app-1a2b.js');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.body).toBe(SCRIPT);
  });

  it.each([
    ['the brotli copy to a browser that accepts brotli', { 'accept-encoding': 'gzip, deflate, br, zstd' }, 'br', brotliDecompressSync],
    ['the gzip copy to one that accepts only gzip', { 'accept-encoding': 'gzip' }, 'gzip', gunzipSync],
    ['the file itself to one that accepts no encoding', { 'accept-encoding': 'identity' }, undefined, (body: Buffer) => body],
    ['the file itself to one that does not say', {}, undefined, (body: Buffer) => body],
  ])('sends %s', async (_case, headers, encoding, decode) => {
    const response = await gateway.app.inject({ method: 'GET', url: '/assets/app-1a2b.js', headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe(encoding);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(decode(response.rawPayload).toString()).toBe(SCRIPT);
  });

  it('lets browsers keep the hashed files for a year without asking again', async () => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const response = await gateway.app.inject({ method: 'GET', url: '/assets/app-1a2b.js', headers: { 'accept-encoding': encoding } });
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it.each(['/', '/catalog/products'])('makes browsers ask again for index.html at %s, answering 304 while it is unchanged', async (url) => {
    const headers = { 'accept-encoding': 'gzip, deflate, br' };
    const response = await gateway.app.inject({ method: 'GET', url, headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(INDEX);
    const again = await gateway.app.inject({ method: 'GET', url, headers: { ...headers, 'if-none-match': String(response.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it.each(['/catalog/products', '/settings/employees/42', '/journals/sales?from=2024-01-01'])('answers the client-side route %s with index.html', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(INDEX);
  });

  it.each(['/api/v1/nothing-here', '/api', '/api/v2/me'])('keeps %s a problem+json 404', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', detail: 'Такого адреса в API нет' });
  });

  it('does not answer a missing file with index.html', async () => {
    expect((await get('/assets/missing-9z.js')).statusCode).toBe(404);
  });

  it('does not serve dotfiles', async () => {
    expect((await get('/.env')).statusCode).toBe(404);
  });

  it('answers an unknown method on an API path with a problem 404', async () => {
    const response = await gateway.app.inject({ method: 'DELETE', url: '/api/v1/me' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
  });
});

describe('without a build', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway({ webDist: join(tmpdir(), 'elk-web-does-not-exist') });
  });
  afterAll(() => gateway.close());

  it.each(['/', '/catalog/products'])('explains at %s in Russian how to build the cabinet', async (url) => {
    const response = await gateway.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('Веб-кабинет ещё не собран');
    expect(response.body).toContain('npm run build:web');
  });

  it('still serves the API', async () => {
    expect((await gateway.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
