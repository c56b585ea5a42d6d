/**
 * A cashier's PIN log-in on a terminal over HTTP, in both run modes, through pos-sim's PosTerminal: activate → log in
 * with the PIN-code from the SMS → who am I → wrong PIN-codes lock the employee → a new PIN-code from the cabinet
 * unlocks → a role change, a deletion, a log-out and a deactivated workplace end the session → a Guest logs in but may
 * not sell; another organisation's employees get the wrong PIN-code's answer; protobuf; the per-terminal throttle.
 */
import { TERMINAL_SESSION_TTL_HOURS } from '@elk/contracts';
import { ROMASHKA as romashka, useRunningSystem } from './api.harness';
import { uniqueContact, type RunMode } from './system.harness';
import { ACTIVATION_CODE_IN_SMS, PIN_CODE_IN_SMS, PosTerminal, TerminalRequestError, type WireFormat } from '../scripts/pos-sim/pos-terminal';

jest.setTimeout(120_000);

const WRONG_PIN = { code: 'PIN_INVALID', errors: [{ path: 'pin', message: 'Неверный сотрудник или PIN-код' }] };
const LOCKED = 'PIN-код введён неверно 5 раз подряд: вход на кассах заблокирован. Попросите администратора отправить вам новый PIN-код из личного кабинета';

interface Employee {
  id: string;
  phone: string;
  /** The PIN-code from the SMS the employee got when added. */
  pin: string;
  fields: Record<string, unknown>;
}

