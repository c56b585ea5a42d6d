/**
 * Настройки → Рабочие места in headless Chromium, following the manual: the Owner adds «Касса №1» (the card suggests
 * number 1), its employee gets the activation code by SMS, a simulated terminal (pos-sim's PosTerminal) activates with
 * it and the list shows Активировано with the device's model and serial; a taken or out-of-range number is refused at
 * its field; the list is searched by name and number; ⋮ → Получить код активации, Деактивировать (the terminal's next
 * call gets 401), История, Удалить. A Manager reads the list and a read-only card; a Cashier has no such section.
 * Screenshots go to test-results/screenshots/workplaces-*.png.
 */
import type { Locator } from 'playwright-core';
import { PASSWORD, ROMASHKA } from './api.harness';
import {
  choose,
  discardInput,
  expectNoSeriousA11yViolations,
  formItem,
  logIn as logInThrough,
  logOut,
  rowAction,
  screenshot,
  settled,
  shownPhone,
  useCabinetInBrowser,
  waitForCount,
} from './browser.harness';
import { uniqueContact } from './system.harness';
import { ACTIVATION_CODE_IN_SMS, PosTerminal, TerminalRequestError } from '../scripts/pos-sim/pos-terminal';

jest.setTimeout(180_000);


describe('Настройки → Рабочие места in Chromium (embedded mode)', () => {
  const cashier = { lastName: 'Петрова', firstName: 'Анна', patronymic: null, ...uniqueContact(), role: 'cashier' };
  const manager = { lastName: 'Кузнецова', firstName: 'Мария', patronymic: null, ...uniqueContact(), role: 'manager' };
  const terminal = { current: null as PosTerminal | null };

  const cabinet = useCabinetInBrowser(async (api, owner) => {
    const token = owner.accessToken;
    const legalEntity = await api.add(token, '/api/v1/legal-entities', ROMASHKA);
    for (const [name, address] of [
      ['Магазин у дома', 'г. Москва, ул. Тверская, д. 1'],
      ['Киоск', 'г. Москва, ул. Арбат, д. 2'],
    ]) {
      await api.add(token, '/api/v1/sales-points', { name, legalEntityId: legalEntity.id, address });
    }
    for (const employee of [cashier, manager]) {
      await api.add(token, '/api/v1/employees', employee);
      await api.setPasswordAndLogIn(employee.phone, PASSWORD);
    }
  });

  const page = () => cabinet.page;
  const rows = () => page().getByTestId('workplace-row');
  const row = (name: string) => rows().filter({ hasText: name });
  const dialog = (title: string) => page().getByRole('dialog', { name: title, exact: true });
  const search = () => page().getByPlaceholder('Поиск по наименованию или номеру');

  async function openWorkplaces() {
    await page().getByRole('menuitem', { name: 'Рабочие места' }).click();
    await page().waitForURL('**/settings/workplaces');
    await page().getByRole('heading', { name: 'Рабочие места' }).waitFor();
  }

  /** The entries of the ⋮ menu of `name`'s row; the menu is closed again. */
  async function menuOf(name: string): Promise<string[]> {
    await row(name).getByRole('button', { name: 'Действия' }).click();
    const menu = page().locator('.ant-dropdown:not(.ant-dropdown-hidden)').getByRole('menu');
    await menu.waitFor();
    const items = await menu.getByRole('menuitem').allInnerTexts();
    await page().keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    return items.map((item) => item.trim());
  }

  async function openNewCard(): Promise<Locator> {
    await page().getByRole('button', { name: 'Добавить' }).click();
    const card = dialog('Новое рабочее место');
    await card.getByLabel('Наименование').waitFor();
    return card;
  }

  async function submit(card: Locator, button: string) {
    await card.getByRole('button', { name: button, exact: true }).click();
    await card.waitFor({ state: 'hidden' });
  }

  it('opens Настройки → Рабочие места, empty at first', async () => {
    await logInThrough(page(), cabinet.url, cabinet.owner.email, PASSWORD);
    await openWorkplaces();
    await page().getByText('Рабочих мест пока нет').waitFor();
    await expectNoSeriousA11yViolations(page());
    await screenshot(page(), 'workplaces-01-empty');
  });

  it('adds «Касса №1» with the number the card suggests; the employee gets the activation code by SMS', async () => {
    const card = await openNewCard();
    expect(await card.getByLabel('Номер').inputValue()).toBe('1');
    await card.getByLabel('Наименование').fill('Касса №1');
    await choose(card, 'Тип', 'Стационарная');
    await choose(card, 'Торговая точка', 'Магазин у дома');
    await choose(card, 'Сотрудник', 'Петрова Анна');
    await expectNoSeriousA11yViolations(page());
    await screenshot(page(), 'workplaces-02-new-card');
    await submit(card, 'Добавить');
    await page().getByText(`Рабочее место добавлено. Код активации отправлен в SMS: Петрова Анна, ${shownPhone(cashier.phone)}`).waitFor();

    await waitForCount(rows(), 1);
    for (const text of ['1', 'Касса №1', 'Стационарная', 'Магазин у дома', 'Петрова Анна', 'Не активировано']) await row('Касса №1').getByText(text, { exact: true }).waitFor();
    const sms = (await cabinet.api.smsTo(cashier.phone))[0]!;
    expect(sms).toMatch(/^ЕЛК: код активации рабочего места «Касса №1» — [0-9A-Z]{4}-[0-9A-Z]{4}, действует 24 часа\./);
  });

  it('shows Активировано with the device’s model and serial once a terminal activates with the code from the SMS', async () => {
    const code = await cabinet.api.waitForSms(cashier.phone, ACTIVATION_CODE_IN_SMS);
    terminal.current = new PosTerminal(cabinet.url);
    await terminal.current.activate(code);
    expect(await terminal.current.settings()).not.toBeNull();

    await page().reload();
    const activated = row('Касса №1');
    await activated.getByText('Активировано', { exact: true }).waitFor();
    await activated.getByText(`LIFE POS Mini, зав. № ${terminal.current.device.serial}`, { exact: true }).waitFor();
    await activated.getByText(/^\d\d\.\d\d\.\d{4} \d\d:\d\d, Петрова Анна$/).waitFor();
    expect(await menuOf('Касса №1')).toEqual(['Изменить', 'Получить код активации', 'Деактивировать', 'История', 'Удалить']);
    await settled(page());
    await screenshot(page(), 'workplaces-03-activated');
  });

  it('refuses a taken number and one out of 1–99 at the field, then adds «Развозка» with number 2', async () => {
    const card = await openNewCard();
    expect(await card.getByLabel('Номер').inputValue()).toBe('2');
    await card.getByLabel('Наименование').fill('Развозка');
    await card.getByLabel('Номер').fill('1');
    await choose(card, 'Тип', 'Мобильная');
    await choose(card, 'Торговая точка', 'Киоск');
    await choose(card, 'Сотрудник', 'Кузнецова Мария');
    await card.getByRole('button', { name: 'Добавить', exact: true }).click();
    await formItem(card, 'Номер').getByText('Номер 1 уже у рабочего места «Касса №1». Свободный номер: 2').waitFor();
    await card.getByLabel('Номер').fill('100');
    await card.getByRole('button', { name: 'Добавить', exact: true }).click();
    await formItem(card, 'Номер').getByText('Номер — от 1 до 99').waitFor();
    await settled(page());
    await screenshot(page(), 'workplaces-04-number-errors');

    await card.getByLabel('Номер').fill('2');
    await submit(card, 'Добавить');
    await waitForCount(rows(), 2);
    for (const text of ['Мобильная', 'Киоск', 'Кузнецова Мария', 'Не активировано']) await row('Развозка').getByText(text, { exact: true }).waitFor();
    expect(await menuOf('Развозка')).toEqual(['Изменить', 'Получить код активации', 'История', 'Удалить']);
  });

  it('finds a workplace by name and by number', async () => {
    await search().fill('развоз');
    await waitForCount(rows(), 1);
    await row('Развозка').waitFor();
    await search().fill('1');
    await waitForCount(rows(), 1);
    await row('Касса №1').waitFor();
    await search().fill('');
    await waitForCount(rows(), 2);
  });

  it('changes a workplace through ⋮ → Изменить, its card asking before it drops what was typed', async () => {
    await rowAction(row('Развозка'), 'Изменить');
    const card = dialog('Рабочее место');
    await card.getByLabel('Наименование').fill('Развозка по району');
    await card.getByRole('button', { name: 'Отмена' }).click();
    await discardInput(page());
    await card.waitFor({ state: 'hidden' });

    await rowAction(row('Развозка'), 'Изменить');
    expect(await card.getByLabel('Номер').inputValue()).toBe('2');
    await card.getByLabel('Наименование').fill('Развозка по району');
    await choose(card, 'Тип', 'Автомат');
    await submit(card, 'Сохранить');
    await row('Развозка по району').getByText('Автомат', { exact: true }).waitFor();
  });

  it('deactivates «Касса №1» through its confirm card: the terminal’s next call gets 401', async () => {
    await rowAction(row('Касса №1'), 'Деактивировать');
    const confirm = dialog('Деактивировать рабочее место?');
    await confirm.getByText('№ 1 «Касса №1», Магазин у дома').waitFor();
    await expectNoSeriousA11yViolations(page());
    await screenshot(page(), 'workplaces-05-deactivate');
    await submit(confirm, 'Деактивировать');
    await page().getByText('Рабочее место деактивировано').waitFor();
    await row('Касса №1').getByText('Деактивировано', { exact: true }).waitFor();

    const refused = await terminal.current!.settings().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TerminalRequestError);
    expect((refused as TerminalRequestError).status).toBe(401);
    expect(await menuOf('Касса №1')).toEqual(['Изменить', 'Получить код активации', 'История', 'Удалить']);
  });

  it('sends a new activation code to another employee, binding the workplace to another sales point', async () => {
    const seen = (await cabinet.api.smsTo(manager.phone)).filter((text) => ACTIVATION_CODE_IN_SMS.test(text)).length;
    await rowAction(row('Касса №1'), 'Получить код активации');
    const card = dialog('Получить код активации');
    await card.getByText('Прежний код перестанет действовать', { exact: false }).waitFor();
    await choose(card, 'Сотрудник', 'Кузнецова Мария');
    await choose(card, 'Торговая точка', 'Киоск');
    await expectNoSeriousA11yViolations(page());
    await screenshot(page(), 'workplaces-06-code');
    await submit(card, 'Отправить');
    await page().getByText(`Код активации отправлен в SMS: Кузнецова Мария, ${shownPhone(manager.phone)}`).waitFor();
    for (const text of ['Киоск', 'Кузнецова Мария']) await row('Касса №1').getByText(text, { exact: true }).waitFor();
    await cabinet.api.waitForSms(manager.phone, ACTIVATION_CODE_IN_SMS, seen);
  });

  it('shows what happened to a workplace in ⋮ → История', async () => {
    await rowAction(row('Касса №1'), 'История');
    const card = dialog('История: Касса №1');
    await card.getByTestId('history-entry').first().waitFor();
    for (const text of ['создал(а)', 'отправил(а) код активации', 'активировал(а) рабочее место', 'деактивировал(а) рабочее место']) await card.getByText(text, { exact: false }).first().waitFor();
    await card.getByText('Торговая точка: Магазин у дома → Киоск').waitFor();
    await expectNoSeriousA11yViolations(page());
    await screenshot(page(), 'workplaces-07-history');
    // The card's own «Закрыть» under the history (the ✕ in its corner is named so too).
    await card.getByRole('button', { name: 'Закрыть', exact: true }).last().click();
    await card.waitFor({ state: 'hidden' });
  });

  it('deletes a workplace through ⋮ → Удалить and its confirm card', async () => {
    await rowAction(row('Развозка по району'), 'Удалить');
    const confirm = dialog('Удалить рабочее место?');
    await confirm.getByText('№ 2 «Развозка по району», Киоск').waitFor();
    await submit(confirm, 'Удалить');
    await page().getByText('Рабочее место удалено').waitFor();
    await waitForCount(rows(), 1);
  });

  it('lets a Manager read the list and a read-only card, with nothing to add or change', async () => {
    await logOut(page());
    await logInThrough(page(), cabinet.url, manager.phone, PASSWORD);
    await page().getByRole('menuitem', { name: 'Настройки' }).click();
    await openWorkplaces();
    await row('Касса №1').getByText('Деактивировано', { exact: true }).waitFor();
    expect(await page().getByRole('button', { name: 'Добавить' }).count()).toBe(0);
    expect(await menuOf('Касса №1')).toEqual(['История']);

    await row('Касса №1').getByRole('button', { name: 'Касса №1' }).click();
    const card = dialog('Рабочее место');
    for (const [label, text] of [
      ['Наименование', 'Касса №1'],
      ['Номер', '1'],
      ['Тип', 'Стационарная'],
      ['Торговая точка', 'Киоск'],
      ['Сотрудник', 'Кузнецова Мария'],
    ]) {
      await formItem(card, label!).getByTestId('read-only-value').getByText(text!, { exact: true }).waitFor();
    }
    expect(await card.locator('form').locator('input, [role="combobox"]').count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Сохранить' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page());
    await screenshot(page(), 'workplaces-08-manager');
    await card.locator('form').getByRole('button', { name: 'Закрыть', exact: true }).click();
    await card.waitFor({ state: 'hidden' });
  });

  it('shows a Cashier no Рабочие места, and «Недостаточно прав» at its address', async () => {
    await logOut(page());
    await logInThrough(page(), cabinet.url, cashier.phone, PASSWORD);
    await page().getByRole('menuitem', { name: 'Сотрудники' }).waitFor();
    expect(await page().getByRole('menuitem', { name: 'Рабочие места' }).count()).toBe(0);
    await page().goto(`${cabinet.url}/settings/workplaces`);
    await page().getByText('Недостаточно прав', { exact: true }).waitFor();
    expect(await rows().count()).toBe(0);
    expect(cabinet.pageErrors).toEqual([]);
  });
});
