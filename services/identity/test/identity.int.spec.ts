import { randomUUID } from 'node:crypto';
import { jwtVerify } from 'jose';
import { IdentitySubjects, actorHeaders, type AccountView, type RegisterAccount, type TokenPair } from '@elk/contracts';
import { failureOf, uniquePhone } from '@elk/testing';
import { SecretHasher } from '../src/accounts/secret.hasher';
import { JWT_SECRET, identityTestbed, sessionIdOf } from './identity.testbed';

const MINUTE = 60_000;

function newAccount(overrides: Partial<RegisterAccount> = {}): RegisterAccount {
  return {
    accountId: randomUUID(),
    organisationId: randomUUID(),
    fullName: 'Иванов Иван Иванович',
    phone: uniquePhone(),
    email: `ivan.${randomUUID().slice(0, 8)}@example.ru`,
    role: 'owner',
    password: 'Пароль-надёжный-1',
    ...overrides,
  };
}

describe.each(['embedded', 'distributed'] as const)('identity service (%s)', (mode) => {
  const testbed = identityTestbed(mode, 'identity_test');
  const { request, login, authenticate, resetCodeSentTo } = testbed;
  const register = (account: RegisterAccount) => request<{ accountId: string }>(IdentitySubjects.RegisterAccount, account);
  const refresh = (refreshToken: string) => request<TokenPair>(IdentitySubjects.RefreshSession, { refreshToken });
  const headersOf = (account: RegisterAccount, tokens: TokenPair) =>
    actorHeaders({ organisationId: account.organisationId, accountId: account.accountId, role: account.role, sessionId: sessionIdOf(tokens) }, randomUUID());
  const otherCode = (code: string) => String((Number(code) + 1) % 1e6).padStart(6, '0');

  it('registers an account that logs in at once by phone, as typed, and by email', async () => {
    const account = newAccount();
    await register(account);

    const byPhone = await login(`8 (${account.phone.slice(2, 5)}) ${account.phone.slice(5, 8)}-${account.phone.slice(8, 10)}-${account.phone.slice(10)}`, account.password);
    const byEmail = await login(account.email.toUpperCase(), account.password);

    for (const session of [byPhone, byEmail]) {
      expect(session).toMatchObject({ accountId: account.accountId, organisationId: account.organisationId, expiresIn: 900 });
      expect(await authenticate(session)).toEqual({ sessionId: sessionIdOf(session), accountId: account.accountId, organisationId: account.organisationId, role: 'owner' });
    }
    expect(sessionIdOf(byPhone)).not.toBe(sessionIdOf(byEmail));
    expect(await request<AccountView>(IdentitySubjects.GetAccount, { accountId: account.accountId }, headersOf(account, byPhone))).toEqual({
      accountId: account.accountId,
      organisationId: account.organisationId,
      fullName: account.fullName,
      phone: account.phone,
      email: account.email,
      role: 'owner',
    });
  });

  it('issues a 15-minute HS256 access token naming the account, organisation, role and session', async () => {
    const account = newAccount();
    await register(account);
    const session = await login(account.phone, account.password);

    const { payload, protectedHeader } = await jwtVerify(session.accessToken, new TextEncoder().encode(JWT_SECRET), { currentDate: testbed.clock.now() });

    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: account.accountId, org: account.organisationId, role: 'owner', sid: expect.any(String) });
    expect(payload.exp! - payload.iat!).toBe(15 * 60);
  });

  it('does not show another organisation its accounts', async () => {
    const account = newAccount();
    const stranger = newAccount();
    await register(account);
    await register(stranger);
    const session = await login(stranger.phone, stranger.password);

    const failure = await failureOf(request(IdentitySubjects.GetAccount, { accountId: account.accountId }, headersOf(stranger, session)));
    expect(failure.code).toBe('NOT_FOUND');
  });

  it('answers a wrong password and an unknown login alike', async () => {
    const account = newAccount();
    await register(account);

    const failures = await Promise.all([
      failureOf(login(account.phone, 'Неверный-пароль-1')),
      failureOf(login(uniquePhone(), account.password)),
      failureOf(login('nobody@example.ru', account.password)),
      failureOf(login('не телефон и не почта', account.password)),
    ]);
    for (const failure of failures) expect(failure).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Неверный телефон, email или пароль' });
  });

  it('refuses a taken phone or email per field, and keeps what a failed registration tried to claim free', async () => {
    const first = newAccount();
    await register(first);

    const samePhone = newAccount({ phone: first.phone });
    const phoneTaken = await failureOf(register(samePhone));
    expect(phoneTaken).toMatchObject({ code: 'PHONE_TAKEN', details: { errors: [{ path: 'phone', message: 'Этот телефон уже зарегистрирован' }] } });

    const both = await failureOf(register(newAccount({ phone: first.phone, email: first.email })));
    expect(both).toMatchObject({ code: 'PHONE_TAKEN' });
    expect((both.details as { errors: unknown[] }).errors).toEqual([
      { path: 'phone', message: 'Этот телефон уже зарегистрирован' },
      { path: 'email', message: 'Этот email уже зарегистрирован' },
    ]);

    // The email of the refused registration was given back.
    const later = newAccount({ email: samePhone.email });
    await register(later);
    await expect(login(samePhone.email, later.password)).resolves.toMatchObject({ accountId: later.accountId });
  });

  it('lets exactly one of two simultaneous registrations with one phone win', async () => {
    const phone = uniquePhone();
    const outcomes = await Promise.allSettled([register(newAccount({ phone })), register(newAccount({ phone }))]);

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { code: 'PHONE_TAKEN' } });
  });

  it('takes a repeated registration of the same account as done', async () => {
    const account = newAccount();
    await register(account);
    await register(account);

    await expect(login(account.email, account.password)).resolves.toMatchObject({ accountId: account.accountId });
    const reused = await failureOf(register({ ...account, phone: uniquePhone() }));
    expect(reused.code).toBe('RULE_VIOLATED');
  });

  it('rotates the refresh token, and ends the session when a rotated token comes back', async () => {
    const account = newAccount();
    await register(account);
    const session = await login(account.phone, account.password);

    const rotated = await refresh(session.refreshToken);
    expect(rotated.refreshToken).not.toBe(session.refreshToken);
    expect(sessionIdOf(rotated)).toBe(sessionIdOf(session));
    const again = await refresh(rotated.refreshToken);

    // The first token again: someone else holds the session; it ends for everybody.
    expect(await failureOf(refresh(session.refreshToken))).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(await failureOf(authenticate(again))).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(await failureOf(refresh(again.refreshToken))).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(await failureOf(refresh('not-a-token'))).toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  it('ends a session at logout, at once, and leaves the other sessions be', async () => {
    const account = newAccount();
    await register(account);
    const leaving = await login(account.phone, account.password);
    const staying = await login(account.email, account.password);

    await request(IdentitySubjects.Logout, { sessionId: sessionIdOf(leaving) }, headersOf(account, leaving));

    expect(await failureOf(authenticate(leaving))).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(await failureOf(refresh(leaving.refreshToken))).toMatchObject({ code: 'SESSION_EXPIRED' });
    await expect(authenticate(staying)).resolves.toMatchObject({ accountId: account.accountId });
  });

  it('ends a session whose refresh token has run out', async () => {
    const account = newAccount();
    await register(account);
    const session = await login(account.phone, account.password);

    testbed.clock.advance(30 * 24 * 60 * MINUTE);

    expect(await failureOf(authenticate(session))).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(await failureOf(refresh(session.refreshToken))).toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  it('changes the password only with the old one, and ends every other session', async () => {
    const account = newAccount();
    await register(account);
    const current = await login(account.phone, account.password);
    const other = await login(account.email, account.password);
    const change = (oldPassword: string) =>
      request(IdentitySubjects.ChangePassword, { sessionId: sessionIdOf(current), oldPassword, newPassword: 'Новый-пароль-2' }, headersOf(account, current));

    expect(await failureOf(change('Неверный-пароль-1'))).toMatchObject({ code: 'WRONG_PASSWORD', details: { errors: [{ path: 'oldPassword' }] } });
    await change(account.password);

    await expect(authenticate(current)).resolves.toMatchObject({ accountId: account.accountId });
    expect(await failureOf(authenticate(other))).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(await failureOf(login(account.phone, account.password))).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await expect(login(account.phone, 'Новый-пароль-2')).resolves.toMatchObject({ accountId: account.accountId });
  });

  it('checks the old password before hashing the new one', async () => {
    const account = newAccount();
    await register(account);
    const session = await login(account.phone, account.password);
    const hashing = jest.spyOn(SecretHasher.prototype, 'hash');
    try {
      const wrong = request(IdentitySubjects.ChangePassword, { sessionId: sessionIdOf(session), oldPassword: 'Неверный-пароль-1', newPassword: 'Новый-пароль-2' }, headersOf(account, session));
      expect(await failureOf(wrong)).toMatchObject({ code: 'WRONG_PASSWORD' });
      expect(hashing).not.toHaveBeenCalled();
    } finally {
      hashing.mockRestore();
    }
  });

  it('names the account behind any spelling of its phone or email, and nobody behind an unknown login', async () => {
    const account = newAccount();
    await register(account);
    const ownerOf = (login: string) => request<{ accountId: string | null }>(IdentitySubjects.FindLoginOwner, { login });

    expect(await ownerOf(`8${account.phone.slice(2)}`)).toEqual({ accountId: account.accountId });
    expect(await ownerOf(` ${account.email.toUpperCase()} `)).toEqual({ accountId: account.accountId });
    expect(await ownerOf(uniquePhone())).toEqual({ accountId: null });
    expect(await ownerOf('not a login')).toEqual({ accountId: null });
  });

  it('resets the password with the code sent by SMS, once, and ends every session', async () => {
    const account = newAccount();
    await register(account);
    const session = await login(account.phone, account.password);

    await request(IdentitySubjects.RequestPasswordReset, { phone: account.phone });
    const code = await resetCodeSentTo(account.phone);
    expect(testbed.sms[0]?.text).toBe(`Ваш код для восстановления пароля ЕЛК: ${code}. Никому его не сообщайте.`);
    await request(IdentitySubjects.ConfirmPasswordReset, { phone: account.phone, code, newPassword: 'Новый-пароль-2' });

    expect(await failureOf(authenticate(session))).toMatchObject({ code: 'SESSION_EXPIRED' });
    await expect(login(account.phone, 'Новый-пароль-2')).resolves.toMatchObject({ accountId: account.accountId });
    const reused = await failureOf(request(IdentitySubjects.ConfirmPasswordReset, { phone: account.phone, code, newPassword: 'Третий-пароль-3' }));
    expect(reused).toMatchObject({ code: 'RESET_CODE_INVALID' });
  });

  it('kills a code after five wrong tries, telling how many are left, until a new code is asked for', async () => {
    const account = newAccount();
    await register(account);
    await request(IdentitySubjects.RequestPasswordReset, { phone: account.phone });
    const code = await resetCodeSentTo(account.phone);
    const confirm = (typed: string) => request(IdentitySubjects.ConfirmPasswordReset, { phone: account.phone, code: typed, newPassword: 'Новый-пароль-2' });

    const messages: string[] = [];
    for (let i = 0; i < 4; i++) messages.push((await failureOf(confirm(otherCode(code)))).message);
    expect(messages).toEqual([4, 3, 2, 1].map((left) => `Неверный код. Осталось попыток: ${left}`));
    expect(await failureOf(confirm(otherCode(code)))).toMatchObject({ code: 'RESET_CODE_EXHAUSTED', message: 'Неверный код. Попытки закончились — запросите новый код' });
    expect(await failureOf(confirm(code))).toMatchObject({ code: 'RESET_CODE_EXHAUSTED', message: 'Превышено число попыток ввода кода. Запросите новый код' });

    await request(IdentitySubjects.RequestPasswordReset, { phone: account.phone });
    await confirm(await resetCodeSentTo(account.phone, 1));
    await expect(login(account.phone, 'Новый-пароль-2')).resolves.toMatchObject({ accountId: account.accountId });
  });

  it('refuses a code ten minutes after it was sent', async () => {
    const account = newAccount();
    await register(account);
    await request(IdentitySubjects.RequestPasswordReset, { phone: account.phone });
    const code = await resetCodeSentTo(account.phone);

    testbed.clock.advance(10 * MINUTE);

    const failure = await failureOf(request(IdentitySubjects.ConfirmPasswordReset, { phone: account.phone, code, newPassword: 'Новый-пароль-2' }));
    expect(failure).toMatchObject({ code: 'RESET_CODE_EXPIRED', message: 'Срок действия кода истёк. Запросите новый код' });
    await expect(login(account.phone, account.password)).resolves.toMatchObject({ accountId: account.accountId });
  });

  it('answers a reset for a phone without an account like any other, and sends nothing', async () => {
    const phone = uniquePhone();

    await expect(request(IdentitySubjects.RequestPasswordReset, { phone })).resolves.toBeUndefined();
    const failure = await failureOf(request(IdentitySubjects.ConfirmPasswordReset, { phone, code: '123456', newPassword: 'Новый-пароль-2' }));

    expect(failure).toMatchObject({ code: 'RESET_CODE_INVALID', message: 'Код недействителен. Запросите новый код' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(testbed.sms).toEqual([]);
  });

  it('never logs a password, a code or a token', async () => {
    const account = newAccount();
    await register(account);
    const session = await login(account.phone, account.password);
    const rotated = await refresh(session.refreshToken);
    await failureOf(refresh(session.refreshToken));
    await failureOf(login(account.phone, 'Неверный-пароль-1'));
    await request(IdentitySubjects.RequestPasswordReset, { phone: account.phone });
    const code = await resetCodeSentTo(account.phone);
    await request(IdentitySubjects.ConfirmPasswordReset, { phone: account.phone, code, newPassword: 'Новый-пароль-2' });

    const logged = testbed.infrastructure.logs.text();
    expect(testbed.infrastructure.logs.entries().map((entry) => entry.msg)).toEqual(expect.arrayContaining(['logged in', 'login refused', 'rotated refresh token used again: session revoked']));
    for (const secret of [account.password, 'Неверный-пароль-1', 'Новый-пароль-2', code, session.refreshToken, session.accessToken, rotated.refreshToken, rotated.accessToken]) {
      expect(logged).not.toContain(secret);
    }
  });
});