describe.each<RunMode>(['embedded', 'distributed'])('terminal sessions: a cashier logs in with a PIN-code (%s mode)', (mode) => {
  const system = useRunningSystem(mode);
  const { api } = system;
  const call = api.call;

  /** A refusal of a terminal request: its status and problem. */
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('the terminal request succeeded');
      },
      (error: unknown) => {
        if (!(error instanceof TerminalRequestError)) throw error;
        return { status: error.status, code: error.problem?.code, detail: error.problem?.detail, errors: error.problem?.errors };
      },
    );

  async function addEmployee(token: string, role: string): Promise<Employee> {
    const fields = { lastName: 'Петрова', firstName: 'Анна', patronymic: null, ...uniqueContact(), role };
    const added = await api.add(token, '/api/v1/employees', fields);
    return { id: added.id, phone: fields.phone, pin: await api.waitForSms(fields.phone, PIN_CODE_IN_SMS), fields };
  }

  /** An organisation with a legal entity, a sales point, a Cashier, and a terminal activated on a workplace of the Cashier's. */
  async function activatedTerminal(format: WireFormat = 'json') {
    const owner = await api.signUp();
    const token = owner.accessToken;
    const legalEntityId = (await api.add(token, '/api/v1/legal-entities', romashka)).id;
    const shop = (await api.add(token, '/api/v1/sales-points', { name: 'Магазин у дома', legalEntityId, address: 'г. Москва, ул. Тверская, д. 1' })).id;
    const cashier = await addEmployee(token, 'cashier');
    const till = await api.add(token, '/api/v1/workplaces', { name: 'Касса №1', number: 1, type: 'stationary', salesPointId: shop, employeeId: cashier.id });
    const terminal = new PosTerminal(system.url, { format });
    await terminal.activate(await api.waitForSms(cashier.phone, ACTIVATION_CODE_IN_SMS));
    return { owner, token, shop, cashier, till, terminal };
  }

  it('logs a cashier in with the PIN-code from the SMS: who they are, the sales point, what their role may take there, until the end of the shift', async () => {
    const { token, shop, cashier, till, terminal } = await activatedTerminal();
    const before = Date.now();
    const session = await terminal.logIn(cashier.phone, cashier.pin);
    expect(session).toEqual({
      employee: { id: cashier.id, name: 'Петрова Анна' },
      role: 'cashier',
      salesPoint: { id: shop, name: 'Магазин у дома' },
      workplace: { id: till.id, name: 'Касса №1', number: 1 },
      paymentMethods: ['cash', 'card'],
      canSell: true,
      expiresAt: expect.any(String),
    });
    const shift = Date.parse(session.expiresAt) - before;
    expect(shift).toBeGreaterThanOrEqual(TERMINAL_SESSION_TTL_HOURS * 3600_000 - 1000);
    expect(shift).toBeLessThanOrEqual(TERMINAL_SESSION_TTL_HOURS * 3600_000 + 60_000);
    expect(terminal.sessionToken).toMatch(/^elkt\./);
    expect(await terminal.whoAmI()).toEqual(session);

    // The grid changes: the session tells what the role may take now.
    const grid = { owner: ['cash', 'card'], admin: ['cash', 'card'], manager: ['cash', 'card'], cashier: ['cash'], guest: [] };
    expect((await call('PUT', `/api/v1/sales-points/${shop}/payment-methods`, token, { paymentMethods: grid, expectedVersion: 1 })).status).toBe(200);
    const deadline = Date.now() + 10_000;
    while ((await terminal.whoAmI()).paymentMethods.length > 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await terminal.whoAmI()).paymentMethods).toEqual(['cash']);

    // By id too; a new log-in on the device ends the session before it.
    const first = terminal.sessionToken;
    expect((await terminal.logIn(cashier.id, cashier.pin)).employee.id).toBe(cashier.id);
    const stale = new PosTerminal(system.url);
    stale.useCredential(terminal.credential!);
    stale.sessionToken = first;
    expect(await refusal(stale.whoAmI())).toMatchObject({ status: 401, detail: 'Сеанс кассира завершён: войдите по PIN-коду' });

    await terminal.logOut();
    expect(terminal.sessionToken).toBeNull();
    expect((await terminal.send('GET', '/pos/v1/sessions/current')).status).toBe(401);
  });

  it('locks the employee on terminals after 5 wrong PIN-codes in a row until a new PIN-code is sent from the cabinet', async () => {
    const { token, cashier, terminal } = await activatedTerminal();
    const wrong = cashier.pin === '9999' ? '9998' : '9999';
    await terminal.logIn(cashier.phone, cashier.pin);
    for (let attempt = 1; attempt <= 4; attempt++) expect(await refusal(terminal.logIn(cashier.phone, wrong))).toMatchObject({ status: 400, ...WRONG_PIN });
    // The right PIN-code starts the count again: only wrong ones in a row lock.
    await terminal.logIn(cashier.phone, cashier.pin);
    for (let attempt = 1; attempt <= 4; attempt++) expect(await refusal(terminal.logIn(cashier.phone, wrong))).toMatchObject({ status: 400, ...WRONG_PIN });
    expect(await refusal(terminal.logIn(cashier.phone, wrong))).toMatchObject({ status: 403, code: 'PIN_LOCKED', detail: LOCKED });
    expect(await refusal(terminal.logIn(cashier.phone, cashier.pin))).toMatchObject({ status: 403, code: 'PIN_LOCKED', detail: LOCKED });
    // The lock is the employee's, however they are named.
    expect(await refusal(terminal.logIn(cashier.id, cashier.pin))).toMatchObject({ status: 403, code: 'PIN_LOCKED' });

    const seen = (await api.smsTo(cashier.phone)).filter((text) => PIN_CODE_IN_SMS.test(text)).length;
    expect((await call('POST', `/api/v1/employees/${cashier.id}/pin`, token)).status).toBe(200);
    const newPin = await api.waitForSms(cashier.phone, PIN_CODE_IN_SMS, seen);
    expect(newPin).not.toBe(cashier.pin);
    expect(await refusal(terminal.logIn(cashier.phone, cashier.pin))).toMatchObject({ status: 400, ...WRONG_PIN });
    expect((await terminal.logIn(cashier.phone, newPin)).role).toBe('cashier');

    // The bulk «Отправить PIN-код» unlocks too.
    for (let attempt = 1; attempt <= 5; attempt++) await refusal(terminal.logIn(cashier.phone, wrong));
    expect(await refusal(terminal.logIn(cashier.phone, newPin))).toMatchObject({ code: 'PIN_LOCKED' });
    expect((await call('POST', '/api/v1/employees/pin', token, { employeeIds: [cashier.id] })).body.applied).toHaveLength(1);
    expect((await terminal.logIn(cashier.phone, await api.waitForSms(cashier.phone, PIN_CODE_IN_SMS, seen + 1))).employee.id).toBe(cashier.id);
  });

  it('ends the session at once when the role changes or the employee is deleted', async () => {
    const { token, cashier, terminal } = await activatedTerminal();
    await terminal.logIn(cashier.phone, cashier.pin);
    const versionOf = async () => (await call('GET', `/api/v1/employees/${cashier.id}`, token)).body.version as number;
    const changeRole = async (role: string) => expect((await call('PUT', `/api/v1/employees/${cashier.id}`, token, { ...cashier.fields, role, expectedVersion: await versionOf() })).status).toBe(200);
    await changeRole('manager');
    expect(await refusal(terminal.whoAmI())).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    // Ended, not paused: the role back as it was brings no session back.
    await terminal.logIn(cashier.phone, cashier.pin);
    await changeRole('cashier');
    await changeRole('manager');
    await changeRole('cashier');
    expect(await refusal(terminal.whoAmI())).toMatchObject({ status: 401 });
    await changeRole('manager');
    // With the new role: its own payment methods.
    expect(await terminal.logIn(cashier.phone, cashier.pin)).toMatchObject({ role: 'manager', canSell: true });

    expect((await call('DELETE', `/api/v1/employees/${cashier.id}`, token, undefined, { 'if-match': String(await versionOf()) })).status).toBe(204);
    expect(await refusal(terminal.whoAmI())).toMatchObject({ status: 401 });
    expect(await refusal(terminal.logIn(cashier.phone, cashier.pin))).toMatchObject({ status: 400, ...WRONG_PIN });
  });

  it('lets a Guest log in, with a session that may create no sales', async () => {
    const { token, terminal } = await activatedTerminal();
    const guest = await addEmployee(token, 'guest');
    const session = await terminal.logIn(guest.phone, guest.pin);
    expect(session).toMatchObject({ employee: { id: guest.id }, role: 'guest', paymentMethods: [], canSell: false });
    expect(await terminal.whoAmI()).toEqual(session);
  });

  it("answers another organisation's employee, an unknown phone and bad input as a wrong PIN-code would, or per field", async () => {
    const { terminal } = await activatedTerminal();
    const other = await activatedTerminal();
    const wrongOrganisation = await refusal(terminal.logIn(other.cashier.phone, other.cashier.pin));
    expect(wrongOrganisation).toMatchObject({ status: 400, ...WRONG_PIN });
    expect(await refusal(terminal.logIn(other.cashier.id, other.cashier.pin))).toEqual(wrongOrganisation);
    expect(await refusal(terminal.logIn(uniqueContact().phone, '1357'))).toEqual(wrongOrganisation);
    // Nothing counted against the other organisation's cashier.
    expect((await other.terminal.logIn(other.cashier.phone, other.cashier.pin)).employee.id).toBe(other.cashier.id);
    // A session is the device's: another organisation's terminal cannot use it.
    const borrowed = new PosTerminal(system.url);
    borrowed.useCredential(terminal.credential!);
    borrowed.sessionToken = other.terminal.sessionToken;
    expect(await refusal(borrowed.whoAmI())).toMatchObject({ status: 401 });

    const empty = await terminal.send('POST', '/pos/v1/sessions', { body: {} });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { errors: unknown }).errors).toEqual([
      { path: 'employee', message: 'Укажите телефон сотрудника (+7 9XX XXX-XX-XX) или его идентификатор' },
      { path: 'pin', message: 'Введите PIN-код из SMS' },
    ]);
    expect(await refusal(terminal.logIn('Петрова', '12a4'))).toMatchObject({
      status: 400,
      errors: [
        { path: 'employee', message: 'Укажите телефон сотрудника (+7 9XX XXX-XX-XX) или его идентификатор' },
        { path: 'pin', message: 'PIN-код — 4 цифры из SMS' },
      ],
    });
    const unstorable = await terminal.send('POST', '/pos/v1/sessions', { body: { employee: '+7912\u0000', pin: '1234' } });
    expect(unstorable.status).toBe(400);
    expect(((await unstorable.json()) as { errors: Array<{ path: string }> }).errors.map((error) => error.path)).toEqual(['employee']);
    // Without a device credential, nothing.
    expect((await fetch(`${system.url}/pos/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
  });

  it('ends the sessions of a deactivated workplace: a new activation does not bring them back', async () => {
    const { token, cashier, till, terminal } = await activatedTerminal();
    await terminal.logIn(cashier.phone, cashier.pin);
    const ended = terminal.sessionToken;
    expect((await call('POST', `/api/v1/workplaces/${till.id}/deactivate`, token)).status).toBe(200);
    expect(await refusal(terminal.whoAmI())).toMatchObject({ status: 401 });

    const seen = (await api.smsTo(cashier.phone)).filter((text) => ACTIVATION_CODE_IN_SMS.test(text)).length;
    expect((await call('POST', `/api/v1/workplaces/${till.id}/activation-code`, token, { employeeId: cashier.id, salesPointId: till.salesPointId })).status).toBe(200);
    await terminal.activate(await api.waitForSms(cashier.phone, ACTIVATION_CODE_IN_SMS, seen));
    terminal.sessionToken = ended;
    expect(await refusal(terminal.whoAmI())).toMatchObject({ status: 401, detail: 'Сеанс кассира завершён: войдите по PIN-коду' });
  });

  it('answers a terminal speaking protobuf exactly as one speaking JSON', async () => {
    const { cashier, terminal } = await activatedTerminal('protobuf');
    const inProtobuf = await terminal.logIn(cashier.phone, cashier.pin);
    expect(await terminal.whoAmI()).toEqual(inProtobuf);
    const json = new PosTerminal(system.url);
    json.useCredential(terminal.credential!);
    json.sessionToken = terminal.sessionToken;
    expect(await json.whoAmI()).toEqual(inProtobuf);
    expect(await refusal(terminal.logIn(cashier.phone, cashier.pin === '9999' ? '9998' : '9999'))).toMatchObject({ status: 400, ...WRONG_PIN });
    await terminal.logOut();
    expect(await refusal(json.whoAmI())).toMatchObject({ status: 401 });
  });

  it('throttles PIN log-ins per terminal with 429 and Retry-After', async () => {
    const { terminal } = await activatedTerminal();
    for (let attempt = 1; attempt <= 30; attempt++) expect(await refusal(terminal.logIn(uniqueContact().phone, '1357'))).toMatchObject({ status: 400 });
    const throttled = await terminal.send('POST', '/pos/v1/sessions', { body: { employee: uniqueContact().phone, pin: '1357' } });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await throttled.json()) as { detail: string }).detail).toMatch(/^Слишком много попыток входа по PIN-коду на этом терминале/);
    // Another terminal is not held up.
    const { cashier, terminal: another } = await activatedTerminal();
    expect((await another.logIn(cashier.phone, cashier.pin)).role).toBe('cashier');
  });
});
