import { startGateway, validBodies, type Gateway } from './gateway.harness';

// Over a real socket: Node's HTTP parser, which refuses an oversized request, is not in app.inject()'s path.
let gateway: Gateway;
let url: string;
beforeAll(async () => {
  gateway = await startGateway();
  await gateway.app.listen(0, '127.0.0.1');
  url = await gateway.app.getUrl();
});
afterAll(() => gateway.close());

const russian = /[А-яЁё]{3}/;

const answers: Array<[string, () => Promise<Response>]> = [
  ['a JSON answer', () => fetch(`${url}/api/health`)],
  ['an answer with tokens', () => fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(validBodies()['/api/v1/auth/login']) })],
  ['a 401 problem', () => fetch(`${url}/api/v1/me`)],
  ['an unknown API path', () => fetch(`${url}/api/v1/nothing-here`)],
  ['unreadable JSON', () => fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' })],
  ['the API docs page', () => fetch(`${url}/api/docs`)],
  ['a cabinet page', () => fetch(`${url}/catalog/products`)],
  ['a URL that cannot be decoded', () => fetch(`${url}/api/v1/catalog/products/%ff`)],
  ['a URL too long to read', () => fetch(`${url}/api/v1/catalog/products?search=${'x'.repeat(100_000)}`)],
];

describe('security headers', () => {
  it.each(answers)('come with %s', async (_, request) => {
    const response = await request();
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'|default-src 'none'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('what Fastify and Node refuse before any route', () => {
  async function expectProblem(response: Response, status: number) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    const problem = (await response.json()) as { detail: string; errors: unknown };
    expect(problem).toMatchObject({ type: '/api/docs#problem-validation-failed', status, code: 'VALIDATION_FAILED', title: expect.stringMatching(russian), detail: expect.stringMatching(russian) });
    expect(problem.errors).toEqual([{ path: '', message: problem.detail }]);
  }

  it('answers a URL that cannot be decoded (%ff) with a 400 problem in Russian', async () => {
    await expectProblem(await fetch(`${url}/api/v1/catalog/products/%ff`), 400);
  });

  it('answers a 100 KB URL with a 431 problem in Russian', async () => {
    await expectProblem(await fetch(`${url}/api/v1/catalog/products?search=${'x'.repeat(100_000)}`), 431);
  });

  it('keeps serving after both', async () => {
    await fetch(`${url}/api/v1/catalog/products/%ff`);
    await fetch(`${url}/api/v1/catalog/products?search=${'x'.repeat(100_000)}`);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });
});
