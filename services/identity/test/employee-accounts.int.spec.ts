import { randomUUID } from 'node:crypto';
import {
  IdentitySubjects,
  actorHeaders,
  type AccountView,
  type Actor,
  type EmployeeAccountOpened,
  type EmployeeAccountUpdated,
  type EmployeePinIssued,
  type OpenEmployeeAccount,
  type TokenPair,
} from '@elk/contracts';
import { failureOf, uniquePhone } from '@elk/testing';
import { SecretHasher } from '../src/accounts/secret.hasher';
import { identityTestbed } from './identity.testbed';

const PASSWORD = 'Пароль-сотрудника-1';
const uniqueEmail = () => `anna.${randomUUID().slice(0, 8)}@example.ru`;
const newAdmin = (): Actor => ({ organisationId: randomUUID(), accountId: randomUUID(), role: 'admin' });

function newEmployee(overrides: Partial<OpenEmployeeAccount> = {}): OpenEmployeeAccount {
  return { accountId: randomUUID(), fullName: 'Петрова Анна Сергеевна', phone: uniquePhone(), email: uniqueEmail(), role: 'cashier', ...overrides };
}

describe.each(['embedded', 'distributed'] as const)('employee accounts (%s)', (mode) => {
  const testbed = identityTestbed(mode, 'identity_employees_test');
  const { request, login, authenticate } = testbed;
  let admin: Actor;
  beforeEach(() => {
    admin = newAdmin();
  });

  const as = (actor: Actor) => actorHeaders(actor, randomUUID());
  const open = (employee: OpenEmployeeAccount, by = admin) => request<EmployeeAccountOpened>(IdentitySubjects.OpenEmployeeAccount, employee, as(by));
  const update = (employee: OpenEmployeeAccount, by = admin) => request<EmployeeAccountUpdated>(IdentitySubjects.UpdateEmployeeAccount, employee, as(by));
  const confirmPhone = (accountId: string, phone: string, code: string, by = admin) => request<void>(IdentitySubjects.ConfirmAccountPhone, { accountId, phone, code }, as(by));
  const issuePin = (accountId: string, by = admin) => request<EmployeePinIssued>(IdentitySubjects.IssueEmployeePin, { accountId }, as(by));
  const close = (accountId: string, by = admin) => request<void>(IdentitySubjects.CloseEmployeeAccount, { accountId }, as(by));
  const getAccount = (accountId: string, by = admin) => request<AccountView>(IdentitySubjects.GetAccount, { accountId }, as(by));
  const refresh = (tokens: TokenPair) => request<TokenPair>(IdentitySubjects.RefreshSession, { refreshToken: tokens.refreshToken });

  /** The PIN-codes sent by SMS to the phone, oldest first. */
  const pinsSentTo = (phone: string) =>
    testbed.sms.filter((sms) => sms.to === phone && sms.purpose === 'employee-pin').map((sms) => /^PIN-код для входа в приложение на кассе: (\d{4})\. Никому его не сообщайте\.$/.exec(sms.text)![1]!);

  /** «восстановить пароль» by SMS, as a new employee sets their first password. */
  async function setPassword(phone: string, password = PASSWORD): Promise<void> {
    const sent = testbed.sms.filter((sms) => sms.to === phone && sms.purpose === 'password-reset').length;
    await request(IdentitySubjects.RequestPasswordReset, { phone });
    const code = await testbed.resetCodeSentTo(phone, sent);
    await request(IdentitySubjects.ConfirmPasswordReset, { phone, code, newPassword: password });
  }

  async function accountEvents(accountId: string, organisationId = admin.organisationId) {
    return (await testbed.infrastructure.eventStore.readStream(`account-${organisationId}-${accountId}`)).events;
  }

  it('opens an account and sends a 4-digit PIN-code by SMS, keeping only its argon2id hash', async () => {
    const employee = newEmployee({ email: null });

    const opened = await open(employee);

    const [pin] = pinsSentTo(employee.phone);
    expect(pin).toMatch(/^\d{4}$/);
    expect(opened).toEqual({ accountId: employee.accountId, pinSentAt: expect.any(String) });
    expect(await getAccount(employee.accountId)).toEqual({ accountId: employee.accountId, organisationId: admin.organisationId, fullName: employee.fullName, phone: employee.phone, email: null, role: 'cashier' });

    const events = await accountEvents(employee.accountId);
    expect(events.map((event) => event.type)).toEqual(['AccountRegistered', 'AccountPinIssued']);
    const { pinHash } = events[1]!.data as { pinHash: string };
    expect(pinHash).toMatch(/^\$argon2id\$/);
    expect(await new SecretHasher().verify(pinHash, pin!)).toBe(true);
    for (const event of events) expect(Object.values(event.data as object)).not.toContain(pin);
    expect(testbed.infrastructure.logs.text()).not.toContain(`кассе: ${pin}`);

    // A retried command: the same answer, no second SMS.
    expect(await open(employee)).toEqual(opened);
    expect(pinsSentTo(employee.phone)).toHaveLength(1);
  });

  it('lets the employee log in only after setting a password through the SMS reset, with the role they were given', async () => {
    const employee = newEmployee({ role: 'manager' });
    await open(employee);

    expect(await failureOf(login(employee.phone, PASSWORD))).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Неверный телефон, email или пароль' });
    await setPassword(employee.phone);

    const session = await login(employee.email!, PASSWORD);
    expect(await authenticate(session)).toMatchObject({ accountId: employee.accountId, organisationId: admin.organisationId, role: 'manager' });
  });

  it('changes name, email and role at once, and the login phone only with the code sent to the new phone, warning the old one', async () => {
    const employee = newEmployee();
    await open(employee);
    await setPassword(employee.phone);
    const session = await login(employee.phone, PASSWORD);
    const edited = { ...employee, fullName: 'Петрова-Сидорова Анна Сергеевна', phone: uniquePhone(), email: null, role: 'admin' as const };

    expect(await update(edited)).toEqual({ pendingPhone: edited.phone });

    expect(await authenticate(session)).toMatchObject({ accountId: employee.accountId, role: 'admin' });
    expect(await getAccount(employee.accountId)).toMatchObject({ fullName: edited.fullName, phone: employee.phone, email: null, role: 'admin' });
    expect(await failureOf(login(employee.email!, PASSWORD))).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(await failureOf(login(edited.phone, PASSWORD))).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(testbed.sms.filter((sms) => sms.to === employee.phone && sms.purpose === 'other').map((sms) => sms.text)).toEqual([
      `Телефон для входа в ЕЛК меняют на +7 *** ***-**-${edited.phone.slice(-2)}. Если вы об этом не просили, сообщите владельцу организации.`,
      'Email для входа в ЕЛК удалён. Если вы об этом не просили, сообщите владельцу организации.',
    ]);
    const code = /^Код для смены телефона входа в ЕЛК: (\d{6})\. Никому его не сообщайте\.$/.exec(testbed.sms.find((sms) => sms.to === edited.phone)!.text)![1]!;
    const requested = (await accountEvents(employee.accountId)).find((event) => event.type === 'AccountPhoneChangeRequested');
    expect(JSON.stringify(requested?.data)).not.toContain(code);
    expect(await new SecretHasher().verify((requested?.data as { codeHash: string }).codeHash, code)).toBe(true);

    const wrong = await failureOf(confirmPhone(employee.accountId, edited.phone, code === '000000' ? '111111' : '000000'));
    expect(wrong).toMatchObject({ code: 'PHONE_CODE_INVALID', details: { errors: [{ path: 'code', message: 'Неверный код. Осталось попыток: 4' }] } });
    expect(await failureOf(confirmPhone(employee.accountId, uniquePhone(), code))).toMatchObject({ code: 'PHONE_CODE_INVALID' });
    expect(await failureOf(confirmPhone(employee.accountId, edited.phone, code, newAdmin()))).toMatchObject({ code: 'NOT_FOUND' });
    await confirmPhone(employee.accountId, edited.phone, code);

    expect(await getAccount(employee.accountId)).toMatchObject({ phone: edited.phone });
    await expect(login(edited.phone, PASSWORD)).resolves.toMatchObject({ accountId: employee.accountId });
    expect(await failureOf(login(employee.phone, PASSWORD))).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(await failureOf(confirmPhone(employee.accountId, edited.phone, code))).toMatchObject({ code: 'PHONE_CODE_INVALID' });
    await expect(open(newEmployee({ phone: employee.phone, email: employee.email }))).resolves.toBeDefined();
  });

  it('changes an email at once, without a code, and tells the phone', async () => {
    const employee = newEmployee();
    await open(employee);

    expect(await update({ ...employee, email: 'new.address@example.ru' })).toEqual({ pendingPhone: null });

    expect(await getAccount(employee.accountId)).toMatchObject({ email: 'new.address@example.ru' });
    expect(testbed.sms.filter((sms) => sms.to === employee.phone && sms.purpose === 'other').map((sms) => sms.text)).toEqual([
      'Email для входа в ЕЛК изменён на n***@example.ru. Если вы об этом не просили, сообщите владельцу организации.',
    ]);
  });

  it('refuses the code for a new phone after 10 minutes and after 5 wrong tries', async () => {
    const employee = newEmployee();
    await open(employee);
    const newPhone = uniquePhone();
    await update({ ...employee, phone: newPhone });
    const code = /\d{6}/.exec(testbed.sms.find((sms) => sms.to === newPhone)!.text)![0];
    testbed.clock.advance(10 * 60_000);
    expect(await failureOf(confirmPhone(employee.accountId, newPhone, code))).toMatchObject({ code: 'PHONE_CODE_EXPIRED' });

    await update({ ...employee, phone: newPhone });
    const second = /\d{6}/.exec(testbed.sms.filter((sms) => sms.to === newPhone)[1]!.text)![0];
    for (let attempt = 0; attempt < 5; attempt++) await failureOf(confirmPhone(employee.accountId, newPhone, second === '000000' ? '111111' : '000000'));
    expect(await failureOf(confirmPhone(employee.accountId, newPhone, second))).toMatchObject({ code: 'PHONE_CODE_EXHAUSTED' });
    expect(await getAccount(employee.accountId)).toMatchObject({ phone: employee.phone });
  });

  it('changes nothing and sends no code when the SMS to the new phone cannot go', async () => {
    const employee = newEmployee();
    await open(employee);
    testbed.smsFails = true;

    expect(await failureOf(update({ ...employee, phone: uniquePhone() }))).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });

    testbed.smsFails = false;
    expect((await accountEvents(employee.accountId)).map((event) => event.type)).not.toContain('AccountPhoneChangeRequested');
  });

  it('refuses a phone or email another account has, per field, and changes nothing', async () => {
    const employee = newEmployee();
    const other = newEmployee();
    await open(employee);
    await open(other);
    const freeEmail = uniqueEmail();

    const phoneTaken = await failureOf(update({ ...employee, phone: other.phone, email: freeEmail, role: 'admin' }));
    const emailTaken = await failureOf(update({ ...employee, email: other.email }));

    expect(phoneTaken).toMatchObject({ code: 'PHONE_TAKEN', details: { errors: [{ path: 'phone', message: 'Этот телефон уже зарегистрирован' }] } });
    expect(emailTaken).toMatchObject({ code: 'EMAIL_TAKEN', details: { errors: [{ path: 'email', message: 'Этот email уже зарегистрирован' }] } });
    expect(await getAccount(employee.accountId)).toMatchObject({ phone: employee.phone, email: employee.email, role: 'cashier' });
    // The free email the refused update claimed was given back.
    await expect(open(newEmployee({ email: freeEmail }))).resolves.toBeDefined();
  });

  it('sends a new PIN-code, different from the one before, in a second SMS', async () => {
    const employee = newEmployee();
    await open(employee);

    const issued = await issuePin(employee.accountId);

    expect(issued).toEqual({ phone: employee.phone, sentAt: expect.any(String) });
    const [first, second] = pinsSentTo(employee.phone);
    expect(second).toMatch(/^\d{4}$/);
    expect(second).not.toBe(first);
    const pinHashes = (await accountEvents(employee.accountId)).filter((event) => event.type === 'AccountPinIssued').map((event) => (event.data as { pinHash: string }).pinHash);
    expect(await new SecretHasher().verify(pinHashes.at(-1)!, second!)).toBe(true);
  });

  it('tells the admin when the PIN-code SMS could not be sent, keeps neither the account nor its phone, and changes no PIN-code', async () => {
    const employee = newEmployee();
    testbed.smsFails = true;

    const failure = await failureOf(open(employee));

    expect(failure).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: 'Не удалось отправить SMS с PIN-кодом. Повторите попытку' });
    testbed.smsFails = false;
    // The admin tries again (a new attempt, a new id): the phone is free and the PIN-code goes out.
    const again = { ...employee, accountId: randomUUID() };
    await open(again);
    expect(pinsSentTo(employee.phone)).toHaveLength(1);
    expect(await failureOf(open(employee))).toMatchObject({ code: 'RULE_VIOLATED' });

    testbed.smsFails = true;
    expect(await failureOf(issuePin(again.accountId))).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect((await accountEvents(again.accountId)).filter((event) => event.type === 'AccountPinIssued')).toHaveLength(1);
  });


  it('closes the account: its session ends at once, it cannot log in, its phone is free; closing again changes nothing', async () => {
    const employee = newEmployee();
    await open(employee);
    await setPassword(employee.phone);
    const session = await login(employee.phone, PASSWORD);

    await close(employee.accountId);

    expect(await failureOf(authenticate(session))).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(await failureOf(refresh(session))).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(await failureOf(login(employee.phone, PASSWORD))).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await expect(close(employee.accountId)).resolves.toBeUndefined();
    // «История изменений» still names the deleted employee.
    await expect(getAccount(employee.accountId)).resolves.toMatchObject({ fullName: employee.fullName });
    expect(await failureOf(issuePin(employee.accountId))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failureOf(update({ ...employee, role: 'admin' }))).toMatchObject({ code: 'NOT_FOUND' });

    const successor = newEmployee({ phone: employee.phone, email: employee.email });
    await open(successor);
    await setPassword(successor.phone, 'Пароль-преемника-2');
    await expect(login(employee.phone, 'Пароль-преемника-2')).resolves.toMatchObject({ accountId: successor.accountId });
  });

  it("answers another organisation's account id as absent, and leaves the account be", async () => {
    const employee = newEmployee();
    await open(employee);
    const stranger = newAdmin();

    const failures = await Promise.all([
      failureOf(update({ ...employee, role: 'admin' }, stranger)),
      failureOf(issuePin(employee.accountId, stranger)),
      failureOf(close(employee.accountId, stranger)),
      failureOf(getAccount(employee.accountId, stranger)),
    ]);

    for (const failure of failures) expect(failure).toMatchObject({ code: 'NOT_FOUND', message: 'Учётная запись не найдена' });
    expect(await getAccount(employee.accountId)).toMatchObject({ role: 'cashier' });
    expect(pinsSentTo(employee.phone)).toHaveLength(1);
  });

  it('refuses calls without an actor and bad input per field', async () => {
    expect(await failureOf(request(IdentitySubjects.OpenEmployeeAccount, newEmployee()))).toMatchObject({ code: 'UNAUTHENTICATED' });
    const invalid = await failureOf(open({ ...newEmployee(), phone: '12345' }));
    expect(invalid).toMatchObject({ code: 'VALIDATION_FAILED', details: { errors: [{ path: 'phone' }] } });
  });
});
