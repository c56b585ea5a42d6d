/**
 * Журналы → Продажи and Транзакции in headless Chromium, as the manual tells it, with sales a simulated terminal
 * pushed (`POST /pos/v1/sales/events`): two cashiers on two tills made four sales, completed, cancelled, open and paid
 * by СБП then refunded. The Owner narrows the list by status, period, employee, workplace, sum, number and payment method (each
 * in the address, kept by a reload), sorts it by sum, opens a sale's details on the right (items, payments, fiscal
 * receipt, history, «Целостность подтверждена»; a shared link opens them, Back closes them) and exports it; finds a
 * transaction by its type, RRN and card, and follows it to its sale. A Cashier sees only their own sales and no
 * employee filter; a Guest has no Журналы and is told «Недостаточно прав» at its address.
 * Screenshots go to test-results/screenshots/journals-*.png.
 */
import { randomUUID } from 'node:crypto';
import type { Locator } from 'playwright-core';
import { PASSWORD, ROMASHKA } from './api.harness';
import { DESKTOP, PHONE, expectNoSeriousA11yViolations, logIn, logOut, pageWidth, pick, screenshot, settled, useCabinetInBrowser, waitForCount } from './browser.harness';
import { sellingTerminal, type SellingTerminal } from './pos-terminal.harness';
import { SHIPPED_ALL, TillSales, cancelled, cardPayment, completed, created, line, refund, sbpPayment } from './sales.harness';
import { uniqueContact } from './system.harness';

jest.setTimeout(240_000);

