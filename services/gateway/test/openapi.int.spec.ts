import { startGateway, type Gateway } from './gateway.harness';

const ROUTES = [
  ['post', '/api/v1/auth/sign-up'],
  ['post', '/api/v1/auth/login'],
  ['post', '/api/v1/auth/refresh'],
  ['post', '/api/v1/auth/logout'],
  ['post', '/api/v1/auth/password-reset/request'],
  ['post', '/api/v1/auth/password-reset/confirm'],
  ['get', '/api/v1/me'],
  ['post', '/api/v1/me/password'],
  ['get', '/api/v1/legal-entities'],
  ['post', '/api/v1/legal-entities'],
  ['get', '/api/v1/legal-entities/{id}'],
  ['put', '/api/v1/legal-entities/{id}'],
  ['delete', '/api/v1/legal-entities/{id}'],
  ['get', '/api/v1/legal-entities/{id}/history'],
  ['get', '/api/v1/sales-points'],
  ['post', '/api/v1/sales-points'],
  ['get', '/api/v1/sales-points/{id}'],
  ['put', '/api/v1/sales-points/{id}'],
  ['delete', '/api/v1/sales-points/{id}'],
  ['put', '/api/v1/sales-points/{id}/payment-methods'],
  ['get', '/api/v1/sales-points/{id}/history'],
  ['get', '/api/v1/employees'],
  ['post', '/api/v1/employees'],
  ['get', '/api/v1/employees/{id}'],
  ['put', '/api/v1/employees/{id}'],
  ['delete', '/api/v1/employees/{id}'],
  ['post', '/api/v1/employees/{id}/pin'],
  ['post', '/api/v1/employees/{id}/phone-confirmation'],
  ['get', '/api/v1/employees/{id}/history'],
  ['get', '/api/v1/catalog/units'],
  ['post', '/api/v1/catalog/units'],
  ['get', '/api/v1/catalog/units/{id}'],
  ['put', '/api/v1/catalog/units/{id}'],
  ['delete', '/api/v1/catalog/units/{id}'],
  ['get', '/api/v1/catalog/units/{id}/history'],
  ['get', '/api/v1/catalog/categories'],
  ['post', '/api/v1/catalog/categories'],
  ['get', '/api/v1/catalog/categories/{id}'],
  ['put', '/api/v1/catalog/categories/{id}'],
  ['delete', '/api/v1/catalog/categories/{id}'],
  ['get', '/api/v1/catalog/categories/{id}/history'],
  ['get', '/api/v1/catalog/products'],
  ['post', '/api/v1/catalog/products'],
  ['get', '/api/v1/catalog/products/{id}'],
  ['put', '/api/v1/catalog/products/{id}'],
  ['delete', '/api/v1/catalog/products/{id}'],
  ['get', '/api/v1/catalog/products/{id}/history'],
  ['get', '/api/v1/catalog/products/export'],
  ['post', '/api/v1/catalog/products/import'],
  ['get', '/api/v1/catalog/products/import/{id}'],
  ['get', '/api/v1/dev/sms'],
  ['get', '/api/health'],
  ['get', '/api/ready'],
  ['get', '/api/docs/openapi.json'],
  ['get', '/api/docs'],
] as const;
const SECURED = [
  '/api/v1/auth/logout',
  '/api/v1/me',
  '/api/v1/me/password',
  '/api/v1/legal-entities',
  '/api/v1/legal-entities/{id}',
  '/api/v1/legal-entities/{id}/history',
  '/api/v1/sales-points',
  '/api/v1/sales-points/{id}',
  '/api/v1/sales-points/{id}/payment-methods',
  '/api/v1/sales-points/{id}/history',
  '/api/v1/employees',
  '/api/v1/employees/{id}',
  '/api/v1/employees/{id}/pin',
  '/api/v1/employees/{id}/phone-confirmation',
  '/api/v1/employees/{id}/history',
  '/api/v1/catalog/units',
  '/api/v1/catalog/units/{id}',
  '/api/v1/catalog/units/{id}/history',
  '/api/v1/catalog/categories',
  '/api/v1/catalog/categories/{id}',
  '/api/v1/catalog/categories/{id}/history',
  '/api/v1/catalog/products',
  '/api/v1/catalog/products/{id}',
  '/api/v1/catalog/products/{id}/history',
  '/api/v1/catalog/products/export',
  '/api/v1/catalog/products/import',
  '/api/v1/catalog/products/import/{id}',
];

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

  it('lists every route the gateway serves, and serves every route it lists', () => {
    const listed = Object.entries<any>(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    expect(listed.sort()).toEqual(ROUTES.map(([method, path]) => `${method} ${path}`).sort());
    const fastify = gateway.app.getHttpAdapter().getInstance();
    for (const [method, url] of ROUTES) expect(fastify.hasRoute({ method: method.toUpperCase() as 'GET', url: url.replace('{id}', ':id') })).toBe(true);
  });

  it('describes bodies with the contract schemas, strict, and errors as problem+json', () => {
    const signUp = document.paths['/api/v1/auth/sign-up'].post;
    expect(signUp.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SignUpRequest' });
    expect(document.components.schemas.SignUpRequest).toMatchObject({ type: 'object', additionalProperties: false, required: ['organisationName', 'fullName', 'phone', 'email', 'password'] });
    expect(signUp.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'idempotency-key', required: false })]));
    expect(signUp.responses['400'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/ProblemDetails' });
    expect(document.paths['/api/v1/auth/login'].post.responses['429'].headers['Retry-After']).toBeDefined();
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
    expect(parameters.sort()).toEqual(['categoryId', 'cursor', 'limit', 'search', 'sort']);
  });

  it('writes regex patterns without JavaScript flags', () => {
    const password = document.components.schemas.SignUpRequest.properties.password;
    expect(password.pattern).toBe('\\p{L}');
  });

  it('marks exactly the routes behind a session as bearer-secured, and refresh as taking the refresh cookie', () => {
    for (const [method, path] of ROUTES) {
      const operation = document.paths[path][method];
      const security = SECURED.includes(path) ? [{ bearer: [] }] : path === '/api/v1/auth/refresh' ? [{ refreshCookie: [] }] : [];
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
