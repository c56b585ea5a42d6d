/**
 * The cabinet API end to end, over HTTP, in both run modes: sign-up, log-in, Личные данные, password
 * change, log-out, password restore by SMS code, and what bad input gets.
 */
import { refreshCookieLine, refreshSession, refreshTokenSet } from './api.harness';
import { startSystem, uniqueContact, waitForSmsCode, type RunMode, type RunningSystem } from './system.harness';

jest.setTimeout(120_000);

interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

function client(base: string) {
  const call = async (method: string, path: string, options: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> } = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(`${base}${path}`, { method, headers, body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
  return {
    get: (path: string, token?: string) => call('GET', path, { token }),
    post: (path: string, body?: unknown, token?: string, headers?: Record<string, string>) => call('POST', path, { body, token, headers }),
    raw: (path: string, raw: string, headers?: Record<string, string>) => call('POST', path, { raw, headers }),
  };
}

const PASSWORD = 'Secret123';

describe.each<RunMode>(['embedded', 'distributed'])('cabinet API (%s mode)', (mode) => {
  let system: RunningSystem;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    system = await startSystem(mode);
    api = client(system.url);
  });

  async function signUp(overrides: Record<string, unknown> = {}) {
    const contact = uniqueContact();
    const body = { organisationName: 'ООО «Ромашка»', fullName: 'Иванов Иван Иванович', ...contact, password: PASSWORD, ...overrides };
    const reply = await api.post('/api/v1/auth/sign-up', body);
    expect(reply.status).toBe(201);
    return { ...contact, ...(overrides as object), tokens: reply.body, refreshToken: refreshTokenSet(reply.headers)! };
  }

  it('signs a merchant up and shows Личные данные with the Owner role', async () => {
    const owner = await signUp();
    const me = await api.get('/api/v1/me', owner.tokens.accessToken);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      organisationName: 'ООО «Ромашка»',
      fullName: 'Иванов Иван Иванович',
      phone: owner.phone,
      email: owner.email,
      role: 'owner',
      organisationId: owner.tokens.organisationId,
    });
  });

  it('refuses a second sign-up with the same phone, naming the field, and stores nothing', async () => {
    const owner = await signUp();
    const again = await api.post('/api/v1/auth/sign-up', { organisationName: 'Другая', fullName: 'Пётр Петров', phone: owner.phone, email: uniqueContact().email, password: PASSWORD });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body.errors).toEqual([expect.objectContaining({ path: 'phone' })]);
    // The refused sign-up left no account behind: its email is still free.
    const login = await api.post('/api/v1/auth/login', { login: owner.email, password: PASSWORD });
    expect(login.status).toBe(200);
  });

  it('answers with security headers (personal data with no caching), and words what Fastify refuses (%ff, a 100 KB URL) as Russian problem+json', async () => {
    const owner = await signUp();
    const answers = [
      await fetch(`${system.url}/api/v1/me`, { headers: { authorization: `Bearer ${owner.tokens.accessToken}` } }),
      await fetch(`${system.url}/login`),
      await fetch(`${system.url}/api/v1/catalog/products/%ff`),
      await fetch(`${system.url}/api/v1/catalog/products?search=${'x'.repeat(100_000)}`),
    ];
    for (const answer of answers) {
      expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
    }
    const [me, , badUrl, longUrl] = answers;
    expect(me!.headers.get('cache-control')).toBe('no-store');
    expect([badUrl!.status, longUrl!.status]).toEqual([400, 431]);
    for (const refused of [badUrl!, longUrl!]) {
      expect(refused.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(await refused.json()).toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.stringMatching(/[а-яё]{3}/i) });
    }
  });

  it('logs in by phone (typed any way) or email, and a wrong password gets a Russian message', async () => {
    const owner = await signUp();
    const typed = `8 (${owner.phone.slice(2, 5)}) ${owner.phone.slice(5, 8)}-${owner.phone.slice(8, 10)}-${owner.phone.slice(10)}`;
    expect((await api.post('/api/v1/auth/login', { login: typed, password: PASSWORD })).status).toBe(200);
    expect((await api.post('/api/v1/auth/login', { login: owner.email.toUpperCase(), password: PASSWORD })).status).toBe(200);
    const wrong = await api.post('/api/v1/auth/login', { login: owner.email, password: 'Wrong1234' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.detail ?? wrong.body.title).toBe('Неверный телефон, email или пароль');
  });

  it('keeps the refresh token out of the body, in an HttpOnly, Secure, SameSite=Strict cookie for the refresh path only', async () => {
    const owner = await signUp();
    expect(owner.tokens).not.toHaveProperty('refreshToken');
    const login = await api.post('/api/v1/auth/login', { login: owner.email, password: PASSWORD });
    expect(Object.keys(login.body).sort()).toEqual(['accessToken', 'expiresIn']);
    const cookie = refreshCookieLine(login.headers)!.split('; ').slice(1).sort();
    expect(cookie).toEqual(['HttpOnly', `Max-Age=${30 * 24 * 3600}`, 'Path=/api/v1/auth/refresh', 'SameSite=Strict', 'Secure']);
  });

  it('rotates the refresh cookie and revokes the session when a used one comes back', async () => {
    const owner = await signUp();
    const refreshed = await refreshSession(system.url, owner.refreshToken);
    expect(refreshed.status).toBe(200);
    const { accessToken } = (await refreshed.json()) as { accessToken: string };
    expect(refreshTokenSet(refreshed.headers)).toEqual(expect.stringMatching(/.{32}/));
    expect(refreshTokenSet(refreshed.headers)).not.toBe(owner.refreshToken);
    expect((await api.get('/api/v1/me', accessToken)).status).toBe(200);

    const replayed = await refreshSession(system.url, owner.refreshToken);
    expect(replayed.status).toBe(401);
    expect(refreshTokenSet(replayed.headers)).toBe('');
    expect((await api.get('/api/v1/me', accessToken)).status).toBe(401);
  });

  it('refuses a refresh without the CSRF header (a form or page of another site) with 403', async () => {
    const owner = await signUp();
    const forged = await fetch(`${system.url}/api/v1/auth/refresh`, { method: 'POST', headers: { cookie: `elk_refresh=${owner.refreshToken}` } });
    expect(forged.status).toBe(403);
    expect((await refreshSession(system.url, owner.refreshToken)).status).toBe(200);
  });

  it('changes the password with the old one, revoking the other sessions but not this one', async () => {
    const owner = await signUp();
    const other = (await api.post('/api/v1/auth/login', { login: owner.phone, password: PASSWORD })).body;

    const wrongOld = await api.post('/api/v1/me/password', { oldPassword: 'Nope12345', newPassword: 'NewSecret456', newPasswordRepeat: 'NewSecret456' }, owner.tokens.accessToken);
    expect(wrongOld.status).toBe(400);
    expect(wrongOld.body.errors).toEqual([expect.objectContaining({ path: 'oldPassword' })]);

    const mismatch = await api.post('/api/v1/me/password', { oldPassword: PASSWORD, newPassword: 'NewSecret456', newPasswordRepeat: 'NewSecret457' }, owner.tokens.accessToken);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors).toEqual([{ path: 'newPasswordRepeat', message: 'Пароли не совпадают' }]);

    const changed = await api.post('/api/v1/me/password', { oldPassword: PASSWORD, newPassword: 'NewSecret456', newPasswordRepeat: 'NewSecret456' }, owner.tokens.accessToken);
    expect(changed.status).toBe(204);
    expect((await api.get('/api/v1/me', owner.tokens.accessToken)).status).toBe(200);
    expect((await api.get('/api/v1/me', other.accessToken)).status).toBe(401);

    expect((await api.post('/api/v1/auth/login', { login: owner.phone, password: PASSWORD })).status).toBe(401);
    expect((await api.post('/api/v1/auth/login', { login: owner.phone, password: 'NewSecret456' })).status).toBe(200);
  });

  it('logs out: the access token is refused at once, the refresh cookie is cleared and its session revoked', async () => {
    const owner = await signUp();
    const logout = await api.post('/api/v1/auth/logout', undefined, owner.tokens.accessToken);
    expect(logout.status).toBe(204);
    expect(refreshTokenSet(logout.headers)).toBe('');
    const after = await api.get('/api/v1/me', owner.tokens.accessToken);
    expect(after.status).toBe(401);
    expect(after.body.code).toBeDefined();
    expect((await refreshSession(system.url, owner.refreshToken)).status).toBe(401);
  });

  it('restores the password with a single-use SMS code from the dev outbox', async () => {
    const owner = await signUp();
    expect((await api.post('/api/v1/auth/password-reset/request', { phone: owner.phone })).status).toBe(202);
    const code = await waitForSmsCode(system.url, owner.phone);
    const wrongCode = code === '000000' ? '111111' : '000000';

    const wrong = await api.post('/api/v1/auth/password-reset/confirm', { phone: owner.phone, code: wrongCode, newPassword: 'Restored789', newPasswordRepeat: 'Restored789' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('RESET_CODE_INVALID');

    const confirmed = await api.post('/api/v1/auth/password-reset/confirm', { phone: owner.phone, code, newPassword: 'Restored789', newPasswordRepeat: 'Restored789' });
    expect(confirmed.status).toBe(204);
    // The restore ended every session, and the code cannot be used twice.
    expect((await api.get('/api/v1/me', owner.tokens.accessToken)).status).toBe(401);
    const reused = await api.post('/api/v1/auth/password-reset/confirm', { phone: owner.phone, code, newPassword: 'Another789', newPasswordRepeat: 'Another789' });
    expect(reused.status).toBe(400);
    expect((await api.post('/api/v1/auth/login', { login: owner.phone, password: 'Restored789' })).status).toBe(200);
  });

  it('kills a reset code after five wrong tries', async () => {
    const owner = await signUp();
    await api.post('/api/v1/auth/password-reset/request', { phone: owner.phone });
    const code = await waitForSmsCode(system.url, owner.phone);
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await api.post('/api/v1/auth/password-reset/confirm', { phone: owner.phone, code: wrongCode, newPassword: 'Restored789', newPasswordRepeat: 'Restored789' });
    }
    const late = await api.post('/api/v1/auth/password-reset/confirm', { phone: owner.phone, code, newPassword: 'Restored789', newPasswordRepeat: 'Restored789' });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('RESET_CODE_EXHAUSTED');
  });

  it('answers a reset request for an unknown phone exactly like a known one, and sends nothing', async () => {
    const owner = await signUp();
    const stranger = uniqueContact().phone;
    expect((await api.post('/api/v1/auth/password-reset/request', { phone: stranger })).status).toBe(202);
    expect((await api.post('/api/v1/auth/password-reset/request', { phone: owner.phone })).status).toBe(202);
    // Once the known phone's SMS (sent after the stranger's request) is there, the stranger's would be too.
    await waitForSmsCode(system.url, owner.phone);
    expect((await api.get(`/api/v1/dev/sms?to=${encodeURIComponent(stranger)}`)).body.items).toEqual([]);
  });

  it('throttles repeated wrong log-ins with 429, a Russian message and Retry-After', async () => {
    const owner = await signUp();
    let reply: Reply | undefined;
    for (let i = 0; i < 15 && reply?.status !== 429; i++) reply = await api.post('/api/v1/auth/login', { login: owner.email, password: 'Wrong1234' });
    expect(reply!.status).toBe(429);
    expect(reply!.body.detail ?? reply!.body.title).toMatch(/Слишком много попыток/);
    expect(Number(reply!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts wrong passwords by phone and by email of one account together', async () => {
    const owner = await signUp();
    const digits = owner.phone.slice(2);
    for (let i = 0; i < 5; i++) expect((await api.post('/api/v1/auth/login', { login: `8${digits}`, password: 'Wrong1234' })).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await api.post('/api/v1/auth/login', { login: owner.email.toUpperCase(), password: 'Wrong1234' })).status).toBe(401);

    const refused = await api.post('/api/v1/auth/login', { login: owner.email, password: PASSWORD });

    expect(refused.status).toBe(429);
  });

  describe('bad input gets 400 problem+json with per-field Russian messages, never 500', () => {
    const endpoints: Array<[string, Record<string, unknown>]> = [
      ['/api/v1/auth/sign-up', { organisationName: 'ООО', fullName: 'Иван Иванов', phone: '+79001234567', email: 'a@b.ru', password: PASSWORD }],
      ['/api/v1/auth/login', { login: 'a@b.ru', password: PASSWORD }],
      ['/api/v1/auth/password-reset/request', { phone: '+79001234567' }],
      ['/api/v1/auth/password-reset/confirm', { phone: '+79001234567', code: '123456', newPassword: PASSWORD, newPasswordRepeat: PASSWORD }],
    ];

    it.each(endpoints)('%s', async (path, valid) => {
      const malformed = await api.raw(path, '{"login": ');
      expect(malformed.status).toBe(400);
      expect(malformed.headers.get('content-type')).toContain('application/problem+json');

      const empty = await api.post(path, {});
      expect(empty.status).toBe(400);
      expect(empty.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(Object.keys(valid).sort());
      expect(empty.body.errors.every((e: { message: string }) => /[а-яё]/i.test(e.message))).toBe(true);

      const wrongTypes = await api.post(path, Object.fromEntries(Object.keys(valid).map((k) => [k, 12345])));
      expect(wrongTypes.status).toBe(400);
      expect(wrongTypes.body.errors.length).toBeGreaterThanOrEqual(Object.keys(valid).length);

      const huge = await api.post(path, Object.fromEntries(Object.keys(valid).map((k) => [k, 'я'.repeat(2_000)])));
      expect(huge.status).toBe(400);
      expect(huge.body.errors.length).toBeGreaterThanOrEqual(Object.keys(valid).length);

      const tooLarge = await api.post(path, { ...valid, [Object.keys(valid)[0]!]: 'я'.repeat(100_000) });
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.headers.get('content-type')).toContain('application/problem+json');

      const unknown = await api.post(path, { ...valid, isAdmin: true });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toContainEqual({ path: 'isAdmin', message: 'Неизвестное поле «isAdmin»' });

      const notJson = await api.raw(path, 'login=a', { 'content-type': 'text/plain' });
      expect(notJson.status).toBeGreaterThanOrEqual(400);
      expect(notJson.status).toBeLessThan(500);
    });

    it('POST /api/v1/me/password', async () => {
      const owner = await signUp();
      const reply = await api.post('/api/v1/me/password', { oldPassword: 1, newPassword: 'short', extra: 'x' }, owner.tokens.accessToken);
      expect(reply.status).toBe(400);
      expect(reply.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['oldPassword', 'newPassword', 'newPasswordRepeat', 'extra']));
    });

    it('refuses requests without a valid token with 401', async () => {
      expect((await api.get('/api/v1/me')).status).toBe(401);
      expect((await api.get('/api/v1/me', 'not-a-jwt')).status).toBe(401);
      expect((await api.post('/api/v1/auth/logout')).status).toBe(401);
    });
  });
});
