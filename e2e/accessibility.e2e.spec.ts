/**
 * axe-core in headless Chromium on what the other specs don't check: the pages before logging in (log-in, sign-up,
 * both steps of the password reset, an invitation link that does not work; e2e/invitations.e2e.spec.ts checks
 * «Задайте пароль»), then as the Owner of a merchant with one of everything, every card and the ⋮ menu: Юридическое
 * лицо, Точка продаж, Сотрудник and the invitation's confirmation, Рабочее место and «Получить код активации»,
 * Единица измерения, Категория, Товар and the import card; Журналы with the period's presets and a filter open (a
 * sale's and a transaction's details: e2e/journals.e2e.spec.ts). Every section's page, at 1280 and 390 px, is checked by
 * e2e/phone-layout.e2e.spec.ts.
 * Each check fails on any serious or critical violation, one line per element.
 */
import type { Locator } from 'playwright-core';
import { PASSWORD } from './api.harness';
import { expectNoSeriousA11yViolations, logIn, rowAction, useCabinetInBrowser } from './browser.harness';
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
    const salesPoint = await api.add(token, '/api/v1/sales-points', { name: 'Кофейня на Вавилова', legalEntityId: legalEntity.id, address: 'г. Москва, ул. Вавилова, д. 19', brand: 'Ромашка' });
    const cashier = await api.add(token, '/api/v1/employees', { lastName: 'Петрова', firstName: 'Анна', ...uniqueContact(), role: 'cashier' });
    await api.add(token, '/api/v1/workplaces', { name: 'Касса №1', number: 1, type: 'stationary', salesPointId: salesPoint.id, employeeId: cashier.id });
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

  it('finds nothing serious in the card of a legal entity', async () => {
    await logIn(page(), cabinet.url, cabinet.owner.email, PASSWORD);
    await openSection('Юридические лица');
    await page().getByTestId('legal-entity-card').first().waitFor();
    await page().getByTestId('legal-entity-card').getByRole('button', { name: 'Изменить' }).click();
    await checkCard(page().getByRole('dialog', { name: 'Юридическое лицо' }));
  });

  it('finds nothing serious in the card of a sales point', async () => {
    await openSection('Точки продаж');
    const card = page().getByTestId('sales-point-card').first();
    await card.getByRole('button', { name: 'Действия' }).click();
    await page().getByRole('menuitem', { name: 'Изменить' }).click();
    await checkCard(page().getByRole('dialog', { name: 'Точка продаж' }));
  });

  it('finds nothing serious in an employee’s ⋮ menu and cards', async () => {
    await openSection('Сотрудники');
    const row = page().getByTestId('employee-row').filter({ hasText: 'Петрова Анна' });
    await row.getByRole('button', { name: 'Действия' }).click();
    await page().getByRole('menuitem', { name: 'Пригласить в кабинет' }).waitFor();
    await expectNoSeriousA11yViolations(page());
    await page().getByRole('menuitem', { name: 'Пригласить в кабинет' }).click();
    await checkCard(page().getByRole('dialog', { name: 'Пригласить в кабинет?' }));
    await page().getByRole('button', { name: 'Петрова Анна' }).click();
    await checkCard(page().getByRole('dialog', { name: 'Сотрудник' }));
  });

  it('finds nothing serious in the cards of a workplace: its own and «Получить код активации»', async () => {
    await openSection('Рабочие места');
    const row = page().getByTestId('workplace-row').filter({ hasText: 'Касса №1' });
    await rowAction(row, 'Получить код активации');
    await checkCard(page().getByRole('dialog', { name: 'Получить код активации' }));
    await page().getByRole('button', { name: 'Касса №1' }).click();
    await checkCard(page().getByRole('dialog', { name: 'Рабочее место' }));
  });

  it('finds nothing serious in the cards of a unit and a category', async () => {
    await openSection('Каталог', 'Все товары');
    await openSection('Единицы измерения');
    await rowAction(page().getByTestId('unit-row').first(), 'Изменить');
    await checkCard(page().getByRole('dialog', { name: 'Единица измерения' }));

    await openSection('Категории');
    const coffee = page().getByTestId('category-node').filter({ hasText: /^Кофе$/ });
    await coffee.hover();
    await coffee.getByRole('button', { name: 'Изменить' }).click();
    await checkCard(page().getByRole('dialog', { name: 'Категория' }));
  });

  it('finds nothing serious in a product card and the import card', async () => {
    await openSection('Все товары');
    const row = page().getByTestId('product-row').filter({ hasText: 'Кофе в зёрнах' });
    await rowAction(row, 'Изменить');
    await checkCard(page().getByRole('dialog', { name: 'Товар' }));
    await page().getByRole('button', { name: 'Импорт' }).click();
    await checkCard(page().getByRole('dialog', { name: 'Импорт товаров' }));
  });

  it('finds nothing serious in Журналы: the period’s presets and a filter’s choices open, and both journals empty', async () => {
    await openSection('Журналы', 'Продажи');
    await page().getByText('Продаж пока нет. Продажи появляются здесь, когда кассы их отправят').waitFor();
    await page().getByPlaceholder('Начало периода').click();
    await page().locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').getByText('Этот месяц').waitFor();
    await expectNoSeriousA11yViolations(page());
    await page().keyboard.press('Escape');
    await page().getByRole('combobox', { name: 'Статус' }).click();
    await page().locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText('В процессе').waitFor();
    await expectNoSeriousA11yViolations(page());
    await page().keyboard.press('Escape');
    await openSection('Транзакции');
    await page().getByText('Транзакций пока нет. Оплаты картой и по СБП появляются здесь, когда кассы отправят продажи').waitFor();
    await expectNoSeriousA11yViolations(page());
    expect(cabinet.pageErrors).toEqual([]);
  });
});
