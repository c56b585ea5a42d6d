import { HEADER_ACTOR, HEADER_CORRELATION_ID, HEADER_ORGANISATION_ID, HEADER_ROLE, HEADER_SESSION_ID, IdentitySubjects, OrganisationSubjects } from '@elk/contracts';
import { PASSWORD, refreshCookieIn, refreshSession, RESET_CODE, startGateway, type Gateway } from './gateway.harness';
import { uniquePhone } from '@elk/testing';

let gateway: Gateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());
beforeEach(() => {
  gateway.services.calls.length = 0;
});

const post = (url: string, payload?: object, headers: Record<string, string> = {}) => gateway.app.inject({ method: 'POST', url, payload, headers });
const uuid = expect.stringMatching(/^[0-9a-f-]{36}$/);
const REFRESH_COOKIE_ATTRIBUTES = { value: expect.stringMatching(/.+/), httpOnly: true, secure: true, sameSite: 'Strict', path: '/api/v1/auth/refresh', maxAge: 30 * 24 * 3600 };

describe('POST /api/v1/auth/sign-up', () => {
  it('creates the organisation with ids of its own, logs the owner in and answers 201', async () => {
    const phone = uniquePhone();
    const response = await post('/api/v1/auth/sign-up', {
      organisationName: 'ООО «Ромашка»',
      fullName: 'Иванов Иван',
      phone: `8 (${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8, 10)}-${phone.slice(10)}`,
      email: 'Ivan@Example.ru',
      password: PASSWORD,
    });

    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({ accessToken: expect.any(String), expiresIn: 900, organisationId: uuid, accountId: uuid });
    expect(refreshCookieIn(response)).toMatchObject(REFRESH_COOKIE_ATTRIBUTES);
    const [signUp] = gateway.services.callsTo(OrganisationSubjects.SignUp);
    expect(signUp?.data).toEqual({ organisationId: body.organisationId, accountId: body.accountId, organisationName: 'ООО «Ромашка»', fullName: 'Иванов Иван', phone, email: 'ivan@example.ru', password: PASSWORD });
    expect(gateway.services.callsTo(IdentitySubjects.Login)[0]?.data).toEqual({ login: phone, password: PASSWORD, ip: '127.0.0.1' });
  });

  it('sends no actor on anonymous calls, only the correlation id', async () => {
    await post('/api/v1/auth/sign-up', { organisationName: 'ИП Петров', fullName: 'Петров Пётр', phone: uniquePhone(), email: 'p@example.ru', password: PASSWORD });
    const [signUp] = gateway.services.callsTo(OrganisationSubjects.SignUp);
    expect(signUp?.headers[HEADER_CORRELATION_ID]).toEqual(uuid);
    expect(signUp?.headers).not.toHaveProperty(HEADER_ACTOR);
    expect(signUp?.headers).not.toHaveProperty(HEADER_ORGANISATION_ID);
  });

  it('answers a rule broken in the service with its 409 problem, naming the field', async () => {
    const { phone } = gateway.services.addAccount();
    const response = await post('/api/v1/auth/sign-up', { organisationName: 'ООО', fullName: 'Иван', phone, email: 'x@example.ru', password: PASSWORD });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toEqual({
      type: '/api/docs#problem-phone-taken',
      title: 'Телефон уже зарегистрирован',
      status: 409,
      detail: 'Этот телефон уже зарегистрирован',
      code: 'PHONE_TAKEN',
      errors: [{ path: 'phone', message: 'Этот телефон уже зарегистрирован' }],
    });
  });
});

describe('POST /api/v1/auth/login', () => {
  it('answers 200 with the access token in the body and the refresh token in an HttpOnly, Secure, SameSite=Strict cookie for the refresh path only', async () => {
    const account = gateway.services.addAccount();
    const response = await post('/api/v1/auth/login', { login: account.email, password: PASSWORD });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ accessToken: expect.any(String), expiresIn: 900 });
    expect(refreshCookieIn(response)).toMatchObject(REFRESH_COOKIE_ATTRIBUTES);
    expect(gateway.services.refreshTokens.get(refreshCookieIn(response)!.value)).toBe(account.accountId);
  });

  it('answers 401 problem for a wrong password', async () => {
    const account = gateway.services.addAccount();
    const response = await post('/api/v1/auth/login', { login: account.phone, password: 'wrong' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', detail: 'Неверный логин или пароль' });
    expect(refreshCookieIn(response)).toBeUndefined();
  });
});

