import { HEADER_ACTOR, HEADER_ORGANISATION_ID, HEADER_ROLE, IdentitySubjects, OrganisationSubjects } from '@elk/contracts';
import { PASSWORD, startGateway, type Gateway } from './gateway.harness';

let gateway: Gateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());
beforeEach(() => {
  gateway.services.calls.length = 0;
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('GET /api/v1/me', () => {
  it('joins the account and its organisation name', async () => {
    const { token, account } = await gateway.services.signedIn('cashier');
    const response = await gateway.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      accountId: account.accountId,
      organisationId: account.organisationId,
      organisationName: 'ООО «Ромашка»',
      fullName: account.fullName,
      phone: account.phone,
      email: account.email,
      role: 'cashier',
    });
  });

  it('names the actor to the services in headers only, with the role identity holds now', async () => {
    const { token, account } = await gateway.services.signedIn('admin');
    gateway.services.accounts.get(account.accountId)!.role = 'guest';

    await gateway.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });

    const [getAccount] = gateway.services.callsTo(IdentitySubjects.GetAccount);
    const [getOrganisation] = gateway.services.callsTo(OrganisationSubjects.GetOrganisation);
    for (const call of [getAccount, getOrganisation]) {
      expect(call?.headers).toMatchObject({ [HEADER_ACTOR]: account.accountId, [HEADER_ORGANISATION_ID]: account.organisationId, [HEADER_ROLE]: 'guest' });
    }
    expect(getAccount?.data).toEqual({ accountId: account.accountId });
    expect(getOrganisation?.data).toEqual({ organisationId: account.organisationId });
  });
});

describe('POST /api/v1/me/password', () => {
  it('changes the password of the session: 204', async () => {
    const { token, account, sessionId } = await gateway.services.signedIn();
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: bearer(token),
      payload: { oldPassword: PASSWORD, newPassword: 'Changed12', newPasswordRepeat: 'Changed12' },
    });
    expect(response.statusCode).toBe(204);
    expect(gateway.services.callsTo(IdentitySubjects.ChangePassword)[0]?.data).toEqual({ sessionId, oldPassword: PASSWORD, newPassword: 'Changed12' });
    expect(gateway.services.accounts.get(account.accountId)?.password).toBe('Changed12');
  });

  it('shows a wrong current password under its field', async () => {
    const { token } = await gateway.services.signedIn();
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: bearer(token),
      payload: { oldPassword: 'Wrong1234', newPassword: 'Changed12', newPasswordRepeat: 'Changed12' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'WRONG_PASSWORD', errors: [{ path: 'oldPassword', message: 'Неверный текущий пароль' }] });
  });

  it('checks the new password against the policy before asking identity', async () => {
    const { token } = await gateway.services.signedIn();
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: bearer(token),
      payload: { oldPassword: PASSWORD, newPassword: 'short', newPasswordRepeat: 'short' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'newPassword', message: 'Не менее 8 символов' },
        { path: 'newPassword', message: 'Пароль должен содержать хотя бы одну цифру' },
      ]),
    );
    expect(gateway.services.callsTo(IdentitySubjects.ChangePassword)).toHaveLength(0);
  });
});

describe('GET /api/v1/dev/sms', () => {
  it('lists the dev outbox without a token', async () => {
    const { phone } = gateway.services.addAccount();
    await gateway.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { phone } });
    const response = await gateway.app.inject({ method: 'GET', url: `/api/v1/dev/sms?to=${encodeURIComponent(phone)}&limit=5` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [expect.objectContaining({ to: phone, text: expect.stringContaining('Код') })], total: 1, nextCursor: null });
  });

  it('refuses a bad query with per-field errors', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/api/v1/dev/sms?limit=many&colour=red' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { path: 'limit', message: expect.stringMatching(/[А-я]/) },
      { path: 'colour', message: 'Неизвестное поле «colour»' },
    ]);
  });

  it('is 404 when the outbox is off', async () => {
    const withoutOutbox = await startGateway({ devOutbox: false });
    try {
      const response = await withoutOutbox.app.inject({ method: 'GET', url: '/api/v1/dev/sms' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
      expect(withoutOutbox.services.calls).toHaveLength(0);
    } finally {
      await withoutOutbox.close();
    }
  });
});
