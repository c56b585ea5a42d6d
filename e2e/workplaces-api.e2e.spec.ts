/**
 * Настройки → Рабочие места and terminal activation over HTTP, in both run modes: adding a workplace sends its
 * employee one SMS with the activation code (and a PIN-code when they have none), numbers 1–99 are unique, a terminal
 * (pos-sim's PosTerminal) activates with the code as typed, a retry gets the same credential, wrong codes count down,
 * the terminal reads its settings (ETag, 304), deactivation refuses it at once, a new code voids the old one, history,
 * and another organisation seeing nothing.
 */
import { ROMASHKA as romashka, useRunningSystem } from './api.harness';
import type { RunMode } from './system.harness';
import { ACTIVATION_CODE_IN_SMS, PosTerminal, TerminalRequestError, simulatedDevice } from '../scripts/pos-sim/pos-terminal';
import { twoShopMerchant } from './pos-terminal.harness';

jest.setTimeout(120_000);


describe.each<RunMode>(['embedded', 'distributed'])('workplaces API and terminal activation (%s mode)', (mode) => {
  const system = useRunningSystem(mode);
  const { api } = system;
  const call = api.call;

  const merchant = () => twoShopMerchant(api);

  async function codeSentTo(phone: string, seen = 0): Promise<string> {
    return api.waitForSms(phone, ACTIVATION_CODE_IN_SMS, seen);
  }

  it('adds workplaces with numbers 1–99 unique in the organisation, sending the employee the activation code', async () => {
    const { token, shop, cashier } = await merchant();
    const till = await call('POST', '/api/v1/workplaces', token, { name: 'Касса №1', number: 1, type: 'stationary', salesPointId: shop, employeeId: cashier.id });
    expect(till.status).toBe(201);
    expect(till.body).toMatchObject({
      version: 1,
      name: 'Касса №1',
      number: 1,
      type: 'stationary',
      salesPointId: shop,
      salesPointName: 'Магазин у дома',
      employeeId: cashier.id,
      employeeName: 'Петрова Анна',
      status: 'not-activated',
      device: null,
      codeSentAt: expect.any(String),
      codeExpiresAt: expect.any(String),
    });
    expect(Date.parse(till.body.codeExpiresAt) - Date.parse(till.body.codeSentAt)).toBe(24 * 60 * 60 * 1000);
    const sms = (await api.smsTo(cashier.phone))[0]!;
    expect(sms).toMatch(/^ЕЛК: код активации рабочего места «Касса №1» — [0-9A-Z]{4}-[0-9A-Z]{4}, действует 24 часа\./);
    // The Cashier got a PIN-code with their account: this SMS has none.
    expect(sms).not.toMatch(/PIN/);

    const taken = await call('POST', '/api/v1/workplaces', token, { name: 'Касса №2', number: 1, type: 'mobile', salesPointId: shop, employeeId: cashier.id });
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual([{ path: 'number', message: 'Номер 1 уже у рабочего места «Касса №1». Свободный номер: 2' }]);
    const outOfRange = await call('POST', '/api/v1/workplaces', token, { name: 'Касса №100', number: 100, type: 'vending', salesPointId: shop, employeeId: cashier.id });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.errors).toEqual([{ path: 'number', message: 'Номер — от 1 до 99' }]);
    const nobody = await call('POST', '/api/v1/workplaces', token, { name: 'Касса №2', number: 2, type: 'mobile', salesPointId: shop, employeeId: till.body.id });
    expect(nobody.status).toBe(400);
    expect(nobody.body.errors).toEqual([{ path: 'employeeId', message: 'Сотрудник не найден: выберите из списка' }]);

    const list = await call('GET', '/api/v1/workplaces', token);
    expect(list.body).toMatchObject({ total: 1, nextFreeNumber: 2, items: [{ id: till.body.id, employeeName: 'Петрова Анна', salesPointName: 'Магазин у дома' }] });
    expect((await call('GET', '/api/v1/workplaces?search=%D0%BA%D0%B0%D1%81%D1%81%D0%B0', token)).body.total).toBe(1);
    expect((await call('GET', '/api/v1/workplaces?status=activated', token)).body.total).toBe(0);
    expect((await call('GET', '/api/v1/workplaces?status=sold', token)).status).toBe(400);
  });

  it('sends an Owner without a PIN-code the PIN-code in the same SMS as the activation code', async () => {
    const { owner, token, shop } = await merchant();
    const added = await call('POST', '/api/v1/workplaces', token, { name: 'Касса владельца', number: 7, type: 'mobile', salesPointId: shop, employeeId: owner.accountId });
    expect(added.status).toBe(201);
    const [sms, ...others] = await api.smsTo(owner.phone);
    expect(others).toHaveLength(0);
    expect(sms).toMatch(/код активации рабочего места «Касса владельца» — [0-9A-Z]{4}-[0-9A-Z]{4}, .* PIN-код для входа в приложение на кассе: \d{4}\./);
  });

  it('lets a terminal activate with the code as typed, gives a retry the same credential, and counts wrong codes down', async () => {
    const { token, shop, cashier } = await merchant();
    const till = await api.add(token, '/api/v1/workplaces', { name: 'Касса №1', number: 1, type: 'stationary', salesPointId: shop, employeeId: cashier.id });
    const code = ACTIVATION_CODE_IN_SMS.exec(await codeSentTo(cashier.phone))![0];
    const terminal = new PosTerminal(system.url);

    const wrong = `${code.slice(0, 5)}${code.slice(5) === '0000' ? '1111' : '0000'}`;
    const refusal = await terminal.activate(wrong).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(TerminalRequestError);
    expect((refusal as TerminalRequestError).status).toBe(400);
    expect((refusal as TerminalRequestError).problem).toMatchObject({ code: 'ACTIVATION_CODE_INVALID', errors: [{ path: 'code', message: 'Неверный код активации. Осталось попыток: 4' }] });

    const activation = await terminal.activate(` ${code.toLowerCase().replace('-', ' ')} `);
    expect(activation).toEqual({ credential: expect.stringMatching(/^elkd\./), organisationId: expect.any(String), workplaceId: till.id, salesPointId: shop });
    // The answer was lost: the same device with the same code gets the same credential.
    expect(await new PosTerminal(system.url, { device: terminal.device }).activate(code)).toEqual(activation);
    // Another device cannot use the code again.
    const reuse = await new PosTerminal(system.url, { device: simulatedDevice() }).activate(code).catch((error: unknown) => error);
    expect((reuse as TerminalRequestError).problem?.code).toBe('ACTIVATION_CODE_INVALID');

    const activated = (await call('GET', `/api/v1/workplaces/${till.id}`, token)).body;
    expect(activated).toMatchObject({ status: 'activated', device: terminal.device, activatedByName: 'Петрова Анна', codeExpiresAt: null });
    expect((await call('GET', '/api/v1/workplaces?status=activated', token)).body.total).toBe(1);
  });

  it('gives an activated terminal its settings with an ETag, 304 while nothing changed, and refuses cabinet tokens', async () => {
    const { owner, token, shop, cashier } = await merchant();
    const till = await api.add(token, '/api/v1/workplaces', { name: 'Касса №1', number: 1, type: 'stationary', salesPointId: shop, employeeId: cashier.id });
    const terminal = new PosTerminal(system.url);
    await terminal.activate(ACTIVATION_CODE_IN_SMS.exec(await codeSentTo(cashier.phone))![0]);

    const first = (await terminal.settings())!;
    expect(first.settings).toEqual({
      organisation: { id: owner.organisationId, name: 'ООО «Ромашка»' },
      legalEntity: { id: expect.any(String), type: 'ooo', name: romashka.name, inn: romashka.inn, kpp: romashka.kpp, taxSystem: romashka.taxSystem },
      salesPoint: {
        id: shop,
        name: 'Магазин у дома',
        address: 'г. Москва, ул. Тверская, д. 1',
        paymentMethods: { owner: ['cash', 'card'], admin: ['cash', 'card'], manager: ['cash', 'card'], cashier: ['cash', 'card'], guest: [] },
      },
      workplace: { id: till.id, name: 'Касса №1', number: 1, type: 'stationary' },
      extensions: {},
    });
    expect(await terminal.settings(first.etag)).toBeNull();

    // The cashier may take only cash here now: the settings change (organisation tells devices a moment later).
    const grid = { owner: ['cash', 'card'], admin: ['cash', 'card'], manager: ['cash', 'card'], cashier: ['cash'], guest: [] };
    expect((await call('PUT', `/api/v1/sales-points/${shop}/payment-methods`, token, { paymentMethods: grid, expectedVersion: 1 })).status).toBe(200);
    const deadline = Date.now() + 10_000;
    let changed = await terminal.settings(first.etag);
    while (!changed && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      changed = await terminal.settings(first.etag);
    }
    expect(changed?.settings.salesPoint.paymentMethods.cashier).toEqual(['cash']);
    expect(changed?.etag).not.toBe(first.etag);

    // A cabinet token is no device credential, and a device credential opens nothing in the cabinet.
    expect((await fetch(`${system.url}/pos/v1/settings`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await call('GET', '/api/v1/me', terminal.credential!)).status).toBe(401);
    expect((await fetch(`${system.url}/pos/v1/settings`)).status).toBe(401);
  });

  it('answers a terminal speaking protobuf exactly as one speaking JSON', async () => {
    const { token, shop, cashier } = await merchant();
    await api.add(token, '/api/v1/workplaces', { name: 'Касса №1', number: 1, type: 'stationary', salesPointId: shop, employeeId: cashier.id });
    const protobuf = new PosTerminal(system.url, { format: 'protobuf' });
    const activation = await protobuf.activate(ACTIVATION_CODE_IN_SMS.exec(await codeSentTo(cashier.phone))![0]);
    const json = new PosTerminal(system.url, { device: protobuf.device });
    // The same device with the same code: the JSON retry gets what the protobuf activation got.
    expect(await json.activate(ACTIVATION_CODE_IN_SMS.exec(await codeSentTo(cashier.phone))![0])).toEqual(activation);

    const inProtobuf = (await protobuf.settings())!;
    const inJson = (await json.settings())!;
    expect(inProtobuf.settings).toEqual(inJson.settings);
    expect(inProtobuf.etag).not.toBe(inJson.etag);
    expect(await protobuf.settings(inProtobuf.etag)).toBeNull();
    expect(await json.settings(inJson.etag)).toBeNull();

    const garbage = await fetch(`${system.url}/pos/v1/activation`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: new Uint8Array([0xff, 0xff, 0xff]) });
    expect(garbage.status).toBe(400);
    const badCode = await new PosTerminal(system.url, { format: 'protobuf' }).activate('ABCD-EFGU').catch((error: unknown) => error);
    expect((badCode as TerminalRequestError).problem?.errors).toEqual([{ path: 'code', message: 'Код активации — 8 символов из SMS' }]);
  });

  it('deactivates a workplace, refusing its terminal at once; a new code, to another employee and sales point, voids the old one and activates again', async () => {
    const { owner, token, shop, kiosk, cashier } = await merchant();
    const till = await api.add(token, '/api/v1/workplaces', { name: 'Касса №1', number: 1, type: 'stationary', salesPointId: shop, employeeId: cashier.id });
    const firstCode = ACTIVATION_CODE_IN_SMS.exec(await codeSentTo(cashier.phone))![0];
    const terminal = new PosTerminal(system.url);
    await terminal.activate(firstCode);
    expect(await terminal.settings()).not.toBeNull();

    const deactivated = await call('POST', `/api/v1/workplaces/${till.id}/deactivate`, token);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.status).toBe('deactivated');
    const refused = await terminal.settings().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TerminalRequestError);
    expect((refused as TerminalRequestError).status).toBe(401);
    const again = await call('POST', `/api/v1/workplaces/${till.id}/deactivate`, token);
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('Рабочее место уже деактивировано');

    const ownerSms = (await api.smsTo(owner.phone)).length;
    const issued = await call('POST', `/api/v1/workplaces/${till.id}/activation-code`, token, { employeeId: owner.accountId, salesPointId: kiosk });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ employeeId: owner.accountId, employeeName: 'Иванов Иван Иванович', salesPointId: kiosk, salesPointName: 'Киоск', status: 'deactivated' });
    const secondCode = ACTIVATION_CODE_IN_SMS.exec(await codeSentTo(owner.phone, ownerSms))![0];
    const third = await call('POST', `/api/v1/workplaces/${till.id}/activation-code`, token, { employeeId: owner.accountId, salesPointId: kiosk });
    expect(third.status).toBe(200);
    const thirdCode = ACTIVATION_CODE_IN_SMS.exec(await codeSentTo(owner.phone, ownerSms + 1))![0];

    const voided = await new PosTerminal(system.url).activate(secondCode).catch((error: unknown) => error);
    expect((voided as TerminalRequestError).problem?.code).toBe('ACTIVATION_CODE_INVALID');
    const replacement = new PosTerminal(system.url);
    expect((await replacement.activate(thirdCode)).salesPointId).toBe(kiosk);
    expect((await replacement.settings())?.settings.salesPoint.name).toBe('Киоск');

    const history = (await call('GET', `/api/v1/workplaces/${till.id}/history`, token)).body.items.map((entry: { action: string }) => entry.action);
    expect(history).toEqual(['created', 'code-sent', 'activated', 'deactivated', 'code-sent', 'code-sent', 'activated']);
  });

  it('edits with the version seen, deletes, and shows another organisation nothing', async () => {
    const { token, shop, kiosk, cashier } = await merchant();
    const till = await api.add(token, '/api/v1/workplaces', { name: 'Касса №1', number: 1, type: 'stationary', salesPointId: shop, employeeId: cashier.id });
    const fields = { name: 'Касса у входа', number: 5, type: 'vending', salesPointId: kiosk, employeeId: cashier.id };
    const updated = await call('PUT', `/api/v1/workplaces/${till.id}`, token, { ...fields, expectedVersion: 1 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ ...fields, version: 2, salesPointName: 'Киоск' });
    expect((await call('PUT', `/api/v1/workplaces/${till.id}`, token, { ...fields, expectedVersion: 1 })).status).toBe(409);

    const stranger = (await api.signUp('ООО «Чужая»')).accessToken;
    expect((await call('GET', `/api/v1/workplaces/${till.id}`, stranger)).status).toBe(404);
    expect((await call('GET', '/api/v1/workplaces', stranger)).body.total).toBe(0);
    expect((await call('POST', `/api/v1/workplaces/${till.id}/activation-code`, stranger, { employeeId: cashier.id, salesPointId: shop })).status).toBe(404);

    expect((await call('DELETE', `/api/v1/workplaces/${till.id}`, token, undefined, { 'if-match': '2' })).status).toBe(204);
    expect((await call('GET', `/api/v1/workplaces/${till.id}`, token)).status).toBe(404);
    expect((await call('GET', '/api/v1/workplaces', token)).body).toMatchObject({ total: 0, nextFreeNumber: 1 });
  });
});
