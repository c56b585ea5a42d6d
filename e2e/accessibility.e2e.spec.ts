/**
 * axe-core on every screen of the cabinet in headless Chromium: the pages before logging in (log-in, sign-up, both
 * steps of the password reset, an invitation link that does not work; e2e/invitations.e2e.spec.ts checks «Задайте
 * пароль»), then as the Owner of a merchant with one of everything: Личные данные, Юридические
 * лица (list and card), Точки продаж (list, page and card), Сотрудники (list, ⋮ menu, card and the invitation's
 * confirmation), Единицы измерения, Категории
 * (tree and card), Все товары (list, product card and the import card), and every section again on a phone (390 px).
 * Each check fails on any serious or critical violation, one line per element.
 */
import type { Locator } from 'playwright-core';
import { PASSWORD } from './api.harness';
import { DESKTOP, PHONE, expectNoSeriousA11yViolations, logIn, rowAction, useCabinetInBrowser } from './browser.harness';
import { uniqueContact } from './system.harness';

jest.setTimeout(180_000);

const ROMASHKA = {
  type: 'ooo',
  name: 'Ромашка',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  legalAddress: 'г. Москва, ул. Вавилова, д. 19',
  taxSystem: 'osn',
};

describe('accessibility of every screen (axe-core in Chromium, embedded mode)', () => {
  const cabinet = useCabinetInBrowser(async (api, owner) => {
    const token = owner.accessToken;
    const legalEntity = await api.add(token, '/api/v1/legal-entities', ROMASHKA);
    await api.add(token, '/api/v1/sales-points', { name: 'Кофейня на Вавилова', legalEntityId: legalEntity.id, address: 'г. Москва, ул. Вавилова, д. 19', brand: 'Ромашка' });
    await api.add(token, '/api/v1/employees', { lastName: 'Петрова', firstName: 'Анна', ...uniqueContact(), role: 'cashier' });
    const [unit] = await api.presetUnits(token);
    if (!unit) throw new Error('no units of measure');
    const drinks = await api.add(token, '/api/v1/catalog/categories', { name: 'Напитки' });
    const coffee = await api.add(token, '/api/v1/catalog/categories', { name: 'Кофе', parentId: drinks.id });
    await api.add(token, '/api/v1/catalog/products', { name: 'Кофе в зёрнах', price: 149_90, unitId: unit.id, vat: 'vat22', categoryId: coffee.id });
  });
  const page = () => cabinet.page;

  async function openSection(menuItem: string, heading: string = menuItem): Promise<void> {
    await page().getByRole('menuitem', { name: menuItem }).click();
    await page().getByRole('heading', { name: heading }).waitFor();
  }

  /** Checks the open card `dialog`, then closes it with «Отмена» (or «Закрыть» on a read-only one). */
  async function checkCard(dialog: Locator): Promise<void> {
    await dialog.waitFor();
    await expectNoSeriousA11yViolations(page());
    await page().keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }

  it('finds nothing serious on the log-in, sign-up and password reset pages', async () => {
    await page().goto(`${cabinet.url}/login`);
    await page().getByRole('heading', { name: 'Вход в личный кабинет' }).waitFor();
    await expectNoSeriousA11yViolations(page());

    await page().getByRole('link', { name: 'Зарегистрироваться' }).click();
    await page().getByRole('heading', { name: 'Регистрация' }).waitFor();
    await expectNoSeriousA11yViolations(page());

    await page().goto(`${cabinet.url}/password-reset`);
    await page().getByRole('heading', { name: 'Восстановление пароля' }).waitFor();
    await expectNoSeriousA11yViolations(page());
    await page().getByLabel('Мобильный телефон').fill(cabinet.owner.phone);
    await page().getByRole('button', { name: 'Получить код' }).click();
    await page().getByLabel('Код из SMS').waitFor();
    await expectNoSeriousA11yViolations(page());

    await page().goto(`${cabinet.url}/invitation#not-a-token`);
    await page().getByRole('heading', { name: 'Приглашение не действует' }).waitFor();
    await expectNoSeriousA11yViolations(page());
  });

  it('finds nothing serious in Личные данные', async () => {
    await logIn(page(), cabinet.url, cabinet.owner.email, PASSWORD);
    await expectNoSeriousA11yViolations(page());
  });

  it('finds nothing serious in Юридические лица, list and card', async () => {
    await openSection('Юридические лица');
    await page().getByTestId('legal-entity-card').first().waitFor();
    await expectNoSeriousA11yViolations(page());
    await page().getByTestId('legal-entity-card').getByRole('button', { name: 'Изменить' }).click();
    await checkCard(page().getByRole('dialog', { name: 'Юридическое лицо' }));
  });

  it('finds nothing serious in Точки продаж, list, card and page', async () => {
    await openSection('Точки продаж');
    const card = page().getByTestId('sales-point-card').first();
    await card.waitFor();
    await expectNoSeriousA11yViolations(page());
    await card.getByRole('button', { name: 'Действия' }).click();
    await page().getByRole('menuitem', { name: 'Изменить' }).click();
    await checkCard(page().getByRole('dialog', { name: 'Точка продаж' }));
    await card.getByRole('link', { name: 'Кофейня на Вавилова' }).click();
    await page().getByRole('heading', { name: 'Кофейня на Вавилова' }).waitFor();
    await expectNoSeriousA11yViolations(page());
  });

  it('finds nothing serious in Сотрудники, list and card', async () => {
    await openSection('Сотрудники');
    const row = page().getByTestId('employee-row').filter({ hasText: 'Петрова Анна' });
    await row.waitFor();
    await expectNoSeriousA11yViolations(page());
    await row.getByRole('button', { name: 'Действия' }).click();
    await page().getByRole('menuitem', { name: 'Пригласить в кабинет' }).waitFor();
    await expectNoSeriousA11yViolations(page());
    await page().getByRole('menuitem', { name: 'Пригласить в кабинет' }).click();
    await checkCard(page().getByRole('dialog', { name: 'Пригласить в кабинет?' }));
    await page().getByRole('button', { name: 'Петрова Анна' }).click();
    await checkCard(page().getByRole('dialog', { name: 'Сотрудник' }));
  });

  it('finds nothing serious in Единицы измерения and Категории, lists and cards', async () => {
    await openSection('Каталог', 'Все товары');
    await openSection('Единицы измерения');
    await page().getByTestId('unit-row').first().waitFor();
    await expectNoSeriousA11yViolations(page());
    await rowAction(page().getByTestId('unit-row').first(), 'Изменить');
    await checkCard(page().getByRole('dialog', { name: 'Единица измерения' }));

    await openSection('Категории');
    const coffee = page().getByTestId('category-node').filter({ hasText: /^Кофе$/ });
    await coffee.waitFor();
    await expectNoSeriousA11yViolations(page());
    await coffee.hover();
    await coffee.getByRole('button', { name: 'Изменить' }).click();
    await checkCard(page().getByRole('dialog', { name: 'Категория' }));
  });

  it('finds nothing serious in Все товары: the list, a product card and the import card', async () => {
    await openSection('Все товары');
    const row = page().getByTestId('product-row').filter({ hasText: 'Кофе в зёрнах' });
    await row.waitFor();
    await expectNoSeriousA11yViolations(page());
    await rowAction(row, 'Изменить');
    await checkCard(page().getByRole('dialog', { name: 'Товар' }));
    await page().getByRole('button', { name: 'Импорт' }).click();
    await checkCard(page().getByRole('dialog', { name: 'Импорт товаров' }));
    expect(cabinet.pageErrors).toEqual([]);
  });

  it.each([
    ['Личные данные', '/settings/profile'],
    ['Юридические лица', '/settings/legal-entities'],
    ['Точки продаж', '/settings/sales-points'],
    ['Сотрудники', '/settings/employees'],
    ['POS оборудование', '/settings/pos-equipment/fiscal-registers'],
    ['Все товары', '/catalog/products'],
    ['Единицы измерения', '/catalog/units'],
    ['Категории', '/catalog/categories'],
  ])('finds nothing serious in %s on a phone (390 px)', async (heading, path) => {
    await page().setViewportSize(PHONE);
    try {
      await page().goto(`${cabinet.url}${path}`);
      await page().getByRole('heading', { name: heading, exact: true }).waitFor();
      await expectNoSeriousA11yViolations(page());
    } finally {
      await page().setViewportSize(DESKTOP);
    }
  });
});
