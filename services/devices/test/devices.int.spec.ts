/**
 * The devices service on real infrastructure in both run modes, with organisation and identity faked on the bus:
 * a terminal's credential is recognised while its workplace is activated and refused once it is deactivated,
 * replaced or deleted, or forged; five wrong codes kill a code; a code expires after 24 hours; the directory of
 * organisation's sales points and employees ignores events that arrive late; a cashier's log-in on a terminal is
 * identity's PIN check with the role's payment methods at the sales point added; the equipment terminals report is
 * recorded once, its moves between workplaces too, and listed, searched and shown to its organisation only.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  DevicesSubjects,
  DomainError,
  IdentitySubjects,
  OrganisationSubjects,
  actorHeaders,
  type ActivationResponse,
  type AuthenticatedDevice,
  type BankTerminalList,
  type EquipmentReportResponse,
  type FiscalRegisterList,
  type FiscalRegisterView,
  type History,
  type PaymentMethodsByRole,
  type SendActivationCode,
  type WorkplaceView,
} from '@elk/contracts';
import { RemoteError } from '@elk/messaging';
import { InfrastructureModule, type Clock } from '@elk/service-kit';
import { infrastructureFixture, serveOnBus, waitUntil, withFakeHandler, type TestInfrastructure } from '@elk/testing';
import { DevicesModule } from '../src';
import { OrganisationDirectory } from '../src/organisation-directory/organisation-directory';

const device = { model: 'LIFE POS Mini', serial: 'LP0001', appName: 'LIFE POS', appVersion: '3.2.1', os: 'Android 11' };

describe.each(['embedded', 'distributed'] as const)('devices service (%s)', (mode) => {
  const fixture = infrastructureFixture(mode, 'devices');
  let infrastructure: TestInfrastructure;
  let app: INestMicroservice | undefined;
  let now = new Date('2026-12-01T10:00:00.000Z');
  const clock: Clock = { now: () => now };
  /** The codes identity was asked to send, newest last. */
  let codesSent: string[];
  /** The terminal log-ins identity was asked to check; a PIN-code other than 1357 is refused as locked. */
  let pinsChecked: string[];
  const organisationId = randomUUID();
  const salesPointId = randomUUID();
  const employeeId = randomUUID();
  const guestId = randomUUID();
  const headers = actorHeaders({ organisationId, accountId: randomUUID(), role: 'owner' }, randomUUID());

  beforeAll(() => fixture.start(), 30_000);
  beforeEach(async () => {
    now = new Date('2026-12-01T10:00:00.000Z');
    codesSent = [];
    pinsChecked = [];
    let faked = await fixture.open();
    faked = await withFakeHandler(faked, OrganisationSubjects.GetSalesPoint, async (data) => {
      if ((data as { salesPointId: string }).salesPointId !== salesPointId) throw new DomainError('NOT_FOUND', 'Точка продаж не найдена');
      const paymentMethods = { owner: [], admin: [], manager: [], cashier: [], guest: [] };
      return { id: salesPointId, version: 1, name: 'Магазин', legalEntityId: randomUUID(), legalEntityName: 'ООО «Ромашка»', address: 'г. Москва', brand: null, paymentMethods, createdAt: now.toISOString(), updatedAt: now.toISOString() };
    });
    faked = await withFakeHandler(faked, OrganisationSubjects.GetEmployee, async (data) => {
      if ((data as { employeeId: string }).employeeId !== employeeId) throw new DomainError('NOT_FOUND', 'Сотрудник не найден');
      return { id: employeeId, version: 1, lastName: 'Петрова', firstName: 'Анна', patronymic: null, fullName: 'Петрова Анна', phone: '+79120000001', email: null, role: 'cashier', pinSentAt: null, createdAt: now.toISOString(), updatedAt: now.toISOString() };
    });
    faked = await withFakeHandler(faked, IdentitySubjects.SendActivationCode, async (data) => {
      codesSent.push((data as SendActivationCode).activationCode);
      return { sentAt: now.toISOString(), pinIncluded: false };
    });
    faked = await withFakeHandler(faked, IdentitySubjects.OpenTerminalSession, async (data) => {
      const { pin, employee } = data as { pin: string; employee: string };
      pinsChecked.push(pin);
      if (pin !== '1357') throw new DomainError('PIN_LOCKED', 'Вход на кассах заблокирован');
      return { token: 'elkt.token', employee: { id: employee, name: 'Петрова Анна' }, role: employee === guestId ? 'guest' : 'cashier', expiresAt: '2026-12-01T22:00:00.000Z' };
    });
    infrastructure = faked;
    const module = await Test.createTestingModule({ imports: [InfrastructureModule.forRoot(infrastructure), DevicesModule.forRoot({ secretsKey: randomBytes(32), clock })] }).compile();
    app = await serveOnBus(module, infrastructure.bus);
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await fixture.cleanup();
  });
  afterAll(() => fixture.close());

  const request = <R>(subject: string, data: unknown) => infrastructure.bus.request<R>(subject, data, { headers });
  const activate = (code: string, serial = device.serial) => infrastructure.bus.request<ActivationResponse>(DevicesSubjects.ActivateDevice, { activation: { code, device: { ...device, serial } } });
  const authenticate = (credential: string) => infrastructure.bus.request<AuthenticatedDevice>(DevicesSubjects.AuthenticateDevice, { credential });
  const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as RemoteError);

  async function addWorkplace(number = 1): Promise<WorkplaceView> {
    return request<WorkplaceView>(DevicesSubjects.AddWorkplace, { workplaceId: randomUUID(), workplace: { name: `Касса №${number}`, number, type: 'stationary', salesPointId, employeeId } });
  }

  it('recognises an activated terminal, and refuses its credential once deactivated, replaced or deleted, and a forged one', async () => {
    const till = await addWorkplace();
    const { credential } = await activate(codesSent[0]!);
    expect(await authenticate(credential)).toEqual({ organisationId, workplaceId: till.id, salesPointId, credentialId: expect.any(String) });
    expect(await authenticate(`${credential.slice(0, -1)}${credential.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(await authenticate('elkd.not-a-credential')).toBeNull();

    await request(DevicesSubjects.DeactivateWorkplace, { workplaceId: till.id });
    expect(await authenticate(credential)).toBeNull();

    await request(DevicesSubjects.IssueActivationCode, { workplaceId: till.id, request: { salesPointId, employeeId } });
    const second = (await activate(codesSent[1]!, 'LP0002')).credential;
    expect(await authenticate(second)).not.toBeNull();
    await request(DevicesSubjects.IssueActivationCode, { workplaceId: till.id, request: { salesPointId, employeeId } });
    const third = (await activate(codesSent[2]!, 'LP0003')).credential;
    expect(await authenticate(second)).toBeNull();
    expect(await authenticate(third)).not.toBeNull();

    await request(DevicesSubjects.DeleteWorkplace, { workplaceId: till.id });
    expect(await authenticate(third)).toBeNull();
  });

  it('tells the gateways (TerminalAccessChanged) of each workplace change once authenticating its terminal answers it', async () => {
    const till = await addWorkplace();
    /** What authenticating the terminal's credential (once it has one) answered as each note was heard. */
    const answersWhenTold: Array<Promise<AuthenticatedDevice | 'no credential yet'>> = [];
    let credential: string | undefined;
    const notes: unknown[] = [];
    const listening = await infrastructure.bus.listen(DevicesSubjects.TerminalAccessChanged, (note) => {
      notes.push(note);
      answersWhenTold.push(credential ? authenticate(credential) : Promise.resolve('no credential yet'));
    });
    const told = async (count: number) => {
      await waitUntil(() => answersWhenTold.length >= count, `TerminalAccessChanged ${count} times (told ${answersWhenTold.length})`);
      return answersWhenTold[count - 1];
    };
    try {
      await request(DevicesSubjects.IssueActivationCode, { workplaceId: till.id, request: { salesPointId, employeeId } });
      await told(1);
      credential = (await activate(codesSent[1]!)).credential;
      await told(2);
      const { version } = await request<WorkplaceView>(DevicesSubjects.GetWorkplace, { workplaceId: till.id });
      await request(DevicesSubjects.UpdateWorkplace, { workplaceId: till.id, workplace: { name: 'Касса у входа', number: 1, type: 'stationary', salesPointId, employeeId, expectedVersion: version } });
      expect(await told(3)).toMatchObject({ workplaceId: till.id });
      await request(DevicesSubjects.DeactivateWorkplace, { workplaceId: till.id });
      expect(await told(4)).toBeNull();
      expect(notes).toEqual(Array.from({ length: 4 }, () => ({ organisationId })));
    } finally {
      await listening.close();
    }
  });

  it('kills a code after five wrong tries with its first characters right, and lets no code work after 24 hours', async () => {
    await addWorkplace(1);
    const code = codesSent[0]!;
    const wrong = `${code.slice(0, 5)}${code.slice(5) === 'ZZZZ' ? 'YYYY' : 'ZZZZ'}`;
    const messages: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) messages.push((await failureOf(activate(wrong)))!.message);
    expect(messages).toEqual([4, 3, 2, 1].map((left) => `Неверный код активации. Осталось попыток: ${left}`).concat('Неверный код активации. Попытки закончились — запросите новый код в личном кабинете'));
    expect((await failureOf(activate(code)))?.code).toBe('ACTIVATION_CODE_EXHAUSTED');

    await addWorkplace(2);
    now = new Date(now.getTime() + 24 * 60 * 60 * 1000);
    expect((await failureOf(activate(codesSent[1]!)))?.code).toBe('ACTIVATION_CODE_EXPIRED');
  });

  it('keeps the newest name of a sales point or employee when an older event arrives late, and forgets deleted ones', async () => {
    const directory = app!.get(OrganisationDirectory);
    const id = randomUUID();
    const card = { name: 'Магазин у дома', address: 'г. Москва', legalEntityId: randomUUID() };
    expect(await directory.apply('sales-point', id, { organisationId, streamPosition: 2, fields: card })).toBe(true);
    expect(await directory.apply('sales-point', id, { organisationId, streamPosition: 1, fields: { ...card, name: 'Магазин' } })).toBe(false);
    expect(await directory.names('sales-point', organisationId, [id])).toEqual(new Map([[id, 'Магазин у дома']]));
    expect(await directory.names('sales-point', randomUUID(), [id])).toEqual(new Map());
    const grid: PaymentMethodsByRole = { owner: ['cash'], admin: ['cash'], manager: [], cashier: ['card'], guest: [] };
    await directory.apply('sales-point', id, { organisationId, streamPosition: 3, fields: { paymentMethods: grid } });
    expect(await directory.get('sales-point', organisationId, id)).toEqual({ ...card, paymentMethods: grid });
    await directory.apply('sales-point', id, { organisationId, streamPosition: 4, fields: null });
    expect(await directory.names('sales-point', organisationId, [id])).toEqual(new Map());
  });

  it("logs a cashier in: identity's PIN check with the workplace and what the role may take at the sales point, its refusals unchanged, nothing asked before the sales point is known", async () => {
    const terminal: { organisationId: string; workplaceId: string; salesPointId: string; credentialId: string } = { organisationId, workplaceId: randomUUID(), salesPointId, credentialId: randomUUID() };
    const logIn = (employee: string, pin = '1357') => infrastructure.bus.request(DevicesSubjects.LogInTerminal, { device: terminal, login: { employee, pin } });
    const notReady = await failureOf(logIn(employeeId));
    expect(notReady?.code).toBe('SERVICE_UNAVAILABLE');
    expect(pinsChecked).toEqual([]);

    const directory = app!.get(OrganisationDirectory);
    const grid: PaymentMethodsByRole = { owner: ['cash'], admin: ['cash'], manager: [], cashier: ['cash', 'sbp'], guest: [] };
    await directory.apply('sales-point', salesPointId, { organisationId, streamPosition: 1, fields: { name: 'Магазин у дома', address: 'г. Москва', legalEntityId: randomUUID(), paymentMethods: grid } });
    const till = await addWorkplace(1);
    terminal.workplaceId = till.id;
    const session = {
      employee: { id: employeeId, name: 'Петрова Анна' },
      role: 'cashier',
      salesPoint: { id: salesPointId, name: 'Магазин у дома' },
      workplace: { id: till.id, name: 'Касса №1', number: 1 },
      paymentMethods: ['cash', 'sbp'],
      canSell: true,
      expiresAt: '2026-12-01T22:00:00.000Z',
    };
    expect(await logIn(employeeId)).toEqual({ token: 'elkt.token', session });
    expect(await logIn(guestId)).toMatchObject({ session: { role: 'guest', paymentMethods: [], canSell: false } });
    expect(await infrastructure.bus.request(DevicesSubjects.GetTerminalSession, { device: terminal, session: { employee: session.employee, role: 'cashier', expiresAt: session.expiresAt } })).toEqual(session);

    const locked = await failureOf(logIn(employeeId, '0000'));
    expect({ code: locked?.code, message: locked?.message }).toEqual({ code: 'PIN_LOCKED', message: 'Вход на кассах заблокирован' });
  });

  it('records reported equipment once, a move to another workplace, and shows it to its organisation only', async () => {
    await app!.get(OrganisationDirectory).apply('sales-point', salesPointId, { organisationId, streamPosition: 1, fields: { name: 'Магазин у дома', address: 'г. Москва', legalEntityId: randomUUID() } });
    const first = await addWorkplace(1);
    const second = await addWorkplace(2);
    const terminalAt = async (code: string, serial: string) => (await authenticate((await activate(code, serial)).credential))!;
    const [atFirst, atSecond] = [await terminalAt(codesSent[0]!, 'LP0001'), await terminalAt(codesSent[1]!, 'LP0002')];
    const fiscalRegister = { model: 'АТОЛ 30Ф', firmwareVersion: '5.8.21', serialNumber: '00106712345678', ffdVersion: '1.2', registrationNumber: '0000000001012345', fnNumber: '7380440700123456' } as const;
    const bankTerminal = { model: 'Ingenico Move/5000', tid: '10293847', mid: '781234567890' };
    const report = (device: typeof atFirst, body: unknown) => infrastructure.bus.request<EquipmentReportResponse>(DevicesSubjects.ReportEquipment, { device, report: body });

    const reported = await report(atFirst, { fiscalRegister, bankTerminal });
    expect(reported).toEqual({ fiscalRegister: { id: expect.any(String), changes: ['reported'] }, bankTerminal: { id: expect.any(String), changes: ['reported'] } });
    const registerId = reported.fiscalRegister!.id;
    now = new Date('2026-12-01T11:00:00.000Z');
    expect(await report(atFirst, { fiscalRegister, bankTerminal })).toEqual({ fiscalRegister: { id: registerId, changes: [] }, bankTerminal: { id: reported.bankTerminal!.id, changes: [] } });

    const card = await request<FiscalRegisterView>(DevicesSubjects.GetFiscalRegister, { deviceId: registerId });
    expect(card).toEqual({
      id: registerId,
      ...fiscalRegister,
      workplaceId: first.id,
      workplaceName: 'Касса №1',
      salesPointId,
      salesPointName: 'Магазин у дома',
      firstReportedAt: '2026-12-01T10:00:00.000Z',
      lastReportedAt: '2026-12-01T11:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
    });

    now = new Date('2026-12-01T12:00:00.000Z');
    const moved = await report(atSecond, { fiscalRegister: { ...fiscalRegister, firmwareVersion: '5.9.0' } });
    expect(moved).toEqual({ fiscalRegister: { id: registerId, changes: ['moved', 'updated'] }, bankTerminal: null });
    expect(await request<FiscalRegisterView>(DevicesSubjects.GetFiscalRegister, { deviceId: registerId })).toMatchObject({ workplaceId: second.id, workplaceName: 'Касса №2', firmwareVersion: '5.9.0', updatedAt: now.toISOString() });
    const history = await request<History>(DevicesSubjects.GetFiscalRegisterHistory, { deviceId: registerId });
    expect(history.items.map(({ action, actor }) => [action, actor.fullName])).toEqual([
      ['reported', 'Терминал рабочего места «Касса №1»'],
      ['moved', 'Терминал рабочего места «Касса №2»'],
      ['updated', 'Терминал рабочего места «Касса №2»'],
    ]);
    expect(history.items[1]!.changes).toEqual([{ field: 'workplaceName', from: 'Касса №1', to: 'Касса №2' }]);
    expect(history.items[2]!.changes).toEqual([{ field: 'firmwareVersion', from: '5.8.21', to: '5.9.0' }]);

    for (const search of [fiscalRegister.serialNumber.slice(-6), fiscalRegister.registrationNumber, 'атол', fiscalRegister.fnNumber.slice(0, 10)]) {
      expect((await request<FiscalRegisterList>(DevicesSubjects.GetFiscalRegisterList, { search })).items.map((item) => item.id)).toEqual([registerId]);
    }
    expect((await request<FiscalRegisterList>(DevicesSubjects.GetFiscalRegisterList, { search: 'Меркурий' })).total).toBe(0);
    for (const search of [bankTerminal.tid, bankTerminal.mid, 'ingenico']) {
      expect((await request<BankTerminalList>(DevicesSubjects.GetBankTerminalList, { search })).items.map((item) => item.tid)).toEqual([bankTerminal.tid]);
    }

    const stranger = actorHeaders({ organisationId: randomUUID(), accountId: randomUUID(), role: 'owner' }, randomUUID());
    const asStranger = <R>(subject: string, data: unknown) => infrastructure.bus.request<R>(subject, data, { headers: stranger });
    expect((await failureOf(asStranger(DevicesSubjects.GetFiscalRegister, { deviceId: registerId })))?.code).toBe('NOT_FOUND');
    expect((await failureOf(asStranger(DevicesSubjects.GetFiscalRegisterHistory, { deviceId: registerId })))?.code).toBe('NOT_FOUND');
    expect((await asStranger<FiscalRegisterList>(DevicesSubjects.GetFiscalRegisterList, {})).total).toBe(0);

    // A terminal whose workplace is gone reports nothing.
    await request(DevicesSubjects.DeleteWorkplace, { workplaceId: first.id });
    expect((await failureOf(report(atFirst, { bankTerminal })))?.code).toBe('UNAUTHENTICATED');
  });
});
