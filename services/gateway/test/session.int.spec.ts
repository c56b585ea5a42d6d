import { IdentitySubjects } from '@elk/contracts';
import { accessToken, startGateway, type Gateway } from './gateway.harness';

let gateway: Gateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

const me = (authorization?: string) => gateway.app.inject({ method: 'GET', url: '/api/v1/me', headers: authorization === undefined ? {} : { authorization } });

describe('the session guard', () => {
  it('asks for a login when there is no token', async () => {
    const response = await me();
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', detail: 'Войдите в личный кабинет' });
  });

  it.each([
    ['a garbage token', 'Bearer not-a-jwt'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['an unsigned token', `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`],
  ])('refuses %s with 401 «Сессия истекла, войдите снова»', async (_, authorization) => {
    const response = await me(authorization);
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toMatch(/^(UNAUTHENTICATED|SESSION_EXPIRED)$/);
  });

  it('refuses an expired token', async () => {
    const { token } = await gateway.services.signedIn('owner', { expiresInSeconds: -60 });
    const response = await me(`Bearer ${token}`);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'SESSION_EXPIRED', detail: 'Сессия истекла, войдите снова' });
  });

  it('refuses a token signed with another key without asking identity', async () => {
    const account = gateway.services.addAccount();
    const sessionId = gateway.services.openSession(account.accountId);
    const forged = await accessToken({ ...account, sessionId }, 900, 'another-secret-that-is-at-least-32-characters');
    gateway.services.calls.length = 0;
    expect((await me(`Bearer ${forged}`)).statusCode).toBe(401);
    expect(gateway.services.callsTo(IdentitySubjects.AuthenticateSession)).toHaveLength(0);
  });

  it('refuses a valid token whose session identity has revoked', async () => {
    const { token, sessionId } = await gateway.services.signedIn();
    expect((await me(`Bearer ${token}`)).statusCode).toBe(200);
    gateway.services.sessions.get(sessionId)!.live = false;
    const response = await me(`Bearer ${token}`);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'SESSION_EXPIRED', detail: 'Сессия истекла, войдите снова' });
  });

  it('refuses a token whose session belongs to another account', async () => {
    const { sessionId } = await gateway.services.signedIn();
    const other = gateway.services.addAccount();
    const token = await accessToken({ ...other, sessionId });
    expect((await me(`Bearer ${token}`)).statusCode).toBe(401);
  });

  it('answers 503, not 401, when identity cannot be asked', async () => {
    const { token } = await gateway.services.signedIn();
    gateway.services.override(IdentitySubjects.AuthenticateSession, () => new Promise((resolve) => setTimeout(resolve, 1_000)));
    expect((await me(`Bearer ${token}`)).statusCode).toBe(503);
  });
});
