import { UNSTORABLE_TEXT_MESSAGE } from '@elk/contracts';
import fc from 'fast-check';
import type { InjectOptions } from 'light-my-request';
import { startGateway, validBodies, type Gateway } from './gateway.harness';

let gateway: Gateway;
let token: string;
beforeAll(async () => {
  // Generous limits: this suite sends many requests from one address.
  const generous = { points: 10_000, durationSeconds: 60 };
  gateway = await startGateway({ throttle: { loginPerAccount: generous, loginPerIp: generous, passwordResetPerIp: generous, passwordResetPerPhone: generous } });
  ({ token } = await gateway.services.signedIn());
});
afterAll(() => gateway.close());

const bodies = validBodies();
const endpoints = Object.keys(bodies) as Array<keyof typeof bodies>;

function send(url: string, options: Omit<InjectOptions, 'url' | 'method'>) {
  const headers = { ...(url.startsWith('/api/v1/me') ? { authorization: `Bearer ${token}` } : {}), ...(options.headers as Record<string, string>) };
  return gateway.app.inject({ method: 'POST', url, ...options, headers });
}

const russian = /[А-яЁё]/;

async function expectBadInput(response: Awaited<ReturnType<typeof send>>, paths?: string[]) {
  expect(response.statusCode).toBe(400);
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  const problem = response.json();
  expect(problem).toMatchObject({ type: '/api/docs#problem-validation-failed', status: 400, code: 'VALIDATION_FAILED', title: expect.stringMatching(russian) });
  expect(problem.errors.length).toBeGreaterThan(0);
  for (const error of problem.errors) expect(error.message).toMatch(russian);
  if (paths) expect(problem.errors.map((error: { path: string }) => error.path)).toEqual(expect.arrayContaining(paths));
  return problem;
}

describe.each(endpoints)('POST %s refuses bad input with 400 and Russian per-field errors', (url) => {
  const valid: Record<string, unknown> = bodies[url];
  const fields = Object.keys(valid);

  it('malformed JSON', async () => {
    await expectBadInput(await send(url, { payload: '{"a": ', headers: { 'content-type': 'application/json' } }));
  });

  it('an empty JSON body', async () => {
    await expectBadInput(await send(url, { payload: '', headers: { 'content-type': 'application/json' } }));
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])('content type %s', async (type) => {
    await expectBadInput(await send(url, { payload: 'login=a&password=b', headers: { 'content-type': type } }));
  });

  it('no body at all: every required field is named', async () => {
    await expectBadInput(await send(url, {}), fields);
  });

  it('an empty object', async () => {
    await expectBadInput(await send(url, { payload: {} }), fields);
  });

  it.each([
    ['an array', []],
    ['a string', 'hello'],
    ['a number', 42],
    ['null', null],
  ])('%s instead of an object', async (_, payload) => {
    await expectBadInput(await send(url, { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }));
  });

  it.each([
    ['numbers', 12345],
    ['booleans', true],
    ['nulls', null],
    ['objects', { nested: 'x' }],
  ])('%s in every field', async (_, value) => {
    const payload = Object.fromEntries(fields.map((field) => [field, value]));
    await expectBadInput(await send(url, { payload }), fields);
  });

  it('huge strings in every field', async () => {
    const payload = Object.fromEntries(fields.map((field) => [field, 'я'.repeat(4_000)]));
    await expectBadInput(await send(url, { payload }), fields);
  });

  it('unknown fields', async () => {
    const problem = await expectBadInput(await send(url, { payload: { ...valid, role: 'owner', organisationId: 'x' } }));
    expect(problem.errors).toEqual([
      { path: 'role', message: 'Неизвестное поле «role»' },
      { path: 'organisationId', message: 'Неизвестное поле «organisationId»' },
    ]);
  });

  it.each([
    ['a NUL', '\u0000'],
    ['a lone surrogate', '\uD800'],
  ])('%s in every field: each named, as text that cannot be stored', async (_, character) => {
    const payload = Object.fromEntries(fields.map((field) => [field, `${String(valid[field])}${character}`]));
    const problem = await expectBadInput(await send(url, { payload }), fields);
    expect(problem.errors).toEqual(fields.map((path) => ({ path, message: UNSTORABLE_TEXT_MESSAGE })));
  });

  it('a prototype-poisoning body', async () => {
    await expectBadInput(await send(url, { payload: `{"__proto__": {"admin": true}, ${JSON.stringify(valid).slice(1)}`, headers: { 'content-type': 'application/json' } }));
  });

  it('a body over 64 KiB: 413 problem', async () => {
    const response = await send(url, { payload: { ...valid, padding: 'x'.repeat(70_000) } });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toMatchObject({ status: 413, code: 'VALIDATION_FAILED', detail: 'Запрос слишком большой: не более 64 КБ' });
  });

  it('never answers 500, whatever JSON comes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(...fields, 'extra'), fc.jsonValue())), async (payload) => {
        const response = await send(url, { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });

  it('never answers 500, whatever bytes come', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (payload) => {
        const response = await send(url, { payload, headers: { 'content-type': 'application/json' } });
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });
});

describe('text that cannot be stored is refused at the edge for every route, before anything else', () => {
  const get = (url: string) => gateway.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it.each(['/api/v1/legal-entities', '/api/v1/sales-points', '/api/v1/employees', '/api/v1/catalog/units', '/api/v1/catalog/categories', '/api/v1/catalog/products'])(
    'in the query string of GET %s',
    async (list) => {
      const problem = await expectBadInput(await get(`${list}?search=%00&cursor=%ED%A0%80x`), ['search']);
      expect(problem.errors).toEqual([{ path: 'search', message: UNSTORABLE_TEXT_MESSAGE }]);
    },
  );

  it('in a path parameter', async () => {
    const problem = await expectBadInput(await get('/api/v1/catalog/units/%00'), ['id']);
    expect(problem.errors).toEqual([{ path: 'id', message: UNSTORABLE_TEXT_MESSAGE }]);
  });

  it.each(['%ED%A0%80', '%FF'])('a path whose %s is not UTF-8: 400 problem in Russian', async (escape) => {
    const response = await get(`/api/v1/catalog/units/${escape}`);
    await expectBadInput(response);
    expect(response.json().detail).toBe('Адрес запроса содержит недопустимые символы');
  });

  it('a path parameter longer than any id: 404 problem, as an unknown id', async () => {
    const response = await get(`/api/v1/catalog/units/${'a'.repeat(200)}`);
    expect([response.statusCode, response.headers['content-type'], response.json().code]).toEqual([404, 'application/problem+json; charset=utf-8', 'NOT_FOUND']);
  });

  it('deep inside a JSON body, on a route that would refuse it anyway', async () => {
    const deep = `${'['.repeat(20_000)}"\\u0000"${']'.repeat(20_000)}`;
    const response = await send('/api/v1/auth/login', { payload: deep, headers: { 'content-type': 'application/json' } });
    await expectBadInput(response);
    expect(response.json().errors[0].message).toBe(UNSTORABLE_TEXT_MESSAGE);
  });
});
