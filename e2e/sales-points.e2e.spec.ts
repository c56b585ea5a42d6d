/**
 * Настройки → Точки продаж in headless Chromium, following the manual: with a legal entity made through
 * the API, add two sales points, find one by its address, edit it through ⋮ → Изменить, open its page,
 * read the default «Способы оплаты», tick «СБП — Кассир» in «Настроить» and see it kept after a reload,
 * read «История изменений», and delete it through ⋮ → Удалить. Screenshots go to
 * test-results/screenshots/sales-points-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { cabinetPage, choose, launchChromium, logIn, screenshot, settled, waitForCount } from './browser.harness';
import { startSystem, uniqueContact, type RunningSystem } from './system.harness';

jest.setTimeout(120_000);

const PASSWORD = 'Secret123';
const SELLERS = ['Владелец', 'Администратор', 'Менеджер', 'Кассир'];
const METHODS = ['Наличные', 'Банковская карта', 'СБП', 'Предоплата/аванс', 'Постоплата/кредит', 'Встречное предоставление'];

describe('Настройки → Точки продаж in Chromium (embedded mode)', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const owner = { ...uniqueContact(), organisationName: 'ООО «Ромашка»', fullName: 'Иванов Иван Иванович' };

  beforeAll(async () => {
    system = await startSystem('embedded');
    const signUp = await fetch(`${system.url}/api/v1/auth/sign-up`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...owner, password: PASSWORD }),
    });
    expect(signUp.status).toBe(201);
    const { accessToken } = (await signUp.json()) as { accessToken: string };
    const legalEntity = await fetch(`${system.url}/api/v1/legal-entities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        type: 'ooo',
        name: 'ООО «Ромашка»',
        inn: '7707083893',
        kpp: '773601001',
        ogrn: '1027700132195',
        legalAddress: 'г. Москва, ул. Вавилова, д. 19',
        taxSystem: 'osn',
      }),
    });
    expect(legalEntity.status).toBe(201);
    browser = await launchChromium();
    page = await cabinetPage(browser, pageErrors);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const cards = () => page.getByTestId('sales-point-card');
  const card = (name: string) => cards().filter({ hasText: name });

  async function add(name: string, address: string, brand: string | null) {
    await page.getByRole('button', { name: 'Добавить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новая точка продаж' });
    await dialog.waitFor();
    await dialog.getByLabel('Наименование').fill(name);
    await choose(dialog, 'Юридическое лицо', 'ООО «Ромашка»');
    await dialog.getByLabel('Фактический адрес').fill(address);
    if (brand) await dialog.getByLabel('Бренд').fill(brand);
    return dialog;
  }

  async function openMenu(name: string, action: 'Изменить' | 'Удалить') {
    await card(name).getByRole('button', { name: 'Действия' }).click();
    await page.getByRole('menuitem', { name: action }).click();
  }

  it('logs in and opens Настройки → Точки продаж, empty at first', async () => {
    await logIn(page, system.url, owner.email, PASSWORD);

    await page.getByRole('menuitem', { name: 'Точки продаж' }).click();
    await page.waitForURL('**/settings/sales-points');
    await page.getByRole('heading', { name: 'Точки продаж' }).waitFor();
    await page.getByText('Точек продаж пока нет').waitFor();
    await settled(page);
    await screenshot(page, 'sales-points-01-empty');
  });

  it('adds two sales points through «+ Добавить»', async () => {
    const dialog = await add('Кофейня на Вавилова', 'г. Москва, ул. Вавилова, д. 19', 'Ромашка Кофе');
    await settled(page);
    await screenshot(page, 'sales-points-02-new-card');
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const added = card('Кофейня на Вавилова');
    for (const text of ['г. Москва, ул. Вавилова, д. 19', 'Ромашка Кофе', 'ООО «Ромашка»']) await added.getByText(text, { exact: true }).waitFor();

    const second = await add('Магазин на Тверской', 'г. Москва, ул. Тверская, д. 7', null);
    await second.getByRole('button', { name: 'Добавить' }).click();
    await second.waitFor({ state: 'hidden' });
    await waitForCount(cards(), 2);
    await settled(page);
    await screenshot(page, 'sales-points-03-added');
  });

  it('finds a sales point by its address', async () => {
    await page.getByPlaceholder('Поиск по названию или адресу').fill('Тверская');
    await waitForCount(cards(), 1);
    await card('Магазин на Тверской').waitFor();
    await settled(page);
    await screenshot(page, 'sales-points-04-search');
    await page.getByPlaceholder('Поиск по названию или адресу').fill('');
    await waitForCount(cards(), 2);
  });

  it('edits one through ⋮ → Изменить', async () => {
    await openMenu('Кофейня на Вавилова', 'Изменить');
    const dialog = page.getByRole('dialog', { name: 'Точка продаж' });
    await dialog.waitFor();
    await dialog.getByLabel('Бренд').fill('Ромашка Coffee');
    await dialog.getByLabel('Фактический адрес').fill('г. Москва, ул. Вавилова, д. 21');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card('Кофейня на Вавилова').getByText('г. Москва, ул. Вавилова, д. 21').waitFor();
    await card('Кофейня на Вавилова').getByText('Ромашка Coffee').waitFor();
    await settled(page);
    await screenshot(page, 'sales-points-05-edited');
  });

  it('opens its page with the default payment methods: cash and card for Владелец…Кассир', async () => {
    await card('Кофейня на Вавилова').getByText('Ромашка Coffee').click();
    await page.waitForURL('**/settings/sales-points/*');
    await page.getByRole('heading', { name: 'Кофейня на Вавилова' }).waitFor();
    for (const text of ['г. Москва, ул. Вавилова, д. 21', 'Ромашка Coffee', 'ООО «Ромашка»']) await page.getByText(text, { exact: true }).first().waitFor();
    await page.getByText('Подключение расширений появится в следующих версиях').waitFor();

    const summary = page.getByTestId('payment-methods-summary');
    for (const role of SELLERS) {
      for (const method of METHODS) {
        const on = method === 'Наличные' || method === 'Банковская карта';
        await summary.getByLabel(`${method} — ${role}: ${on ? 'включено' : 'выключено'}`, { exact: true }).waitFor();
      }
    }
    for (const method of METHODS) await summary.getByLabel(`${method} — Гость: выключено`, { exact: true }).waitFor();
    await settled(page);
    await screenshot(page, 'sales-points-06-page');
  });

  it('ticks «СБП — Кассир» in «Настроить» and keeps it after a reload', async () => {
    await page.getByRole('button', { name: 'Настроить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Способы оплаты' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Наличные — Кассир', { exact: true }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('СБП — Кассир', { exact: true }).isChecked()).toBe(false);
    expect(await dialog.getByLabel('СБП — Гость', { exact: true }).isDisabled()).toBe(true);
    await dialog.getByLabel('СБП — Кассир', { exact: true }).check();
    await dialog.getByText('Гость', { exact: true }).first().hover();
    await page.getByRole('tooltip', { name: 'Гость не проводит продажи' }).waitFor();
    await settled(page);
    await screenshot(page, 'sales-points-07-configure');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('payment-methods-summary').getByLabel('СБП — Кассир: включено', { exact: true }).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Кофейня на Вавилова' }).waitFor();
    await page.getByTestId('payment-methods-summary').getByLabel('СБП — Кассир: включено', { exact: true }).waitFor();
    await page.getByTestId('payment-methods-summary').getByLabel('СБП — Менеджер: выключено', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Настроить' }).click();
    await dialog.waitFor();
    expect(await dialog.getByLabel('СБП — Кассир', { exact: true }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('shows «История изменений» on its page', async () => {
    await page.getByText('История изменений').click();
    const entries = page.getByTestId('history-entry');
    await entries.filter({ hasText: 'г. Москва, ул. Вавилова, д. 21' }).first().waitFor();
    expect(await entries.count()).toBeGreaterThanOrEqual(2);
    await entries.filter({ hasText: 'Иванов Иван Иванович' }).first().waitFor();
    await entries.filter({ hasText: 'Кассир: Наличные, Банковская карта → Наличные, Банковская карта, СБП' }).waitFor();
    await entries.last().scrollIntoViewIfNeeded();
    await settled(page);
    await screenshot(page, 'sales-points-08-history');
  });

  it('deletes it through ⋮ → Удалить and the confirm card', async () => {
    await page.getByRole('menuitem', { name: 'Точки продаж' }).click();
    await page.waitForURL('**/settings/sales-points');
    await waitForCount(cards(), 2);
    await openMenu('Кофейня на Вавилова', 'Удалить');
    const confirm = page.getByRole('dialog', { name: 'Удалить точку продаж?' });
    await confirm.getByText('Кофейня на Вавилова').waitFor();
    await settled(page);
    await screenshot(page, 'sales-points-09-delete-confirm');
    await confirm.getByRole('button', { name: 'Удалить' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await waitForCount(cards(), 1);
    await card('Магазин на Тверской').waitFor();
    await settled(page);
    await screenshot(page, 'sales-points-10-deleted');
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
