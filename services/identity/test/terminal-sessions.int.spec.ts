import { randomUUID } from 'node:crypto';
import {
  IdentitySubjects,
  TERMINAL_SESSION_TTL_HOURS,
  actorHeaders,
  type Actor,
  type AuthenticatedTerminalSession,
  type OpenEmployeeAccount,
  type OpenedTerminalSession,
  type TerminalDevice,
} from '@elk/contracts';
import { failureOf, uniquePhone, waitUntil } from '@elk/testing';
import { identityTestbed } from './identity.testbed';

const newAdmin = (): Actor => ({ organisationId: randomUUID(), accountId: randomUUID(), role: 'admin' });
const deviceOf = (organisationId: string): TerminalDevice => ({ organisationId, workplaceId: randomUUID(), salesPointId: randomUUID(), credentialId: randomUUID() });
const LOCKED = 'PIN-код введён неверно 5 раз подряд: вход на кассах заблокирован. Попросите администратора отправить вам новый PIN-код из личного кабинета';

describe.each(['embedded', 'distributed'] as const)('terminal sessions in identity (%s)', (mode) => {
  const testbed = identityTestbed(mode, 'identity_pos_sessions');
  const { request } = testbed;
  let admin: Actor;
  let device: TerminalDevice;
  beforeEach(() => {
    admin = newAdmin();
    device = deviceOf(admin.organisationId);
  });

  const as = (actor: Actor) => actorHeaders(actor, randomUUID());
  const logIn = (employee: string, pin: string, on = device) => request<OpenedTerminalSession>(IdentitySubjects.OpenTerminalSession, { device: on, employee, pin });
  const authenticate = (token: string, on = device) => request<AuthenticatedTerminalSession>(IdentitySubjects.AuthenticateTerminalSession, { device: on, token });
  const pinsSentTo = (phone: string) => testbed.sms.filter((sms) => sms.to === phone && sms.purpose === 'employee-pin').map((sms) => /кассе: (\d{4})\./.exec(sms.text)![1]!);
  const wrongPin = (pin: string) => (pin === '9999' ? '9998' : '9999');

  /** A Cashier of the admin's organisation with the PIN-code from their SMS. */
  async function cashier(by = admin): Promise<OpenEmployeeAccount & { pin: string }> {
    const employee: OpenEmployeeAccount = { accountId: randomUUID(), fullName: 'Петрова Анна Сергеевна', phone: uniquePhone(), email: null, role: 'cashier' };
    await request(IdentitySubjects.OpenEmployeeAccount, employee, as(by));
    return { ...employee, pin: pinsSentTo(employee.phone)[0]! };
  }

  const eventsOf = async (accountId: string, organisationId = admin.organisationId) => (await testbed.infrastructure.eventStore.readStream(`account-${organisationId}-${accountId}`)).events;

  it('opens the device a session by phone or id, with an opaque token only it can present, until the end of the shift', async () => {
    const anna = await cashier();
    const opened = await logIn(anna.phone, anna.pin);
    expect(opened).toEqual({ token: expect.stringMatching(/^elkt\.[\w-]{43}$/), employee: { id: anna.accountId, name: anna.fullName }, role: 'cashier', expiresAt: expect.any(String) });
    expect(Date.parse(opened.expiresAt) - testbed.clock.now().getTime()).toBe(TERMINAL_SESSION_TTL_HOURS * 3600_000);
    const { token, ...session } = opened;
    expect(await authenticate(token)).toEqual(session);
    // Another device, or another activation of this one, cannot present it; a forged token is nobody's.
    expect(await authenticate(token, deviceOf(admin.organisationId))).toBeNull();
    expect(await authenticate(token, { ...device, workplaceId: randomUUID() })).toBeNull();
    expect(await authenticate(`${token.slice(0, -2)}xx`)).toBeNull();
    expect(testbed.infrastructure.logs.text()).not.toContain(token);

    // A log-in by id replaces the device's session.
    const again = await logIn(anna.accountId, anna.pin);
    expect(await authenticate(token)).toBeNull();
    expect(await authenticate(again.token)).toEqual(session);

    testbed.clock.advance(TERMINAL_SESSION_TTL_HOURS * 3600_000 - 1000);
    expect(await authenticate(again.token)).toEqual(session);
    testbed.clock.advance(1000);
    expect(await authenticate(again.token)).toBeNull();
  });

  it('locks the employee after 5 wrong PIN-codes in a row, records no PIN-code, and unlocks with a new one', async () => {
    const anna = await cashier();
    for (let attempt = 1; attempt <= 4; attempt++) expect((await failureOf(logIn(anna.phone, wrongPin(anna.pin)))).code).toBe('PIN_INVALID');
    const fifth = await failureOf(logIn(anna.phone, wrongPin(anna.pin)));
    expect({ code: fifth.code, message: fifth.message }).toEqual({ code: 'PIN_LOCKED', message: LOCKED });
    expect((await failureOf(logIn(anna.phone, anna.pin))).code).toBe('PIN_LOCKED');

    const events = await eventsOf(anna.accountId);
    expect(events.map((event) => event.type)).toEqual(['AccountRegistered', 'AccountPinIssued', ...Array(5).fill('AccountPinRejected')]);
    expect(events.at(-1)!.data).toEqual({ accountId: anna.accountId, failedAttempts: 5, rejectedAt: expect.any(String) });
    for (const event of events) expect(JSON.stringify(event.data)).not.toContain(wrongPin(anna.pin));

    await request(IdentitySubjects.IssueEmployeePin, { accountId: anna.accountId }, as(admin));
    const newPin = pinsSentTo(anna.phone)[1]!;
    expect((await logIn(anna.phone, newPin)).employee.id).toBe(anna.accountId);
  });

  it("answers another organisation's employee, an unknown phone and an employee without a PIN-code like a wrong PIN-code, counting nothing", async () => {
    const stranger = newAdmin();
    const theirs = await cashier(stranger);
    for (const employee of [theirs.phone, theirs.accountId, uniquePhone(), randomUUID()]) {
      const failure = await failureOf(logIn(employee, theirs.pin));
      expect({ code: failure.code, message: failure.message, details: failure.details }).toEqual({
        code: 'PIN_INVALID',
        message: 'Неверный сотрудник или PIN-код',
        details: { errors: [{ path: 'pin', message: 'Неверный сотрудник или PIN-код' }] },
      });
    }
    expect((await eventsOf(theirs.accountId, stranger.organisationId)).map((event) => event.type)).toEqual(['AccountRegistered', 'AccountPinIssued']);
    // The Owner has no PIN-code until a workplace of theirs sends one.
    const owner = { accountId: randomUUID(), organisationId: admin.organisationId, fullName: 'Иванов Иван', phone: uniquePhone(), email: `owner.${randomUUID().slice(0, 8)}@example.ru`, role: 'owner', password: 'Пароль-владельца-1' };
    await request(IdentitySubjects.RegisterAccount, owner);
    expect((await failureOf(logIn(owner.phone, '1357'))).code).toBe('PIN_INVALID');
    expect((await logIn(theirs.phone, theirs.pin, deviceOf(stranger.organisationId))).role).toBe('cashier');
  });

  it('ends the sessions at once on a role change, a deletion and a log-out, and only then', async () => {
    const anna = await cashier();
    const { token } = await logIn(anna.phone, anna.pin);
    const elsewhere = deviceOf(admin.organisationId);
    const other = await logIn(anna.phone, anna.pin, elsewhere);

    await request(IdentitySubjects.UpdateEmployeeAccount, { ...anna, fullName: 'Петрова-Сидорова Анна' }, as(admin));
    expect(await authenticate(token)).toMatchObject({ employee: { name: 'Петрова-Сидорова Анна' }, role: 'cashier' });
    await request(IdentitySubjects.UpdateEmployeeAccount, { ...anna, role: 'manager' }, as(admin));
    expect(await authenticate(token)).toBeNull();
    expect(await authenticate(other.token, elsewhere)).toBeNull();
    // Back to the old role: the ended sessions stay ended.
    await request(IdentitySubjects.UpdateEmployeeAccount, { ...anna, role: 'cashier' }, as(admin));
    expect(await authenticate(token)).toBeNull();

    const manager = await logIn(anna.phone, anna.pin);
    await request(IdentitySubjects.CloseTerminalSession, { device, token: `${manager.token}x` });
    expect(await authenticate(manager.token)).not.toBeNull();
    await request(IdentitySubjects.CloseTerminalSession, { device, token: manager.token });
    expect(await authenticate(manager.token)).toBeNull();
    await request(IdentitySubjects.CloseTerminalSession, { device, token: manager.token });

    const last = await logIn(anna.phone, anna.pin);
    await request(IdentitySubjects.CloseEmployeeAccount, { accountId: anna.accountId }, as(admin));
    expect(await authenticate(last.token)).toBeNull();
  });

  it("tells the gateways (TerminalAccessChanged) of the organisation's every log-in, log-out and ending of sessions", async () => {
    const notes: unknown[] = [];
    const listening = await testbed.infrastructure.bus.listen(IdentitySubjects.TerminalAccessChanged, (note) => void notes.push(note));
    const heard = async (count: number) => {
      await waitUntil(() => notes.length >= count, `${count} notes (heard ${notes.length})`);
      expect(notes).toEqual(Array.from({ length: count }, () => ({ organisationId: admin.organisationId })));
    };
    try {
      const anna = await cashier();
      const { token } = await logIn(anna.phone, anna.pin);
      await heard(1);
      await request(IdentitySubjects.UpdateEmployeeAccount, { ...anna, role: 'manager' }, as(admin));
      await heard(2);
      const manager = await logIn(anna.phone, anna.pin);
      await heard(3);
      await request(IdentitySubjects.CloseTerminalSession, { device, token: manager.token });
      await heard(4);
      await logIn(anna.phone, anna.pin);
      await request(IdentitySubjects.CloseEmployeeAccount, { accountId: anna.accountId }, as(admin));
      await heard(6);
      // A log-out with a token that is not the session's ends nothing and tells nothing, nor does a new employee: the
      // next note heard is the next log-in's (one bus delivers in order).
      await request(IdentitySubjects.CloseTerminalSession, { device, token });
      const maria = await cashier();
      await logIn(maria.phone, maria.pin, deviceOf(admin.organisationId));
      await heard(7);
    } finally {
      await listening.close();
    }
  });
});
