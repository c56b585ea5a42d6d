import { registeredRoutes } from '../src/gateway.app';
import { isTerminalAccess, routeName } from '../src/routes/route';
import { API_ROUTES, checkRouteTable } from '../src/routes/route-table';
import { startGateway, type Gateway } from './gateway.harness';

const ROUTES = API_ROUTES.map(({ method, path }) => [method, path] as const);
/** Behind a session: the bearer access token. */
const SECURED = API_ROUTES.filter(({ access }) => access !== 'public' && access !== 'refresh-cookie' && !isTerminalAccess(access)).map(routeName);
const DEVICE = API_ROUTES.filter(({ access }) => access === 'device').map(routeName);
const CASHIER = API_ROUTES.filter(({ access }) => access === 'terminal-session').map(routeName);

let gateway: Gateway;
let document: any;
beforeAll(async () => {
  gateway = await startGateway();
  const response = await gateway.app.inject({ method: 'GET', url: '/api/docs/openapi.json' });
  expect(response.statusCode).toBe(200);
  document = response.json();
});
afterAll(() => gateway.close());

function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [value] : refsIn(value)));
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 in shape', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info).toEqual(expect.objectContaining({ title: expect.any(String), version: expect.any(String) }));
    expect(document.components.securitySchemes.bearer).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }));
    expect(document.components.securitySchemes.refreshCookie).toEqual(expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'elk_refresh' }));
    for (const [path, item] of Object.entries<any>(document.paths)) {
      expect(path).toMatch(/^\//);
      for (const [method, operation] of Object.entries<any>(item)) {
        expect(['get', 'post', 'put', 'patch', 'delete']).toContain(method);
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
        for (const [status, response] of Object.entries<any>(operation.responses)) {
          expect(status).toMatch(/^[1-5]\d\d$/);
          expect(typeof response.description).toBe('string');
        }
      }
    }
  });

  it('resolves every $ref to a component', () => {
    const refs = refsIn(document.paths);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refsIn(document)) {
      const [, section, name] = /^#\/components\/(\w+)\/(.+)$/.exec(ref) ?? [];
      expect(document.components[section!]?.[name!]).toBeDefined();
    }
  });

  it('lists every declared route, and the gateway serves exactly the declared routes besides the cabinet', () => {
    const listed = Object.entries<any>(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    expect(listed.sort()).toEqual(ROUTES.map(([method, path]) => `${method} ${path}`).sort());
    expect(ROUTES.length).toBeGreaterThanOrEqual(55);
    expect(checkRouteTable(registeredRoutes(gateway.app))).toEqual({ undeclared: [], unregistered: [] });
  });

  it('describes bodies with the contract schemas, strict, and errors as problem+json', () => {
    const signUp = document.paths['/api/v1/auth/sign-up'].post;
    expect(signUp.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SignUpRequest' });
    expect(document.components.schemas.SignUpRequest).toMatchObject({ type: 'object', additionalProperties: false, required: ['organisationName', 'fullName', 'phone', 'email', 'password'] });
    expect(signUp.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'idempotency-key', required: false })]));
    expect(signUp.responses['400'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/ProblemDetails' });
    expect(document.paths['/api/v1/auth/login'].post.responses['429'].headers['Retry-After']).toBeDefined();
  });

  it("lists each route's problems as its declaration implies them", () => {
    const statuses = (path: string, method: string) => Object.keys(document.paths[path][method].responses);
    expect(statuses('/api/v1/legal-entities/{id}', 'delete')).toEqual(['204', '400', '401', '403', '404', '409', '422', '500', '503']);
    expect(statuses('/api/v1/catalog/products', 'post')).toEqual(['201', '400', '401', '403', '409', '413', '422', '500', '503']);
    expect(statuses('/api/v1/employees/{id}/pin', 'post')).toEqual(['200', '401', '403', '404', '500', '503']);
    expect(statuses('/api/v1/me/password', 'post')).toEqual(['204', '400', '401', '413', '429', '500', '503']);
    expect(statuses('/api/v1/auth/refresh', 'post')).toEqual(['200', '401', '403', '500', '503']);
    expect(statuses('/api/ready', 'get')).toEqual(['200', '500', '503']);
    expect(statuses('/api/health', 'get')).toEqual(['200']);
    expect(document.paths['/api/v1/catalog/units/{id}'].put.parameters).toEqual([
      expect.objectContaining({ in: 'path', name: 'id', required: true, schema: expect.objectContaining({ format: 'uuid' }) }),
      expect.objectContaining({ in: 'header', name: 'idempotency-key', required: false }),
    ]);
  });

  it('documents the refresh cookie: set by log-in, taken by refresh with the CSRF header and no body', () => {
    expect(document.paths['/api/v1/auth/login'].post.responses['200'].headers['Set-Cookie']).toBeDefined();
    const refresh = document.paths['/api/v1/auth/refresh'].post;
    expect(refresh.requestBody).toBeUndefined();
    expect(refresh.parameters).toEqual([expect.objectContaining({ in: 'header', name: 'x-requested-with', required: true })]);
    expect(refresh.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/AccessTokenResponse' });
    expect(document.components.schemas.AccessTokenResponse.properties).not.toHaveProperty('refreshToken');
  });

  it('documents the filters of a list that has more than the search', () => {
    const parameters = document.paths['/api/v1/catalog/products'].get.parameters.map((parameter: { name: string }) => parameter.name);
    expect(parameters.sort()).toEqual(['categoryId', 'cursor', 'limit', 'search', 'sort', 'unitId']);
  });

  it('writes regex patterns without JavaScript flags', () => {
    const password = document.components.schemas.SignUpRequest.properties.password;
    expect(password.pattern).toBe('\\p{L}');
  });

  it('leaves only signing in (an invitation link too), a terminal\'s activation (the code is its proof), the dev outbox, health and the docs open to anyone', () => {
    const open = API_ROUTES.filter(({ access }) => access === 'public').map(routeName);
    expect(open.sort()).toEqual(
      [
        'POST /api/v1/auth/sign-up',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/password-reset/request',
        'POST /api/v1/auth/password-reset/confirm',
        'POST /api/v1/auth/invitation/check',
        'POST /api/v1/auth/invitation/accept',
        'GET /api/v1/dev/sms',
        'GET /api/health',
        'GET /api/ready',
        'GET /api/docs/openapi.json',
        'GET /api/docs',
        'POST /pos/v1/activation',
      ].sort(),
    );
  });

  it('marks exactly the routes behind a session as bearer-secured, the terminal API as taking the device credential (and a cashier session), and refresh the refresh cookie', () => {
    expect(CASHIER.sort()).toEqual(['DELETE /pos/v1/sessions/current', 'GET /pos/v1/sessions/current', 'POST /pos/v1/sales/events']);
    for (const [method, path] of ROUTES) {
      const operation = document.paths[path][method];
      const name = routeName({ method, path });
      const security = SECURED.includes(name)
        ? [{ bearer: [] }]
        : DEVICE.includes(name)
          ? [{ deviceCredential: [] }]
          : CASHIER.includes(name)
            ? [{ deviceCredential: [], terminalSession: [] }]
            : path === '/api/v1/auth/refresh'
              ? [{ refreshCookie: [] }]
              : [];
      expect([path, operation.security ?? []]).toEqual([path, security]);
    }
  });

  it('has a readable HTML page listing the operations and the error codes', async () => {
    const page = await gateway.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).not.toMatch(/<script|https?:\/\/(?!.*example)/);
    for (const [, path] of ROUTES) expect(page.body).toContain(`<code>${path}</code>`);
    expect(page.body).toContain('id="problem-idempotency-key-reused"');
  });
});