describe('Журналы → Продажи and Транзакции in Chromium (embedded mode)', () => {
  const guest = uniqueContact();
  const saleIds: Record<number, string> = {};
  let salesPointId = '';
  const cabinet = useCabinetInBrowser(async (api, owner) => {
    const token = owner.accessToken;
    const legalEntity = await api.add(token, '/api/v1/legal-entities', ROMASHKA);
    const shop = await api.add(token, '/api/v1/sales-points', { name: 'Магазин у дома', legalEntityId: legalEntity.id, address: 'г. Москва, ул. Тверская, д. 1' });
    salesPointId = shop.id;
    // Cashiers take СБП here too (by default only cash and card); set before they log in on their tills.
    const methods = { owner: ['cash', 'card'], admin: ['cash', 'card'], manager: ['cash', 'card'], cashier: ['cash', 'card', 'sbp'], guest: [] };
    const set = await api.call('PUT', `/api/v1/sales-points/${shop.id}/payment-methods`, token, { paymentMethods: methods, expectedVersion: shop.version });
    if (set.status !== 200) throw new Error(`payment methods answered ${set.status}: ${set.text}`);
    await api.add(token, '/api/v1/employees', { lastName: 'Гостев', firstName: 'Олег', ...guest, role: 'guest' });
  });
  const page = () => cabinet.page;
  let petrova: SellingTerminal;

  beforeAll(async () => {
    const { api, url } = cabinet;
    const token = cabinet.owner.accessToken;
    petrova = await sellingTerminal(api, url, token, { salesPointId, number: 1, lastName: 'Петрова' });
    const ivanov = await sellingTerminal(api, url, token, { salesPointId, number: 2, lastName: 'Иванов' });
    const till = new TillSales(petrova.terminal);
    const now = Date.now();
    const startOfToday = new Date(now).setHours(0, 0, 0, 0);
    const today = Math.max(now - 10 * 60_000, startOfToday + 1000);

    saleIds[2] = await till.sale(new Date(startOfToday - 12 * 3600_000), [created(2, [line(1, 'Вода питьевая 0,5 л', 1, 99_00)]), cancelled('Покупатель передумал')]);
    const card = randomUUID();
    saleIds[1] = await till.sale(new Date(today), [
      created(1, [line(1, 'Латте', 2, 250_00), line(2, 'Круассан', 1, 784_50, { discount: 50_00 })]),
      cardPayment(card, 1_234_50, { last4: '1234', rrn: '123456789012' }),
      SHIPPED_ALL,
      completed(1001, new Date(today + 3000)),
    ]);
    const sbp = randomUUID();
    saleIds[3] = await till.sale(new Date(today + 20_000), [
      created(3, [line(1, 'Доставка', 1, 700_00, { service: true })]),
      sbpPayment(sbp, 700_00, 'A1000000000000000000000000000001'),
      refund(sbp, 700_00),
    ]);
    saleIds[4] = await new TillSales(ivanov.terminal).sale(new Date(today + 40_000), [created(4, [line(1, 'Чай чёрный', 1, 50_00)])]);

    // The journals catch up with the pushes a moment later.
    await eventually(`/api/v1/sales`, (body) => body.total === 4);
    await eventually(`/api/v1/transactions`, (body) => body.total === 3);
    await eventually(`/api/v1/sales/${saleIds[3]}`, (body) => body.history?.length === 3);
  });

  /** Asks the cabinet API as the Owner until `ready` holds of the answer (10 s at most). */
  async function eventually(path: string, ready: (body: { total?: number; history?: unknown[] }) => boolean): Promise<void> {
    await cabinet.api.eventually(path, cabinet.owner.accessToken, (reply) => reply.status === 200 && ready(reply.body));
  }

  const saleRows = () => page().getByTestId('sale-row');
  const transactionRows = () => page().getByTestId('transaction-row');
  const total = () => page().getByTestId('list-total');
  /** A row's or panel's text with its spaces as typed (amounts are grouped by no-break spaces: «1 234,50 ₽»). */
  const textOf = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ');
  const query = (name: string) => new URL(page().url()).searchParams.get(name);
  /** The antd select whose combobox is labelled `label`. */
  const select = (label: string) => page().locator('.ant-select').filter({ has: page().getByRole('combobox', { name: label }) });
  /** What the rows show in the column `header`, top to bottom. */
  const column = async (rows: Locator, header: string) => {
    const index = await page().getByRole('columnheader', { name: header, exact: true }).evaluate((cell: { cellIndex: number }) => cell.cellIndex);
    return (await rows.locator(`td:nth-child(${index + 1})`).allInnerTexts()).map((text) => text.trim());
  };
  const resetFilters = async (count: number, rows: Locator) => {
    // A dropdown's option may have closed over a column header, whose sort tooltip would then cover the button; a
    // pointer moved onto the button would be on the tooltip, which keeps it open. Away from both, it closes.
    await page().mouse.move(0, 0);
    await page().getByRole('tooltip').first().waitFor({ state: 'hidden' });
    await page().getByRole('button', { name: 'Сбросить фильтры' }).click();
    await waitForCount(rows, count);
  };
  const saleDetails = (number: number) => page().getByRole('dialog', { name: `Продажа № ${number}` });

  it('lists the sales newest first; filters narrow the list and survive a reload; sorts by sum', async () => {
    await logIn(page(), cabinet.url, cabinet.owner.email, PASSWORD);
    await page().getByRole('menuitem', { name: 'Журналы' }).click();
    await page().waitForURL('**/journals/sales');
    await page().getByRole('heading', { name: 'Продажи' }).waitFor();
    await waitForCount(saleRows(), 4);
    await total().getByText('Всего: 4').waitFor();
    expect(await column(saleRows(), 'Номер')).toEqual(['4', '3', '1', '2']);
    const first = await textOf(saleRows().filter({ hasText: '1 234,50 ₽' }));
    for (const text of ['Завершена', 'Магазин у дома', 'Касса №1 (№ 1)', 'Петрова', 'Банковская карта']) expect(first).toContain(text);
    expect((await column(saleRows(), 'Статус'))[0]).toBe('Создана');
    await settled(page());
    await screenshot(page(), 'journals-sales');
    await expectNoSeriousA11yViolations(page());

    // Status: only the completed sale, also after a reload (the filter is in the address).
    await pick(select('Статус'), 'Завершена');
    await page().waitForURL((url) => url.searchParams.get('status') === 'completed');
    await waitForCount(saleRows(), 1);
    await page().reload();
    await waitForCount(saleRows(), 1);
    await waitForCount(saleRows().filter({ hasText: '1 234,50 ₽' }), 1);
    expect(await select('Статус').innerText()).toContain('Завершена');
    await resetFilters(4, saleRows());

    // Period: «Вчера» is the cancelled sale alone.
    await page().getByPlaceholder('Начало периода').click();
    await page().locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').getByText('Вчера', { exact: true }).click();
    await waitForCount(saleRows(), 1);
    expect(await saleRows().innerText()).toContain('Отменена');
    expect(query('from')).not.toBeNull();
    await page().reload();
    await waitForCount(saleRows(), 1);
    await resetFilters(4, saleRows());

    // Employee: Иванов's one sale.
    await select('Сотрудник').click();
    await page().keyboard.type('Иванов');
    await page().keyboard.press('Enter');
    await waitForCount(saleRows(), 1);
    expect(await saleRows().innerText()).toContain('Иванов');
    await resetFilters(4, saleRows());
    await pick(select('Рабочее место'), 'Касса №2 (№ 2)');
    await waitForCount(saleRows(), 1);
    expect(await column(saleRows(), 'Номер')).toEqual(['4']);
    await resetFilters(4, saleRows());

    // Sum from: what is not an amount is refused in the field, the list staying as it was; 1000 ₽ leaves one sale.
    const sumFrom = page().getByRole('textbox', { name: 'Сумма от, ₽' });
    await sumFrom.fill('тысяча');
    await page().getByText('Сумма от — в рублях, например 1500 или 1500,50').waitFor();
    expect(query('sumFrom')).toBeNull();
    await sumFrom.fill('1000');
    await page().waitForURL((url) => url.searchParams.get('sumFrom') === '1000');
    await waitForCount(saleRows(), 1);
    await resetFilters(4, saleRows());

    // Number and payment method.
    await page().getByRole('textbox', { name: 'Номер продажи' }).fill('3');
    await waitForCount(saleRows(), 1);
    expect(await saleRows().innerText()).toContain('700,00 ₽');
    await resetFilters(4, saleRows());
    await pick(select('Способ оплаты'), 'СБП');
    await waitForCount(saleRows(), 1);
    expect(await column(saleRows(), 'Номер')).toEqual(['3']);
    await resetFilters(4, saleRows());

    // Sorted by the sum, smallest first.
    await page().getByRole('columnheader', { name: 'Сумма' }).click();
    await page().waitForURL((url) => url.searchParams.get('sort') === 'total');
    await waitForCount(saleRows().last().filter({ hasText: '1 234,50 ₽' }), 1);
    expect(await column(saleRows(), 'Номер')).toEqual(['4', '2', '3', '1']);
  });

  it('opens a sale’s details on the right: a shared link opens them, Escape and Back close them; exports the list', async () => {
    await saleRows().filter({ hasText: '1 234,50 ₽' }).locator('td').first().click();
    const details = saleDetails(1);
    await details.waitFor();
    expect(query('sale')).toBe(saleIds[1]);
    for (const text of [
      'Целостность подтверждена',
      'Завершена',
      '1 234,50 ₽',
      'Магазин у дома',
      'Латте',
      '2 шт × 250,00 ₽',
      'Отгружено 2 из 2 шт',
      'Круассан',
      '220220******1234',
      'МИР',
      '123456789012',
      'A1B2C3',
      'T0000001',
      'M123456789',
      'ПАО Сбербанк',
      '1001',
      '3412905512',
      '7281440500123456',
    ]) {
      await details.getByText(text, { exact: true }).first().waitFor();
    }
    expect(await textOf(details.getByTestId('sale-item').nth(1))).toContain('1 шт × 784,50 ₽ − скидка 50,00 ₽');
    const history = details.getByTestId('sale-history-entry');
    await waitForCount(history, 4);
    expect(await history.first().innerText()).toContain('Продажа создана');
    expect(await history.first().innerText()).toContain('Касса №1 (№ 1)');
    expect(await history.last().innerText()).toContain('Продажа завершена');
    await settled(page());
    await screenshot(page(), 'journals-sale-details');
    await expectNoSeriousA11yViolations(page());

    // The address is a link to the sale: a reload (or someone it was sent to) opens it again; Escape closes it.
    await page().reload();
    await saleDetails(1).getByText('Целостность подтверждена').waitFor();
    await page().keyboard.press('Escape');
    await saleDetails(1).waitFor({ state: 'hidden' });
    expect(query('sale')).toBeNull();

    // Opened from the list, Back closes it and stays on the list.
    await saleRows().filter({ hasText: 'Отменена' }).locator('td').first().click();
    for (const text of ['Отменена', 'Покупатель передумал', 'Чека ещё нет: касса печатает его, когда продажа завершена']) await saleDetails(2).getByText(text, { exact: true }).first().waitFor();
    await page().goBack();
    await saleDetails(2).waitFor({ state: 'hidden' });
    expect(query('sale')).toBeNull();
    expect(new URL(page().url()).pathname).toBe('/journals/sales');

    // On a phone the details take the whole screen, and nothing scrolls sideways.
    await page().setViewportSize(PHONE);
    try {
      await saleRows().filter({ hasText: '1 234,50 ₽' }).getByRole('button', { name: '1', exact: true }).click();
      await saleDetails(1).getByText('Латте').waitFor();
      await settled(page());
      await screenshot(page(), 'journals-sale-details-390');
      expect(await pageWidth(page())).toBeLessThanOrEqual(PHONE.width);
      await page().keyboard.press('Escape');
      await saleDetails(1).waitFor({ state: 'hidden' });
    } finally {
      await page().setViewportSize(DESKTOP);
    }

    // «Экспорт» → CSV: the whole list as a file.
    const download = page().waitForEvent('download');
    await page().getByRole('button', { name: 'Экспорт' }).click();
    await page().getByRole('menuitem', { name: 'CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  });

  it('lists the card and СБП payments and refunds, finds one by type, RRN and card, and links each to its sale', async () => {
    await page().getByRole('menuitem', { name: 'Транзакции' }).click();
    await page().waitForURL('**/journals/transactions');
    await page().getByRole('heading', { name: 'Транзакции' }).waitFor();
    await waitForCount(transactionRows(), 3);
    await settled(page());
    await screenshot(page(), 'journals-transactions');
    await expectNoSeriousA11yViolations(page());

    await pick(select('Тип'), 'Возврат');
    await waitForCount(transactionRows(), 1);
    expect(await transactionRows().innerText()).toContain('700,00 ₽');
    await resetFilters(3, transactionRows());
    await page().getByRole('textbox', { name: 'RRN' }).fill('123456789012');
    await waitForCount(transactionRows(), 1);
    await page().reload();
    await waitForCount(transactionRows(), 1);
    expect(await page().getByRole('textbox', { name: 'RRN' }).inputValue()).toBe('123456789012');
    await resetFilters(3, transactionRows());
    await page().getByRole('textbox', { name: 'Последние 4 цифры карты' }).fill('1234');
    await waitForCount(transactionRows(), 1);

    // The card payment's details, and from them its sale.
    await transactionRows().locator('td').nth(1).click();
    const details = page().getByRole('dialog', { name: 'Оплата 1 234,50 ₽' });
    for (const text of ['220220******1234', 'МИР', '123456789012', 'A1B2C3', 'T0000001', 'M123456789', 'ПАО Сбербанк', 'Магазин у дома', 'Касса №1 (№ 1)']) await details.getByText(text, { exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page());
    await details.getByRole('link', { name: 'Открыть продажу № 1' }).click();
    await page().waitForURL((url) => url.pathname === '/journals/sales' && url.searchParams.get('sale') === saleIds[1]);
    await saleDetails(1).getByText('Латте').waitFor();

    // Back to the transactions: the refund's link in the list opens its sale.
    await page().goBack();
    await page().waitForURL('**/journals/transactions**');
    await page().keyboard.press('Escape');
    await resetFilters(3, transactionRows());
    await transactionRows().filter({ hasText: 'Возврат' }).getByRole('link', { name: 'Открыть продажу № 3' }).click();
    const sale = saleDetails(3);
    await sale.getByText('Оплата возвращена').waitFor();
    expect(await sale.getByTestId('sale-payment').innerText()).toContain('Возвращено');
    await page().keyboard.press('Escape');
    await sale.waitFor({ state: 'hidden' });
  });

  it('shows a Cashier only their own sales and transactions, with no employee filter', async () => {
    await logOut(page());
    await cabinet.api.setPasswordAndLogIn(petrova.employee.phone);
    await logIn(page(), cabinet.url, petrova.employee.phone, PASSWORD);
    await page().getByRole('menuitem', { name: 'Журналы' }).click();
    await waitForCount(saleRows(), 3);
    expect(await column(saleRows(), 'Номер')).toEqual(['3', '1', '2']);
    expect(await page().getByRole('combobox', { name: 'Сотрудник' }).count()).toBe(0);
    // Another cashier's sale, even by its link, is not hers.
    await page().goto(`${cabinet.url}/journals/sales?sale=${saleIds[4]}`);
    await page().getByRole('dialog').getByText('Не удалось загрузить данные').waitFor();
    await page().keyboard.press('Escape');
    await page().getByRole('menuitem', { name: 'Транзакции' }).click();
    await waitForCount(transactionRows(), 3);
  });

  it('hides Журналы from a Guest, who is told «Недостаточно прав» at its address', async () => {
    await logOut(page());
    await cabinet.api.setPasswordAndLogIn(guest.phone);
    await logIn(page(), cabinet.url, guest.phone, PASSWORD);
    await page().getByRole('menuitem', { name: 'Настройки' }).waitFor();
    expect(await page().getByRole('menuitem', { name: 'Журналы' }).count()).toBe(0);
    await page().goto(`${cabinet.url}/journals/sales`);
    await page().getByText('Недостаточно прав').first().waitFor();
    expect(await saleRows().count()).toBe(0);
  });

  it('raised no error in the page', () => {
    expect(cabinet.pageErrors).toEqual([]);
  });
});

