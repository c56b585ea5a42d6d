/**
 * Настройки → POS оборудование in headless Chromium, as the manual tells it: two terminals (pos-sim's PosTerminal)
 * report their fiscal registers and bank terminals; Фискальные регистраторы lists both, a search by заводской номер
 * finds one, and its card shows the details, the workplace, the sales point and «Операций нет»; Банковские терминалы
 * likewise with a search by TID, the card of the one that took a card payment showing it under «Операции» with a link
 * to its sale in the journal. A phone shows both without sideways scrolling; a Guest sees no such section. Screenshots go to
 * test-results/screenshots/pos-equipment-*.png.
 */
import { PASSWORD, ROMASHKA } from './api.harness';
import { DESKTOP, PHONE, expectNoSeriousA11yViolations, logIn, logOut, pageWidth, screenshot, settled, useCabinetInBrowser, waitForCount, waitUntil } from './browser.harness';
import { uniqueContact } from './system.harness';
import { ACTIVATION_CODE_IN_SMS, PIN_CODE_IN_SMS, PosTerminal, simulatedBankTerminal, simulatedFiscalRegister } from '../scripts/pos-sim/pos-terminal';
import { SaleGenerator } from '../scripts/pos-sim/sale-generator';

jest.setTimeout(180_000);


describe('Настройки → POS оборудование in Chromium (embedded mode)', () => {
  const cashier = uniqueContact();
  const guest = uniqueContact();
  const cabinet = useCabinetInBrowser(async (api, owner) => {
    const token = owner.accessToken;
    const legalEntity = await api.add(token, '/api/v1/legal-entities', ROMASHKA);
    const shop = await api.add(token, '/api/v1/sales-points', { name: 'Магазин у дома', legalEntityId: legalEntity.id, address: 'г. Москва, ул. Тверская, д. 1' });
    const kiosk = await api.add(token, '/api/v1/sales-points', { name: 'Киоск', legalEntityId: legalEntity.id, address: 'г. Москва, ул. Арбат, д. 2' });
    const employee = await api.add(token, '/api/v1/employees', { lastName: 'Петрова', firstName: 'Анна', ...cashier, role: 'cashier' });
    await api.add(token, '/api/v1/employees', { lastName: 'Гостев', firstName: 'Пётр', ...guest, role: 'guest' });
    await api.add(token, '/api/v1/workplaces', { name: 'Касса №1', number: 1, type: 'stationary', salesPointId: shop.id, employeeId: employee.id });
    await api.add(token, '/api/v1/workplaces', { name: 'Касса в киоске', number: 2, type: 'stationary', salesPointId: kiosk.id, employeeId: employee.id });
  });
  const page = () => cabinet.page;
  const terminals: PosTerminal[] = [];

  beforeAll(async () => {
    await cabinet.api.waitForSms(cashier.phone, ACTIVATION_CODE_IN_SMS, 1);
    // Newest first: Касса в киоске's code, then Касса №1's.
    const codes = (await cabinet.api.smsTo(cashier.phone)).flatMap((text) => ACTIVATION_CODE_IN_SMS.exec(text)?.[0] ?? []);
    for (const code of codes.reverse()) {
      const terminal = new PosTerminal(cabinet.url);
      await terminal.activate(code);
      await terminal.reportEquipment();
      terminals.push(terminal);
    }
    // Касса №1 sells: a sale paid by card, fiscalised by its register.
    const [till] = terminals;
    await till!.logIn(cashier.phone, await cabinet.api.waitForSms(cashier.phone, PIN_CODE_IN_SMS));
    const serial = till!.device.serial;
    const sale = new SaleGenerator({ bankTerminal: simulatedBankTerminal(serial), fnNumber: simulatedFiscalRegister(serial).fnNumber }).sale(new Date(), { ending: 'completed', payments: ['card'] });
    expect((await till!.pushSales(sale)).results.map((result) => result.outcome)).toEqual(sale.map(() => 'accepted'));
  });

  const registerRows = () => page().getByTestId('fiscal-register-row');
  const terminalRows = () => page().getByTestId('bank-terminal-row');

  it('lists the fiscal registers terminals reported, finds one by its заводской номер and shows its card', async () => {
    const register = simulatedFiscalRegister(terminals[1]!.device.serial);
    await logIn(page(), cabinet.url, cabinet.owner.email, PASSWORD);
    await page().getByRole('menuitem', { name: 'Настройки' }).click();
    await page().getByRole('menuitem', { name: 'POS оборудование' }).click();
    await page().waitForURL('**/settings/pos-equipment/fiscal-registers');
    await page().getByRole('heading', { name: 'POS оборудование' }).waitFor();
    await waitUntil(async () => (await page().title()) === 'POS оборудование — ЕЛК', 'the tab titled «POS оборудование — ЕЛК»');
    await waitForCount(registerRows(), 2);
    await expectNoSeriousA11yViolations(page());

    await page().getByPlaceholder('Поиск по заводскому номеру ККТ, регистрационному номеру, модели или номеру ФН').fill(register.serialNumber);
    await waitForCount(registerRows(), 1);
    expect(await registerRows().innerText()).toContain('Касса в киоске');

    await registerRows().getByRole('button', { name: register.serialNumber }).click();
    const card = page().getByRole('dialog', { name: 'Фискальный регистратор' });
    await card.waitFor();
    for (const text of ['АТОЛ 30Ф', register.registrationNumber, register.fnNumber, '1.2', 'Касса в киоске', 'Киоск', 'Операций нет']) await card.getByText(text, { exact: true }).waitFor();
    await settled(page());
    await screenshot(page(), 'pos-equipment-register-card');
    await expectNoSeriousA11yViolations(page());
    await page().keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });
  });

  it('lists the bank terminals in their own tab, finds one by its TID and shows its card', async () => {
    const bank = simulatedBankTerminal(terminals[0]!.device.serial);
    await page().getByRole('tab', { name: 'Банковские терминалы' }).click();
    await page().waitForURL('**/settings/pos-equipment/bank-terminals');
    await waitForCount(terminalRows(), 2);
    await expectNoSeriousA11yViolations(page());

    await page().getByPlaceholder('Поиск по идентификатору терминала, идентификатору мерчанта или модели').fill(bank.tid);
    await waitForCount(terminalRows(), 1);
    await terminalRows().getByRole('button', { name: bank.tid }).click();
    const card = page().getByRole('dialog', { name: 'Банковский терминал' });
    await card.waitFor();
    for (const text of ['Ingenico Move/5000', bank.mid, 'Касса №1', 'Магазин у дома', 'Оплата', 'Продажа № 1']) await card.getByText(text, { exact: true }).waitFor();
    await card.getByRole('button', { name: 'История изменений' }).click();
    await card.getByTestId('history-entry').filter({ hasText: 'Терминал рабочего места «Касса №1» впервые сообщил(а) об устройстве' }).waitFor();
    await settled(page());
    await screenshot(page(), 'pos-equipment-bank-terminal-card');
    await expectNoSeriousA11yViolations(page());
    // The operation's sale opens in Журналы → Продажи.
    await card.getByRole('link', { name: 'Продажа № 1' }).click();
    await page().waitForURL('**/journals/sales?sale=*');
    await page().getByRole('heading', { name: 'Продажи' }).waitFor();
    await page().getByText('Целостность подтверждена').waitFor();
  });

  it('fits a phone (390 px): the list scrolls inside itself, the page never sideways, and the card opens', async () => {
    await page().setViewportSize(PHONE);
    try {
      await page().goto(`${cabinet.url}/settings/pos-equipment/fiscal-registers`);
      await waitForCount(registerRows(), 2);
      await settled(page());
      await screenshot(page(), 'pos-equipment-390');
      expect(await pageWidth(page())).toBeLessThanOrEqual(PHONE.width);
      // Both tabs fit: none hides behind antd's «…».
      expect(await page().getByRole('tab', { name: 'Банковские терминалы' }).isVisible()).toBe(true);
      await expectNoSeriousA11yViolations(page());
      const serial = simulatedFiscalRegister(terminals[0]!.device.serial).serialNumber;
      await registerRows().getByRole('button', { name: serial }).click();
      const card = page().getByRole('dialog', { name: 'Фискальный регистратор' });
      await card.getByText('Касса №1', { exact: true }).waitFor();
      await card.getByRole('link', { name: 'Продажа № 1' }).waitFor();
      expect(await pageWidth(page())).toBeLessThanOrEqual(PHONE.width);
      await page().keyboard.press('Escape');
      await card.waitFor({ state: 'hidden' });
    } finally {
      await page().setViewportSize(DESKTOP);
    }
  });

  it('hides the section from a Guest, who is told «Недостаточно прав» at its address', async () => {
    await logOut(page());
    await cabinet.api.setPasswordAndLogIn(guest.phone);
    await logIn(page(), cabinet.url, guest.phone, PASSWORD);
    await page().getByRole('menuitem', { name: 'Настройки' }).click();
    await page().getByRole('menuitem', { name: 'Сотрудники' }).waitFor();
    expect(await page().getByRole('menuitem', { name: 'POS оборудование' }).count()).toBe(0);
    await page().goto(`${cabinet.url}/settings/pos-equipment/fiscal-registers`);
    await page().getByText('Недостаточно прав').first().waitFor();
  });

  it('raised no error in the page', () => {
    expect(cabinet.pageErrors).toEqual([]);
  });
});
