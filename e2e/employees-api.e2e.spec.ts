/**
 * Настройки → Сотрудники over HTTP, in both run modes: the Owner on the list from sign-up, an employee added with a
 * PIN-code by SMS, search, the employee's own log-in and role, what the Administrator may not do to the Owner,
 * the uniqueness rules, a new PIN-code, a role change and a delete seen at once, history, another organisation
 * seeing nothing and bad input refused field by field; «Пригласить в кабинет»: the SMS link sets the password once and
 * signs in, a new invitation voids the old one.
 */
import { OWNER_FULL_NAME, refreshCookieLine, useRunningSystem, type SignedUp } from './api.harness';
import { uniqueContact, type RunMode } from './system.harness';

jest.setTimeout(120_000);

const PIN = /\b\d{4}\b/;
/** The token of the link in an invitation SMS. */
const INVITATION = /\/invitation#([A-Za-z0-9_-]+)$/;

interface NewEmployee {
  lastName: string;
  firstName: string;
  patronymic?: string | null;
  phone: string;
  email?: string | null;
  role: string;
}

const cashierCard = (): NewEmployee => ({ lastName: 'Сидоров', firstName: 'Пётр', patronymic: '', phone: uniqueContact().phone, email: null, role: 'cashier' });

describe.each<RunMode>(['embedded', 'distributed'])('employees API (%s mode)', (mode) => {
  const system = useRunningSystem(mode);
  const { api } = system;

  async function add(owner: SignedUp | string, employee: NewEmployee): Promise<any> {
    const token = typeof owner === 'string' ? owner : owner.accessToken;
    const reply = await api.call('POST', '/api/v1/employees', token, employee);
    expect([reply.status, reply.body]).toEqual([201, expect.anything()]);
    return reply.body;
  }

  async function names(token: string, search = ''): Promise<string[]> {
    const list = await api.call('GET', `/api/v1/employees?search=${encodeURIComponent(search)}`, token);
    expect([list.status, list.text]).toEqual([200, expect.any(String)]);
    return list.body.items.map((item: { fullName: string }) => item.fullName);
  }

  it('lists the Owner from sign-up, adds an employee with a 4-digit PIN-code by SMS, and finds them by phone, surname and email', async () => {
    const owner = await api.signUp();

    const start = await api.call('GET', '/api/v1/employees', owner.accessToken);
    expect(start.status).toBe(200);
    expect(start.body).toEqual({
      items: [
        {
          id: owner.accountId,
          version: 1,
          lastName: 'Иванов',
          firstName: 'Иван',
          patronymic: 'Иванович',
          fullName: OWNER_FULL_NAME,
          phone: owner.phone,
          email: owner.email,
          role: 'owner',
          pinSentAt: null,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
      ],
      total: 1,
      nextCursor: null,
    });

    const phone = uniqueContact().phone;
    const national = phone.slice(2);
    const cashier = await add(owner, { lastName: 'Сидоров', firstName: 'Пётр', patronymic: '', phone: `8 (${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6, 8)}-${national.slice(8)}`, email: ' Petr@Example.RU ', role: 'cashier' });
    expect(cashier).toMatchObject({ version: 1, fullName: 'Сидоров Пётр', patronymic: null, phone, email: 'petr@example.ru', role: 'cashier', pinSentAt: expect.any(String) });
    expect(await api.waitForSms(phone, PIN)).toMatch(/^\d{4}$/);
    await add(owner, { lastName: 'Смирнова', firstName: 'Ольга', patronymic: 'Павловна', phone: uniqueContact().phone, email: 'olga@example.ru', role: 'manager' });

    expect(await names(owner.accessToken)).toEqual([OWNER_FULL_NAME, 'Сидоров Пётр', 'Смирнова Ольга Павловна']);
    for (const typed of [`${national.slice(1, 4)} ${national.slice(4, 7)}`, `+7 ${national.slice(0, 3)} ${national.slice(3, 6)}`, `8${national.slice(0, 6)}`, 'сидор', 'PETR@example']) {
      expect([typed, await names(owner.accessToken, typed)]).toEqual([typed, ['Сидоров Пётр']]);
    }
    expect((await api.call('GET', `/api/v1/employees/${cashier.id}`, owner.accessToken)).body).toEqual(cashier);
  });

  it('lets the new employee set a password by SMS and log in with their role; a Cashier reads the list but may not change it', async () => {
    const owner = await api.signUp();
    const card = cashierCard();
    const cashier = await add(owner, card);

    const token = await api.setPasswordAndLogIn(card.phone);
    const me = await api.call('GET', '/api/v1/me', token);
    expect(me.body).toMatchObject({ accountId: cashier.id, organisationId: owner.organisationId, fullName: 'Сидоров Пётр', phone: card.phone, email: null, role: 'cashier' });

    expect(await names(token)).toEqual([OWNER_FULL_NAME, 'Сидоров Пётр']);
    expect((await api.call('POST', '/api/v1/employees', token, cashierCard())).status).toBe(403);
    expect((await api.call('POST', `/api/v1/employees/${cashier.id}/pin`, token)).status).toBe(403);
    expect((await api.call('GET', '/api/v1/employees', owner.accessToken)).body.total).toBe(2);
  });

  it('invites an employee to the cabinet: the SMS link sets the password once and signs in; a new invitation voids the old one', async () => {
    const owner = await api.signUp();
    const card = cashierCard();
    const cashier = await add(owner, card);
    const invitationSms = async () => (await api.smsTo(card.phone)).filter((text) => INVITATION.test(text));

    const sent = await api.call('POST', `/api/v1/employees/${cashier.id}/invitation`, owner.accessToken);
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ phone: card.phone, sentAt: expect.any(String), expiresAt: expect.any(String) });
    expect(Date.parse(sent.body.expiresAt) - Date.parse(sent.body.sentAt)).toBe(24 * 60 * 60 * 1000);
    const [sms] = await invitationSms();
    expect(sms).toMatch(/^ЕЛК: вас пригласили в личный кабинет\. Задайте пароль по ссылке \(действует 24 часа, один раз\): /);
    expect(sms).toContain(`${system.url}/invitation#`);
    const oldToken = INVITATION.exec(sms!)![1]!;

    expect((await api.call('POST', `/api/v1/employees/${cashier.id}/invitation`, owner.accessToken)).status).toBe(200);
    const token = INVITATION.exec((await invitationSms())[0]!)![1]!;
    expect(token).not.toBe(oldToken);
    const voided = await api.call('POST', '/api/v1/auth/invitation/check', undefined, { token: oldToken });
    expect([voided.status, voided.body.code]).toEqual([400, 'INVITATION_INVALID']);
    expect(voided.body.errors[0].message).toMatch(/попросите владельца отправить приглашение ещё раз/);

    const checked = await api.call('POST', '/api/v1/auth/invitation/check', undefined, { token });
    expect([checked.status, checked.body]).toEqual([200, { fullName: 'Сидоров Пётр', phone: card.phone }]);
    const short = await api.call('POST', '/api/v1/auth/invitation/accept', undefined, { token, newPassword: 'abc', newPasswordRepeat: 'abd' });
    expect(short.status).toBe(400);
    expect(new Set(short.body.errors.map((error: { path: string }) => error.path))).toEqual(new Set(['newPassword', 'newPasswordRepeat']));

    const accepted = await fetch(`${system.url}/api/v1/auth/invitation/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, newPassword: 'Кассир-пароль-1', newPasswordRepeat: 'Кассир-пароль-1' }),
    });
    expect(accepted.status).toBe(200);
    expect(refreshCookieLine(accepted.headers)).toBeDefined();
    const { accessToken } = (await accepted.json()) as { accessToken: string };
    expect((await api.call('GET', '/api/v1/me', accessToken)).body).toMatchObject({ accountId: cashier.id, role: 'cashier' });
    expect((await api.call('POST', '/api/v1/auth/login', undefined, { login: card.phone, password: 'Кассир-пароль-1' })).status).toBe(200);

    const reused = await api.call('POST', '/api/v1/auth/invitation/accept', undefined, { token, newPassword: 'Другой-пароль-2', newPasswordRepeat: 'Другой-пароль-2' });
    expect([reused.status, reused.body.code]).toEqual([400, 'INVITATION_USED']);
    const unknown = await api.call('POST', '/api/v1/auth/invitation/check', undefined, { token: 'not-a-token' });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'INVITATION_INVALID']);
    const history = await api.call('GET', `/api/v1/employees/${cashier.id}/history`, owner.accessToken);
    expect(history.body.items.map((entry: { action: string }) => entry.action)).toEqual(['created', 'invited', 'invited']);
    for (const entry of history.body.items) expect(JSON.stringify(entry)).not.toContain(token);
  });

  it('lets the Administrator invite employees but not the Owner, and a Cashier nobody', async () => {
    const owner = await api.signUp();
    const adminCard = { ...cashierCard(), role: 'admin' };
    await add(owner, adminCard);
    const cashier = await add(owner, cashierCard());
    const admin = await api.setPasswordAndLogIn(adminCard.phone);

    expect((await api.call('POST', `/api/v1/employees/${cashier.id}/invitation`, admin)).status).toBe(200);
    const ownerInvited = await api.call('POST', `/api/v1/employees/${owner.accountId}/invitation`, admin);
    expect([ownerInvited.status, ownerInvited.body.detail]).toEqual([403, 'Изменять данные владельца может только сам владелец']);
    const cashierToken = await api.setPasswordAndLogIn(cashier.phone);
    expect((await api.call('POST', `/api/v1/employees/${cashier.id}/invitation`, cashierToken)).status).toBe(403);
  });

  it('lets the Administrator edit employees but not touch the Owner; nobody deletes themselves; a second Owner and a used phone are refused', async () => {
    const owner = await api.signUp();
    const adminCard: NewEmployee = { lastName: 'Петрова', firstName: 'Анна', phone: uniqueContact().phone, email: uniqueContact().email, role: 'admin' };
    const admin = await add(owner, adminCard);
    const adminToken = await api.setPasswordAndLogIn(adminCard.phone);
    const card = cashierCard();
    const cashier = await add(adminToken, card);
    const ownerPath = `/api/v1/employees/${owner.accountId}`;

    const ownerEdit = await api.call('PUT', ownerPath, adminToken, { lastName: 'Иванов', firstName: 'Пётр', patronymic: 'Иванович', phone: owner.phone, email: owner.email, role: 'owner', expectedVersion: 1 });
    expect(ownerEdit.status).toBe(403);
    expect(ownerEdit.body.detail).toBe('Изменять данные владельца может только сам владелец');
    expect((await api.call('POST', `${ownerPath}/pin`, adminToken)).status).toBe(403);
    const ownerDelete = await api.call('DELETE', ownerPath, adminToken);
    expect(ownerDelete.status).toBe(409);
    expect(ownerDelete.body.detail).toBe('Владельца организации удалить нельзя');

    const renamed = await api.call('PUT', `/api/v1/employees/${cashier.id}`, adminToken, { ...card, firstName: 'Павел', expectedVersion: 1 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ version: 2, fullName: 'Сидоров Павел' });

    for (const [token, id] of [[adminToken, admin.id], [owner.accessToken, owner.accountId]] as const) {
      const self = await api.call('DELETE', `/api/v1/employees/${id}`, token);
      expect([self.status, self.body.detail]).toEqual([409, 'Нельзя удалить самого себя']);
    }

    const secondOwner = await api.call('POST', '/api/v1/employees', owner.accessToken, { ...cashierCard(), role: 'owner' });
    expect(secondOwner.status).toBe(409);
    expect(secondOwner.body.errors).toEqual([{ path: 'role', message: expect.stringContaining('Владелец') }]);
    const promoted = await api.call('PUT', `/api/v1/employees/${admin.id}`, owner.accessToken, { ...adminCard, role: 'owner', expectedVersion: 1 });
    expect([promoted.status, promoted.body.errors?.[0]?.path]).toEqual([409, 'role']);
    const demoted = await api.call('PUT', ownerPath, owner.accessToken, { lastName: 'Иванов', firstName: 'Иван', patronymic: 'Иванович', phone: owner.phone, email: owner.email, role: 'admin', expectedVersion: 1 });
    expect(demoted.body.errors).toEqual([{ path: 'role', message: 'Роль владельца изменить нельзя' }]);

    const samePhone = await api.call('POST', '/api/v1/employees', owner.accessToken, { ...cashierCard(), lastName: 'Кузнецов', phone: card.phone });
    expect(samePhone.status).toBe(409);
    expect(samePhone.body.errors).toEqual([{ path: 'phone', message: 'Этот телефон уже указан у сотрудника «Сидоров Павел»' }]);
    expect(await names(owner.accessToken)).toEqual([OWNER_FULL_NAME, 'Петрова Анна', 'Сидоров Павел']);
  });

  it('sends a new PIN-code, applies a role change on the very next request, signs a deleted employee out at once and frees their phone', async () => {
    const owner = await api.signUp();
    const card = cashierCard();
    const cashier = await add(owner, card);
    const path = `/api/v1/employees/${cashier.id}`;
    const firstPin = await api.waitForSms(card.phone, PIN);
    const token = await api.setPasswordAndLogIn(card.phone);

    const sent = await api.call('POST', `${path}/pin`, owner.accessToken);
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ phone: card.phone, sentAt: expect.any(String) });
    const secondPin = await api.waitForSms(card.phone, PIN, 1);
    expect(secondPin).toMatch(/^\d{4}$/);
    expect(secondPin).not.toBe(firstPin);
    expect((await api.call('GET', path, owner.accessToken)).body.pinSentAt).toBe(sent.body.sentAt);

    expect((await api.call('POST', '/api/v1/employees', token, cashierCard())).status).toBe(403);
    const promoted = await api.call('PUT', path, owner.accessToken, { ...card, role: 'admin', expectedVersion: 1 });
    expect(promoted.body).toMatchObject({ version: 2, role: 'admin' });
    expect((await api.call('GET', '/api/v1/me', token)).body.role).toBe('admin');
    expect((await api.call('POST', '/api/v1/employees', token, cashierCard())).status).toBe(201);

    expect((await api.call('DELETE', path, owner.accessToken, undefined, { 'if-match': '1' })).status).toBe(409);
    expect((await api.call('DELETE', path, owner.accessToken, undefined, { 'if-match': '2' })).status).toBe(204);
    expect((await api.call('GET', '/api/v1/employees', token)).status).toBe(401);
    expect((await api.call('GET', path, owner.accessToken)).status).toBe(404);
    const successor = await add(owner, { ...cashierCard(), lastName: 'Кузнецов', phone: card.phone });
    expect(successor).toMatchObject({ fullName: 'Кузнецов Пётр', phone: card.phone });

    const history = await api.call('GET', `${path}/history`, owner.accessToken);
    expect(history.status).toBe(200);
    expect(history.body.items.map((entry: { action: string }) => entry.action)).toEqual(['created', 'pin-sent', 'updated', 'deleted']);
    expect(history.body.items[0]).toMatchObject({ actor: { accountId: owner.accountId, fullName: OWNER_FULL_NAME }, changes: expect.arrayContaining([{ field: 'role', from: null, to: 'cashier' }]) });
    expect(history.body.items[1]).toMatchObject({ actor: { fullName: OWNER_FULL_NAME }, changes: [] });
    expect(history.body.items[2].changes).toEqual([{ field: 'role', from: 'cashier', to: 'admin' }]);
    expect(JSON.stringify(history.body)).not.toContain(secondPin);
  });

  it('changes a login phone only with the code sent to the new phone, and warns the old phone before anything changes', async () => {
    const owner = await api.signUp();
    const peerCard: NewEmployee = { lastName: 'Петрова', firstName: 'Анна', phone: uniqueContact().phone, email: null, role: 'admin' };
    const peer = await add(owner, peerCard);
    await api.setPasswordAndLogIn(peerCard.phone, 'PeerSecret1');
    const otherAdminCard: NewEmployee = { ...cashierCard(), role: 'admin' };
    await add(owner, otherAdminCard);
    const otherAdmin = await api.setPasswordAndLogIn(otherAdminCard.phone);
    const path = `/api/v1/employees/${peer.id}`;
    const newPhone = uniqueContact().phone;
    const logIn = (login: string) => api.call('POST', '/api/v1/auth/login', undefined, { login, password: 'PeerSecret1' });

    const changed = await api.call('PUT', path, otherAdmin, { ...peerCard, phone: newPhone, firstName: 'Анастасия', expectedVersion: 1 });

    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ phone: peerCard.phone, firstName: 'Анастасия', pendingPhone: newPhone });
    expect(await api.waitForSms(peerCard.phone, /меняют на \+7 \*\*\* \*\*\*-\*\*-\d\d/)).toBe(`меняют на +7 *** ***-**-${newPhone.slice(-2)}`);
    const code = await api.waitForSms(newPhone, /\b\d{6}\b/);
    expect((await api.call('GET', path, owner.accessToken)).body.phone).toBe(peerCard.phone);
    expect((await logIn(newPhone)).status).toBe(401);
    expect((await logIn(peerCard.phone)).status).toBe(200);

    const wrong = await api.call('POST', `${path}/phone-confirmation`, otherAdmin, { phone: newPhone, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'PHONE_CODE_INVALID', errors: [{ path: 'code', message: 'Неверный код. Осталось попыток: 4' }] });
    const badInput = await api.call('POST', `${path}/phone-confirmation`, otherAdmin, { phone: '123', code: '12' });
    expect(badInput.status).toBe(400);
    expect(badInput.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['code', 'phone']);

    const confirmed = await api.call('POST', `${path}/phone-confirmation`, otherAdmin, { phone: newPhone, code });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ phone: newPhone, firstName: 'Анастасия' });
    expect((await api.call('GET', path, owner.accessToken)).body.phone).toBe(newPhone);
    expect((await logIn(newPhone)).status).toBe(200);
    expect((await logIn(peerCard.phone)).status).toBe(401);
    const reused = await api.call('POST', `${path}/phone-confirmation`, otherAdmin, { phone: newPhone, code });
    expect([reused.status, reused.body.code]).toEqual([400, 'PHONE_CODE_INVALID']);
    // The old phone is free again: a new employee may have it.
    expect(await add(owner, { ...cashierCard(), phone: peerCard.phone })).toMatchObject({ phone: peerCard.phone });
  });

  it('refuses a new phone that is already a login before any code is sent', async () => {
    const owner = await api.signUp();
    const other = await api.signUp();
    const card = cashierCard();
    const cashier = await add(owner, card);

    const taken = await api.call('PUT', `/api/v1/employees/${cashier.id}`, owner.accessToken, { ...card, phone: other.phone, expectedVersion: 1 });

    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual([{ path: 'phone', message: expect.any(String) }]);
    expect((await api.smsTo(other.phone)).filter((text) => /смены телефона/.test(text))).toEqual([]);
  });

  it('shows another organisation nothing: 404 on get, update, delete, PIN-code and history', async () => {
    const owner = await api.signUp();
    const stranger = await api.signUp();
    const card = cashierCard();
    const cashier = await add(owner, card);
    const path = `/api/v1/employees/${cashier.id}`;

    expect((await api.call('GET', path, stranger.accessToken)).status).toBe(404);
    expect((await api.call('PUT', path, stranger.accessToken, { ...card, firstName: 'Чужой', expectedVersion: 1 })).status).toBe(404);
    expect((await api.call('DELETE', path, stranger.accessToken)).status).toBe(404);
    expect((await api.call('POST', `${path}/pin`, stranger.accessToken)).status).toBe(404);
    expect((await api.call('POST', `${path}/invitation`, stranger.accessToken)).status).toBe(404);
    expect((await api.call('GET', `${path}/history`, stranger.accessToken)).status).toBe(404);
    expect(await names(stranger.accessToken)).toEqual([OWNER_FULL_NAME]);
    expect((await api.call('GET', '/api/v1/employees/not-a-uuid', owner.accessToken)).body).toMatchObject({ code: 'NOT_FOUND', detail: 'Сотрудник не найден' });
    expect((await api.call('GET', path, owner.accessToken)).body).toMatchObject({ fullName: 'Сидоров Пётр', version: 1 });
    expect(await api.smsTo(card.phone)).toHaveLength(1);
  });

  it('refuses bad input with 400 and Russian messages under each field, and stores nothing', async () => {
    const owner = await api.signUp();

    const bad = await api.call('POST', '/api/v1/employees', owner.accessToken, { lastName: ' ', firstName: 'Иван1', phone: '123', email: 'not-an-email', role: 'boss' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect([...new Set(bad.body.errors.map((error: { path: string }) => error.path))].sort()).toEqual(['email', 'firstName', 'lastName', 'phone', 'role']);
    for (const error of bad.body.errors) expect(error.message).toMatch(/[А-Яа-яЁё]/);
    expect(bad.body.errors).toEqual(expect.arrayContaining([{ path: 'firstName', message: 'Только буквы, пробелы, дефис и апостроф' }]));

    const malformed = await api.call('POST', '/api/v1/employees', owner.accessToken, '{"lastName": "Сидоров",', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/[А-Яа-яЁё]/);

    const cashier = await add(owner, cashierCard());
    const badUpdate = await api.call('PUT', `/api/v1/employees/${cashier.id}`, owner.accessToken, { ...cashierCard(), phone: '123', expectedVersion: 0 });
    expect(badUpdate.status).toBe(400);
    expect(badUpdate.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['expectedVersion', 'phone']);

    expect(await names(owner.accessToken)).toEqual([OWNER_FULL_NAME, 'Сидоров Пётр']);
    expect((await api.call('GET', `/api/v1/employees/${cashier.id}`, owner.accessToken)).body.version).toBe(1);
  });
});
