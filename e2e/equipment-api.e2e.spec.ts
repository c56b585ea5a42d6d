/**
 * Настройки → POS оборудование over HTTP, in both run modes: terminals (pos-sim's PosTerminal) report their fiscal
 * register and bank terminal; the same report again records nothing; a report from another workplace records the move;
 * the cabinet lists, searches and shows them with their workplace, sales point and history; bad reports get Russian
 * per-field 400s and change nothing; protobuf gets the answers JSON gets; another organisation sees nothing.
 */
import { useRunningSystem } from './api.harness';
import type { RunMode } from './system.harness';
import { ACTIVATION_CODE_IN_SMS, PosTerminal, TerminalRequestError, simulatedBankTerminal, simulatedFiscalRegister } from '../scripts/pos-sim/pos-terminal';
import { twoShopMerchant } from './pos-terminal.harness';

jest.setTimeout(120_000);


describe.each<RunMode>(['embedded', 'distributed'])('POS equipment API (%s mode)', (mode) => {
  const system = useRunningSystem(mode);
  const { api } = system;
  const call = api.call;

  /** An organisation with two workplaces at two sales points, a terminal activated on each. */
  async function merchant(format: 'json' | 'protobuf' = 'json') {
    const { token, shop, kiosk, cashier } = await twoShopMerchant(api);
    const terminals: PosTerminal[] = [];
    const workplaces: string[] = [];
    for (const [number, salesPointId] of [[1, shop], [2, kiosk]] as const) {
      workplaces.push((await api.add(token, '/api/v1/workplaces', { name: `Касса №${number}`, number, type: 'stationary', salesPointId, employeeId: cashier.id })).id);
      const terminal = new PosTerminal(system.url, { format });
      await terminal.activate(await api.waitForSms(cashier.phone, ACTIVATION_CODE_IN_SMS, number - 1));
      terminals.push(terminal);
    }
    return { token, shop, kiosk, workplaces, terminals: terminals as [PosTerminal, PosTerminal] };
  }

  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as TerminalRequestError);

  it('records what a terminal reports once, lists and searches it, and shows its card with the workplace and sales point', async () => {
    const { token, shop, workplaces, terminals } = await merchant();
    const [till] = terminals;
    const reported = await till.reportEquipment();
    expect(reported).toEqual({ fiscalRegister: { id: expect.any(String), changes: ['reported'] }, bankTerminal: { id: expect.any(String), changes: ['reported'] } });
    expect(await till.reportEquipment()).toEqual({ fiscalRegister: { id: reported.fiscalRegister!.id, changes: [] }, bankTerminal: { id: reported.bankTerminal!.id, changes: [] } });

    const register = simulatedFiscalRegister(till.device.serial);
    const bank = simulatedBankTerminal(till.device.serial);
    const card = await call('GET', `/api/v1/fiscal-registers/${reported.fiscalRegister!.id}`, token);
    expect(card.status).toBe(200);
    expect(card.body).toEqual({
      id: reported.fiscalRegister!.id,
      ...register,
      workplaceId: workplaces[0],
      workplaceName: 'Касса №1',
      salesPointId: shop,
      salesPointName: 'Магазин у дома',
      firstReportedAt: expect.any(String),
      lastReportedAt: expect.any(String),
      updatedAt: card.body.firstReportedAt,
    });
    expect(Date.parse(card.body.lastReportedAt)).toBeGreaterThan(Date.parse(card.body.firstReportedAt));
    expect((await call('GET', `/api/v1/bank-terminals/${reported.bankTerminal!.id}`, token)).body).toMatchObject({ ...bank, workplaceName: 'Касса №1', salesPointName: 'Магазин у дома' });

    // The second report recorded nothing: the history has the first one only.
    const history = await call('GET', `/api/v1/fiscal-registers/${reported.fiscalRegister!.id}/history`, token);
    expect(history.body.items).toEqual([
      {
        at: expect.any(String),
        actor: { accountId: workplaces[0], fullName: 'Терминал рабочего места «Касса №1»' },
        action: 'reported',
        changes: expect.arrayContaining([{ field: 'serialNumber', from: null, to: register.serialNumber }, { field: 'workplaceName', from: null, to: 'Касса №1' }]),
      },
    ]);

    const registers = (search: string) => call('GET', `/api/v1/fiscal-registers?search=${encodeURIComponent(search)}`, token);
    for (const search of [register.serialNumber, register.registrationNumber.slice(0, 12), 'АТОЛ', register.fnNumber]) expect((await registers(search)).body.total).toBe(1);
    expect((await registers('Штрих-М')).body).toEqual({ items: [], total: 0, nextCursor: null });
    const banks = (search: string) => call('GET', `/api/v1/bank-terminals?search=${encodeURIComponent(search)}`, token);
    for (const search of [bank.tid, bank.mid, 'ingenico']) expect((await banks(search)).body.items.map((item: { tid: string }) => item.tid)).toEqual([bank.tid]);
    expect((await call('GET', '/api/v1/fiscal-registers?sort=-model', token)).status).toBe(200);
    expect((await call('GET', '/api/v1/bank-terminals?sort=fnNumber', token)).status).toBe(400);
  });

  it('records a register and a bank terminal moving to another workplace, and new firmware', async () => {
    const { token, kiosk, workplaces, terminals } = await merchant();
    const [first, second] = terminals;
    const register = simulatedFiscalRegister(first.device.serial);
    const bank = simulatedBankTerminal(first.device.serial);
    const { fiscalRegister, bankTerminal } = await first.reportEquipment({ fiscalRegister: register, bankTerminal: bank });

    expect(await second.reportEquipment({ fiscalRegister: { ...register, firmwareVersion: '5.9.0' }, bankTerminal: bank })).toEqual({
      fiscalRegister: { id: fiscalRegister!.id, changes: ['moved', 'updated'] },
      bankTerminal: { id: bankTerminal!.id, changes: ['moved'] },
    });
    const card = (await call('GET', `/api/v1/fiscal-registers/${fiscalRegister!.id}`, token)).body;
    expect(card).toMatchObject({ workplaceId: workplaces[1], workplaceName: 'Касса №2', salesPointId: kiosk, salesPointName: 'Киоск', firmwareVersion: '5.9.0' });
    const history = (await call('GET', `/api/v1/fiscal-registers/${fiscalRegister!.id}/history`, token)).body.items;
    expect(history.map((entry: { action: string }) => entry.action)).toEqual(['reported', 'moved', 'updated']);
    expect(history[1].changes).toEqual([
      { field: 'workplaceName', from: 'Касса №1', to: 'Касса №2' },
      { field: 'salesPointName', from: 'Магазин у дома', to: 'Киоск' },
    ]);
    const bankHistory = (await call('GET', `/api/v1/bank-terminals/${bankTerminal!.id}/history`, token)).body.items;
    expect(bankHistory.map((entry: { action: string; actor: { fullName: string } }) => [entry.action, entry.actor.fullName])).toEqual([
      ['reported', 'Терминал рабочего места «Касса №1»'],
      ['moved', 'Терминал рабочего места «Касса №2»'],
    ]);
    // Still one of each: the same devices, not new ones.
    expect((await call('GET', '/api/v1/fiscal-registers', token)).body.total).toBe(1);
    expect((await call('GET', '/api/v1/bank-terminals', token)).body.total).toBe(1);
  });

  it('refuses a bad report with Russian messages per field, recording nothing', async () => {
    const { token, terminals } = await merchant();
    const [till] = terminals;
    const register = simulatedFiscalRegister(till.device.serial);
    const refusal = await failure(
      till.reportEquipment({
        fiscalRegister: { ...register, ffdVersion: '1.0' as '1.2', registrationNumber: '12345', fnNumber: register.fnNumber },
        bankTerminal: { model: 'Ingenico Move/5000', tid: '123', mid: '1234567890123456' },
      }),
    );
    expect(refusal).toBeInstanceOf(TerminalRequestError);
    expect(refusal!.status).toBe(400);
    expect(refusal!.problem?.errors).toEqual([
      { path: 'fiscalRegister.ffdVersion', message: 'Версия ФФД: 1.05, 1.1 или 1.2' },
      { path: 'fiscalRegister.registrationNumber', message: 'Регистрационный номер ККТ — 16 цифр' },
      { path: 'bankTerminal.tid', message: 'TID (идентификатор терминала) — 8 цифр и латинских букв' },
      { path: 'bankTerminal.mid', message: 'MID (идентификатор мерчанта) — до 15 цифр и латинских букв' },
    ]);
    expect((await failure(till.reportEquipment({})))!.problem?.errors).toEqual([{ path: 'fiscalRegister', message: 'Укажите фискальный регистратор или банковский терминал' }]);
    const notJson = await till.send('POST', '/pos/v1/equipment', { body: '{"fiscalRegister":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect((await call('GET', '/api/v1/fiscal-registers', token)).body.total).toBe(0);
    expect((await call('GET', '/api/v1/bank-terminals', token)).body.total).toBe(0);
  });

  it('answers a terminal speaking protobuf exactly as one speaking JSON', async () => {
    const { token, terminals } = await merchant('protobuf');
    const [protobuf] = terminals;
    const json = new PosTerminal(system.url, { device: protobuf.device });
    json.useCredential(protobuf.credential!);
    const onlyBank = { bankTerminal: simulatedBankTerminal(protobuf.device.serial) };
    const first = await protobuf.reportEquipment(onlyBank);
    expect(first).toEqual({ fiscalRegister: null, bankTerminal: { id: expect.any(String), changes: ['reported'] } });
    expect(await json.reportEquipment(onlyBank)).toEqual({ fiscalRegister: null, bankTerminal: { id: first.bankTerminal!.id, changes: [] } });
    expect(await protobuf.reportEquipment(onlyBank)).toEqual(await json.reportEquipment(onlyBank));
    const badTid = await failure(protobuf.reportEquipment({ bankTerminal: { ...onlyBank.bankTerminal, tid: '1' } }));
    expect(badTid!.problem?.errors).toEqual([{ path: 'bankTerminal.tid', message: 'TID (идентификатор терминала) — 8 цифр и латинских букв' }]);
    expect((await call('GET', '/api/v1/bank-terminals', token)).body.total).toBe(1);
  });

  it('shows another organisation nothing, and refuses a deactivated terminal and a cabinet token', async () => {
    const { token, workplaces, terminals } = await merchant();
    const [till] = terminals;
    const { fiscalRegister, bankTerminal } = await till.reportEquipment();
    const stranger = (await api.signUp('ООО «Чужая»')).accessToken;
    for (const path of [`/api/v1/fiscal-registers/${fiscalRegister!.id}`, `/api/v1/fiscal-registers/${fiscalRegister!.id}/history`, `/api/v1/bank-terminals/${bankTerminal!.id}`, `/api/v1/bank-terminals/${bankTerminal!.id}/history`]) {
      const reply = await call('GET', path, stranger);
      expect({ path, status: reply.status }).toEqual({ path, status: 404 });
    }
    expect((await call('GET', '/api/v1/fiscal-registers', stranger)).body.total).toBe(0);
    expect((await call('GET', '/api/v1/bank-terminals', stranger)).body.total).toBe(0);

    expect((await call('POST', '/pos/v1/equipment', token, { bankTerminal: simulatedBankTerminal('cabinet') })).status).toBe(401);
    expect((await call('POST', `/api/v1/workplaces/${workplaces[0]}/deactivate`, token)).status).toBe(200);
    expect((await failure(till.reportEquipment()))!.status).toBe(401);
  });
});