describe('POST /api/v1/auth/refresh', () => {
  async function loggedInCookie(): Promise<string> {
    const account = gateway.services.addAccount();
    return refreshCookieIn(await post('/api/v1/auth/login', { login: account.phone, password: PASSWORD }))!.value;
  }

  it('trades the refresh cookie for a new access token and a new cookie; the old one then ends in 401 and loses its cookie', async () => {
    const refreshToken = await loggedInCookie();
    const response = await refreshSession(gateway.app, refreshToken);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ accessToken: expect.any(String), expiresIn: 900 });
    expect(refreshCookieIn(response)).toMatchObject({ ...REFRESH_COOKIE_ATTRIBUTES, value: expect.not.stringMatching(refreshToken) });

    const replayed = await refreshSession(gateway.app, refreshToken);
    expect(replayed.statusCode).toBe(401);
    expect(refreshCookieIn(replayed)).toMatchObject({ value: '', path: '/api/v1/auth/refresh', expires: new Date(0) });
  });

  it('refuses a request without the CSRF header with 403 before asking identity, and keeps the cookie', async () => {
    const response = await refreshSession(gateway.app, await loggedInCookie(), {});
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'FORBIDDEN', detail: expect.stringContaining('X-Requested-With') });
    expect(refreshCookieIn(response)).toBeUndefined();
    expect(gateway.services.callsTo(IdentitySubjects.RefreshSession)).toHaveLength(0);
  });

  it('answers 401 without the cookie, and ignores a refresh token in the body', async () => {
    const refreshToken = await loggedInCookie();
    const response = await post('/api/v1/auth/refresh', { refreshToken }, { 'x-requested-with': 'fetch' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'Войдите в личный кабинет' });
    expect(gateway.services.callsTo(IdentitySubjects.RefreshSession)).toHaveLength(0);
  });
});

describe('POST /api/v1/auth/logout', () => {
  it('ends the session: 204, and its access token no longer works', async () => {
    const { token, sessionId, account } = await gateway.services.signedIn('manager');
    const response = await post('/api/v1/auth/logout', undefined, { authorization: `Bearer ${token}` });

    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(refreshCookieIn(response)).toMatchObject({ value: '', path: '/api/v1/auth/refresh', expires: new Date(0) });
    const [logout] = gateway.services.callsTo(IdentitySubjects.Logout);
    expect(logout?.data).toEqual({ sessionId });
    expect(logout?.headers).toMatchObject({
      [HEADER_ACTOR]: account.accountId,
      [HEADER_ORGANISATION_ID]: account.organisationId,
      [HEADER_ROLE]: 'manager',
      [HEADER_SESSION_ID]: sessionId,
      [HEADER_CORRELATION_ID]: uuid,
    });
    const me = await gateway.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(401);
  });

  it('needs a token', async () => {
    expect((await post('/api/v1/auth/logout')).statusCode).toBe(401);
  });
});

describe('password reset', () => {
  it('answers 202 with the same empty body whether or not the phone is registered', async () => {
    const { phone } = gateway.services.addAccount();
    const known = await post('/api/v1/auth/password-reset/request', { phone });
    const unknown = await post('/api/v1/auth/password-reset/request', { phone: uniquePhone() });

    expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
    expect(known.body).toBe(unknown.body);
    expect(known.headers['content-type']).toBe(unknown.headers['content-type']);
    expect(gateway.services.callsTo(IdentitySubjects.RequestPasswordReset)).toHaveLength(2);
  });

  it('sets the new password with the code from the SMS: 204', async () => {
    const account = gateway.services.addAccount();
    const response = await post('/api/v1/auth/password-reset/confirm', { phone: account.phone, code: RESET_CODE, newPassword: 'Another1', newPasswordRepeat: 'Another1' });
    expect(response.statusCode).toBe(204);
    expect(gateway.services.callsTo(IdentitySubjects.ConfirmPasswordReset)[0]?.data).toEqual({ phone: account.phone, code: RESET_CODE, newPassword: 'Another1' });
    expect((await post('/api/v1/auth/login', { login: account.phone, password: 'Another1' })).statusCode).toBe(200);
  });

  it('shows a wrong code under the code field', async () => {
    const account = gateway.services.addAccount();
    const response = await post('/api/v1/auth/password-reset/confirm', { phone: account.phone, code: '000000', newPassword: 'Another1', newPasswordRepeat: 'Another1' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'RESET_CODE_INVALID', errors: [{ path: 'code', message: 'Неверный код' }] });
  });

  it('refuses two different new passwords before asking identity', async () => {
    const response = await post('/api/v1/auth/password-reset/confirm', { phone: uniquePhone(), code: RESET_CODE, newPassword: 'Another1', newPasswordRepeat: 'Another2' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ path: 'newPasswordRepeat', message: 'Пароли не совпадают' }]);
    expect(gateway.services.callsTo(IdentitySubjects.ConfirmPasswordReset)).toHaveLength(0);
  });
});

describe('when a service does not answer', () => {
  it('answers 503 problem «Сервис временно недоступен, попробуйте позже»', async () => {
    gateway.services.override(IdentitySubjects.RefreshSession, () => new Promise((resolve) => setTimeout(resolve, 1_000)));
    const { app } = gateway;
    const started = Date.now();
    const response = await refreshSession(app, 'x');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', detail: 'Сервис временно недоступен, попробуйте позже' });
    // A session is not ended for a service that did not answer.
    expect(refreshCookieIn(response)).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });
});
