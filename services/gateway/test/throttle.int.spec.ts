import { randomUUID } from 'node:crypto';
import { IdentitySubjects } from '@elk/contracts';
import Redis from 'ioredis';
import { PASSWORD, startGateway, type Gateway } from './gateway.harness';

const WINDOW_SECONDS = 15 * 60;
const limits = {
  loginPerAccount: { points: 3, durationSeconds: WINDOW_SECONDS },
  loginPerIp: { points: 5, durationSeconds: WINDOW_SECONDS },
  passwordResetPerPhone: { points: 2, durationSeconds: 3600 },
  passwordResetPerIp: { points: 4, durationSeconds: 3600 },
};

// Fresh addresses and accounts per test: counters in Redis outlive a run.
const newIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;

describe.each(['memory', 'redis'] as const)('attempt throttling (%s counters)', (store) => {
  let gateway: Gateway;
  let redis: Redis | undefined;

  beforeAll(async () => {
    redis = store === 'redis' ? new Redis('redis://127.0.0.1:6379', { lazyConnect: true }) : undefined;
    await redis?.connect();
    gateway = await startGateway({ throttle: limits, redis });
  });
  afterAll(async () => {
    await gateway.close();
    await redis?.quit();
  });

  const login = (body: object, ip: string) => gateway.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body, remoteAddress: ip });

  it('refuses the fourth log-in to one account with 429, Retry-After and the minutes to wait', async () => {
    const account = gateway.services.addAccount();
    const ip = newIp();
    for (let attempt = 0; attempt < 3; attempt++) expect((await login({ login: account.phone, password: 'wrong' }, ip)).statusCode).toBe(401);
    gateway.services.calls.length = 0;

    const refused = await login({ login: account.phone, password: PASSWORD }, ip);

    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(WINDOW_SECONDS - 60);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(refused.json()).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS', detail: 'Слишком много попыток входа. Попробуйте через 15 мин.' });
    expect(gateway.services.callsTo(IdentitySubjects.Login)).toHaveLength(0);
  });

  it('counts one account however its phone or email is typed', async () => {
    const account = gateway.services.addAccount();
    const digits = account.phone.slice(2);
    const ip = newIp();
    const spellings = [`8 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`, `7${digits}`, ` ${account.phone} `];
    for (const spelling of spellings) await login({ login: spelling, password: 'wrong' }, ip);
    expect((await login({ login: account.phone, password: PASSWORD }, newIp())).statusCode).toBe(429);

    const email = gateway.services.addAccount().email;
    for (const spelling of [email, email.toUpperCase(), ` ${email}`]) await login({ login: spelling, password: 'wrong' }, ip);
    expect((await login({ login: email, password: PASSWORD }, newIp())).statusCode).toBe(429);
  });

  it('clears the account count after a successful log-in', async () => {
    const account = gateway.services.addAccount();
    const ip = newIp();
    await login({ login: account.phone, password: 'wrong' }, ip);
    await login({ login: account.phone, password: 'wrong' }, ip);
    expect((await login({ login: account.phone, password: PASSWORD }, ip)).statusCode).toBe(200);
    expect((await login({ login: account.phone, password: 'wrong' }, ip)).statusCode).toBe(401);
    expect((await login({ login: account.phone, password: 'wrong' }, ip)).statusCode).toBe(401);
  });

  it('refuses an address that tries many accounts, and only that address', async () => {
    const ip = newIp();
    for (let attempt = 0; attempt < 5; attempt++) expect((await login({ login: `nobody-${randomUUID()}@example.ru`, password: 'x' }, ip)).statusCode).toBe(401);
    const account = gateway.services.addAccount();
    expect((await login({ login: account.phone, password: PASSWORD }, ip)).statusCode).toBe(429);
    expect((await login({ login: account.phone, password: PASSWORD }, newIp())).statusCode).toBe(200);
  });

  it('throttles password-reset codes per phone and per address', async () => {
    const reset = (phone: string, ip: string) => gateway.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { phone }, remoteAddress: ip });
    const { phone } = gateway.services.addAccount();
    expect((await reset(phone, newIp())).statusCode).toBe(202);
    expect((await reset(phone, newIp())).statusCode).toBe(202);
    const refused = await reset(phone, newIp());
    expect(refused.statusCode).toBe(429);
    expect(refused.json().detail).toBe('Слишком много попыток восстановления пароля. Попробуйте через 60 мин.');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);

    const ip = newIp();
    for (let attempt = 0; attempt < 4; attempt++) await reset(gateway.services.addAccount().phone, ip);
    expect((await reset(gateway.services.addAccount().phone, ip)).statusCode).toBe(429);
    const confirm = await gateway.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { phone, code: '123456', newPassword: 'Another1', newPasswordRepeat: 'Another1' },
      remoteAddress: ip,
    });
    expect(confirm.statusCode).toBe(429);
  });

  it('keeps throttled requests apart from other accounts of the same merchant', async () => {
    const one = gateway.services.addAccount();
    const other = gateway.services.addAccount('admin', one.organisationId);
    const ip = newIp();
    for (let attempt = 0; attempt < 3; attempt++) await login({ login: one.phone, password: `wrong-${randomUUID()}` }, ip);
    expect((await login({ login: other.phone, password: PASSWORD }, ip)).statusCode).toBe(200);
  });
});
