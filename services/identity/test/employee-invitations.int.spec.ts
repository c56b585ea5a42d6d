import { randomUUID } from 'node:crypto';
import {
  IdentitySubjects,
  actorHeaders,
  type Actor,
  type InvitationAccepted,
  type InvitationSent,
  type InvitationView,
  type OpenEmployeeAccount,
  type TokenPair,
} from '@elk/contracts';
import { failureOf, uniquePhone } from '@elk/testing';
import { SecretHasher } from '../src/accounts/secret.hasher';
import { identityTestbed } from './identity.testbed';

const PASSWORD = 'Пароль-сотрудника-1';
const CABINET = 'https://elk.example.ru';
const DAY_MS = 24 * 60 * 60 * 1000;
const LINK = /^ЕЛК: вас пригласили в личный кабинет\. Задайте пароль по ссылке \(действует 24 часа, один раз\): https:\/\/elk\.example\.ru\/invitation#([A-Za-z0-9_-]{70})$/;

describe.each(['embedded', 'distributed'] as const)('invitations to the cabinet (%s)', (mode) => {
  const testbed = identityTestbed(mode, 'identity_invitations_test');
  const { request, login, authenticate } = testbed;
  let admin: Actor;
  let employee: OpenEmployeeAccount;
  beforeEach(async () => {
    admin = { organisationId: randomUUID(), accountId: randomUUID(), role: 'admin' };
    employee = { accountId: randomUUID(), fullName: 'Петрова Анна Сергеевна', phone: uniquePhone(), email: null, role: 'cashier' };
    await request(IdentitySubjects.OpenEmployeeAccount, employee, as(admin));
  });

  const as = (actor: Actor) => actorHeaders(actor, randomUUID());
  const invite = (accountId = employee.accountId, by = admin) => request<InvitationSent>(IdentitySubjects.IssueEmployeeInvitation, { accountId, cabinetUrl: CABINET }, as(by));
  const check = (token: string) => request<InvitationView>(IdentitySubjects.CheckInvitation, { token });
  const accept = (token: string, newPassword = PASSWORD) => request<InvitationAccepted>(IdentitySubjects.AcceptInvitation, { token, newPassword });

  /** The tokens of the invitation links sent to the employee, oldest first. */
  const tokensSent = () => testbed.sms.filter((sms) => sms.to === employee.phone && sms.purpose === 'cabinet-invitation').map((sms) => LINK.exec(sms.text)![1]!);
  const accountEvents = async () => (await testbed.infrastructure.eventStore.readStream(`account-${admin.organisationId}-${employee.accountId}`)).events;

  it('sends a link by SMS that sets the password once, keeping only an argon2id hash of its secret', async () => {
    const sent = await invite();

    const [token] = tokensSent();
    expect(sent).toEqual({ phone: employee.phone, sentAt: testbed.clock.now().toISOString(), expiresAt: new Date(testbed.clock.now().getTime() + DAY_MS).toISOString() });
    expect(await check(token!)).toEqual({ fullName: employee.fullName, phone: employee.phone });
    expect(await accept(token!)).toEqual({ phone: employee.phone });
    const session: TokenPair = await login(employee.phone, PASSWORD);
    expect(await authenticate(session)).toMatchObject({ accountId: employee.accountId, role: 'cashier' });

    const events = await accountEvents();
    expect(events.map((event) => event.type)).toEqual(['AccountRegistered', 'AccountPinIssued', 'AccountInvitationIssued', 'AccountInvitationAccepted']);
    const { tokenHash } = events[2]!.data as { tokenHash: string };
    expect(tokenHash).toMatch(/^\$argon2id\$/);
    const secret = Buffer.from(token!, 'base64url').subarray(32).toString('base64url');
    expect(await new SecretHasher().verify(tokenHash, secret)).toBe(true);
    for (const text of [JSON.stringify(events.map((event) => event.data)), testbed.infrastructure.logs.text()]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(secret);
    }

    expect(await failureOf(accept(token!, 'Другой-пароль-2'))).toMatchObject({ code: 'INVITATION_USED', message: expect.stringContaining('восстановите пароль') });
    expect(await failureOf(check(token!))).toMatchObject({ code: 'INVITATION_USED' });
    await expect(login(employee.phone, PASSWORD)).resolves.toBeDefined();
  });

  it('voids the previous link when a new invitation is sent', async () => {
    await invite();
    await invite();

    const [first, second] = tokensSent();
    expect(first).not.toBe(second);
    expect(await failureOf(check(first!))).toMatchObject({ code: 'INVITATION_INVALID', details: { errors: [{ path: 'token', message: expect.stringContaining('попросите владельца') }] } });
    expect(await failureOf(accept(first!))).toMatchObject({ code: 'INVITATION_INVALID' });
    await expect(accept(second!)).resolves.toEqual({ phone: employee.phone });
  });

  it('works for 24 hours and not a moment longer', async () => {
    await invite();
    const [token] = tokensSent();

    testbed.clock.advance(DAY_MS - 1);
    await expect(check(token!)).resolves.toMatchObject({ phone: employee.phone });
    testbed.clock.advance(1);
    expect(await failureOf(check(token!))).toMatchObject({ code: 'INVITATION_EXPIRED', message: expect.stringContaining('Попросите владельца отправить приглашение ещё раз') });
    expect(await failureOf(accept(token!))).toMatchObject({ code: 'INVITATION_EXPIRED' });
    expect(await failureOf(login(employee.phone, PASSWORD))).toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('opens nothing with a mangled or forged token, or a deleted employee’s', async () => {
    await invite();
    const [token] = tokensSent();
    const bytes = Buffer.from(token!, 'base64url');
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);

    for (const wrong of ['', 'not-a-token', token!.slice(0, -1), bytes.toString('base64url')]) {
      expect(await failureOf(check(wrong))).toMatchObject({ code: wrong === '' ? 'VALIDATION_FAILED' : 'INVITATION_INVALID' });
    }
    await request(IdentitySubjects.CloseEmployeeAccount, { accountId: employee.accountId }, as(admin));
    expect(await failureOf(accept(token!))).toMatchObject({ code: 'INVITATION_INVALID' });
  });

  it('ends the employee’s sessions when the password is set, as a password reset does', async () => {
    await invite();
    await accept(tokensSent()[0]!);
    const session = await login(employee.phone, PASSWORD);
    await invite();

    await accept(tokensSent()[1]!, 'Новый-пароль-3');

    expect(await failureOf(authenticate(session))).toMatchObject({ code: 'SESSION_EXPIRED' });
    await expect(login(employee.phone, 'Новый-пароль-3')).resolves.toBeDefined();
  });

  it('invites only accounts of the actor’s organisation, and changes nothing when the SMS fails', async () => {
    const stranger: Actor = { organisationId: randomUUID(), accountId: randomUUID(), role: 'owner' };
    expect(await failureOf(invite(employee.accountId, stranger))).toMatchObject({ code: 'NOT_FOUND' });

    await invite();
    testbed.smsFails = true;
    expect(await failureOf(invite())).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: 'Не удалось отправить SMS с приглашением. Повторите попытку' });
    testbed.smsFails = false;
    await expect(accept(tokensSent()[0]!)).resolves.toEqual({ phone: employee.phone });
  });
});
