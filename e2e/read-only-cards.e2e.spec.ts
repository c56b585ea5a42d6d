/**
 * Read-only cards in headless Chromium: a role that may read a section but not change it opens a record by its
 * name and sees its values as text (no inputs, no asterisks), with only «Закрыть» and its «История изменений». A Кассир reads a
 * product (Описание, Предмет расчёта, Страна производства, Маркировка, a price change), a unit, a category and
 * an employee; a Гость reads a legal entity (a Кассир may not read legal entities); an Administrator reads the
 * Owner. The Owner adds a category from «Все товары» through «+ Категорию», picks «11 — килограмм» for a unit,
 * and reads what each role may do under «Роль». Screenshots go to test-results/screenshots/read-only-*.png.
 */
import type { Locator } from 'playwright-core';
import { OWNER_FULL_NAME, PASSWORD, ROMASHKA } from './api.harness';
import { choose, discardInput, formItem, logIn, logOut, pick, screenshot, settled, useCabinetInBrowser, waitForCount } from './browser.harness';
import { uniqueContact } from './system.harness';

jest.setTimeout(180_000);

const COFFEE = 'Кофе в зёрнах Арабика';
const DESCRIPTION = 'Обжарка средняя, 1 кг';
const CATEGORY = 'Напитки';
const UNIT = 'упаковка';
const CASHIER_NAME = 'Петрова Анна';

describe('Read-only cards in Chromium (embedded mode)', () => {
  const cashier = { lastName: 'Петрова', firstName: 'Анна', patronymic: null, ...uniqueContact(), role: 'cashier' };
  const guest = { lastName: 'Смирнов', firstName: 'Олег', patronymic: null, ...uniqueContact(), role: 'guest' };
  const admin = { lastName: 'Сидоров', firstName: 'Пётр', patronymic: null, ...uniqueContact(), role: 'admin' };

  const cabinet = useCabinetInBrowser(async (api, owner) => {
    const token = owner.accessToken;
    await api.add(token, '/api/v1/legal-entities', ROMASHKA);
    const units = await api.presetUnits(token);
    await api.add(token, '/api/v1/catalog/units', { name: UNIT, shortName: 'уп', ffdCode: 255 });
    const category = await api.add(token, '/api/v1/catalog/categories', { name: CATEGORY });
    const card = {
      name: COFFEE,
      description: DESCRIPTION,
      price: 14_990,
      unitId: units.find(({ shortName }) => shortName === 'кг')!.id,
      vat: 'vat22',
      categoryId: category.id,
      paymentSubject: 1,
      countryCode: '076',
      barcodes: [],
      article: 'ARB-1000',
      marked: true,
    };
    const product = await api.add(token, '/api/v1/catalog/products', card);
    const changed = await api.call('PUT', `/api/v1/catalog/products/${product.id}`, token, { ...card, price: 15_990, expectedVersion: product.version });
    expect(changed.status).toBe(200);
    for (const employee of [cashier, guest, admin]) {
      await api.add(token, '/api/v1/employees', employee);
      await api.setPasswordAndLogIn(employee.phone, PASSWORD);
    }
  });

  const dialog = (title: string) => cabinet.page.getByRole('dialog', { name: title, exact: true });
  const productRow = (name: string) => cabinet.page.getByTestId('product-row').filter({ has: cabinet.page.getByRole('cell', { name, exact: true }) });
  const unitRow = (name: string) => cabinet.page.getByTestId('unit-row').filter({ has: cabinet.page.getByRole('cell', { name, exact: true }) });
  const employeeRow = (name: string) => cabinet.page.getByTestId('employee-row').filter({ hasText: name });
  const categoryNode = (name: string) => cabinet.page.getByTestId('category-node').filter({ hasText: new RegExp(`^${name}( — .*)?$`) });
  /** The value a read-only card shows as text under `label`. */
  const shown = (card: Locator, label: string, text: string) => formItem(card, label).getByTestId('read-only-value').getByText(text, { exact: true });

  async function openSection(menu: string, heading: string) {
    await cabinet.page.getByRole('menuitem', { name: menu, exact: true }).click();
    await cabinet.page.getByRole('heading', { name: heading }).waitFor();
  }

  /**
   * A read-only card: no «Сохранить» nor «Удалить», only «Закрыть» (besides the ✕ of the modal); values as text, with
   * no input to type in and no asterisk of a required field.
   */
  async function expectReadOnly(card: Locator) {
    for (const button of ['Сохранить', 'Удалить', 'Добавить']) expect(await card.getByRole('button', { name: button }).count()).toBe(0);
    await card.locator('form').getByRole('button', { name: 'Закрыть', exact: true }).waitFor();
    expect(await card.locator('form').locator('input, textarea, [role="combobox"], [role="switch"]').count()).toBe(0);
    expect(await card.locator('.ant-form-item-required').count()).toBe(0);
  }

  async function close(card: Locator) {
    await card.locator('form').getByRole('button', { name: 'Закрыть', exact: true }).click();
    await card.waitFor({ state: 'hidden' });
  }

  async function openHistory(card: Locator): Promise<Locator> {
    await card.getByText('История изменений').click();
    const entries = card.getByTestId('history-entry');
    await entries.first().waitFor();
    return entries;
  }

  it('lets the Owner add a category from «Все товары» through «+ Категорию»', async () => {
    await logIn(cabinet.page, cabinet.url, cabinet.owner.email, PASSWORD);
    await openSection('Каталог', 'Все товары');
    await waitForCount(cabinet.page.getByTestId('product-row'), 1);
    for (const button of ['Экспорт', 'Импорт', 'Категорию', 'Добавить']) await cabinet.page.getByRole('button', { name: button }).first().waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'read-only-01-owner-products');

    await cabinet.page.getByRole('button', { name: 'Категорию' }).click();
    const card = dialog('Новая категория');
    await card.getByLabel('Название').fill('Чай');
    await choose(card, 'Родительская категория', CATEGORY);
    await card.getByRole('button', { name: 'Добавить' }).click();
    await card.waitFor({ state: 'hidden' });
    await cabinet.page.getByText('Категория добавлена').waitFor();

    const categories = await cabinet.api.call('GET', '/api/v1/catalog/categories', cabinet.owner.accessToken);
    expect(categories.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Чай' })]));
    await pick(cabinet.page.getByRole('combobox', { name: 'Фильтр по категории' }), 'Чай');
    await cabinet.page.getByText('Ничего не найдено').waitFor();
  });

  it('offers the FFD measures as «11 — килограмм» in the unit card, found by typing', async () => {
    await openSection('Единицы измерения', 'Единицы измерения');
    await cabinet.page.getByRole('button', { name: 'Добавить' }).click();
    const card = dialog('Новая единица измерения');
    await card.getByLabel('Наименование', { exact: true }).fill('килограмм нетто');
    await card.getByLabel('Краткое наименование').fill('кг нетто');
    await formItem(card, 'Код ФФД').locator('.ant-select').click();
    await cabinet.page.keyboard.type('кило');
    const options = cabinet.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    for (const option of ['11 — килограмм', '50 — киловатт час', '80 — килобайт']) await options.getByTitle(option, { exact: true }).waitFor();
    expect(await options.getByTitle('10 — грамм', { exact: true }).count()).toBe(0);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'read-only-02-unit-ffd-measures');
    await options.getByTitle('11 — килограмм', { exact: true }).click();
    await card.getByRole('button', { name: 'Добавить' }).click();
    await card.waitFor({ state: 'hidden' });
    await unitRow('килограмм нетто').getByRole('cell', { name: '11', exact: true }).waitFor();
  });

  it('tells the Owner under «Роль» what each role may do', async () => {
    await cabinet.page.getByRole('menuitem', { name: 'Настройки' }).click();
    await openSection('Сотрудники', 'Сотрудники');
    await cabinet.page.getByRole('button', { name: 'Добавить' }).click();
    const card = dialog('Новый сотрудник');
    await formItem(card, 'Роль').locator('.ant-select').click();
    const roles = cabinet.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await roles.getByTitle('Кассир', { exact: true }).getByText('Работа на кассе; в кабинете — только просмотр каталога, сотрудников и своих продаж').waitFor();
    await roles.getByTitle('Администратор', { exact: true }).getByText('Полный доступ ко всем разделам, кроме изменения Владельца').waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'read-only-03-role-descriptions');
    await roles.getByTitle('Менеджер', { exact: true }).click();
    await formItem(card, 'Роль').getByText('Каталог и журналы; настройки — только просмотр').waitFor();
    await card.getByRole('button', { name: 'Отмена' }).click();
    await discardInput(cabinet.page);
    await card.waitFor({ state: 'hidden' });
  });

  it('shows a Кассир the product card read-only: Описание, Предмет расчёта, Страна производства, Маркировка and the price change', async () => {
    await logOut(cabinet.page);
    await logIn(cabinet.page, cabinet.url, cashier.phone, PASSWORD);
    await openSection('Каталог', 'Все товары');
    for (const button of ['Категорию', 'Импорт', 'Действия']) expect(await cabinet.page.getByRole('button', { name: button }).count()).toBe(0);
    await productRow(COFFEE).getByRole('button', { name: COFFEE, exact: true }).click();

    const card = dialog('Товар');
    await shown(card, 'Наименование', COFFEE).waitFor();
    await shown(card, 'Описание', DESCRIPTION).waitFor();
    await shown(card, 'Цена', '159,90').waitFor();
    await shown(card, 'Единица измерения', 'килограмм (кг)').waitFor();
    await shown(card, 'Предмет расчёта', 'Товар').waitFor();
    await shown(card, 'Страна производства', 'Бразилия').waitFor();
    await shown(card, 'НДС', '22%').waitFor();
    await shown(card, 'Категория', CATEGORY).waitFor();
    await shown(card, 'Штрихкоды', '—').waitFor();
    await shown(card, 'Маркировка', 'Да').waitFor();
    await expectReadOnly(card);
    // What a field holds is explained; how to type into it is not.
    await formItem(card, 'Артикул').getByText('Код товара в вашей учётной системе').waitFor();
    for (const hint of ['В рублях, с копейками', 'Введите или отсканируйте штрихкод']) expect(await card.getByText(hint).count()).toBe(0);

    const entries = await openHistory(card);
    await entries.filter({ hasText: 'изменил(а)' }).filter({ hasText: 'Цена: 149,90 ₽ → 159,90 ₽' }).waitFor();
    await entries.filter({ hasText: 'создал(а)' }).filter({ hasText: `Описание: ${DESCRIPTION}` }).filter({ hasText: 'Маркировка: Да' }).waitFor();
    await entries.last().scrollIntoViewIfNeeded();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'read-only-04-cashier-product');

    // On a phone the values wrap inside the card: nothing runs off the screen.
    await cabinet.page.setViewportSize({ width: 390, height: 800 });
    try {
      await settled(cabinet.page);
      // The card stays open when the screen narrows.
      await shown(card, 'Наименование', COFFEE).waitFor();
      const values = await card.getByTestId('read-only-value').evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().right));
      expect(values.length).toBeGreaterThan(0);
      expect(Math.max(...values)).toBeLessThanOrEqual(390);
      expect(await cabinet.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await screenshot(cabinet.page, 'read-only-04b-cashier-product-phone');
    } finally {
      await cabinet.page.setViewportSize({ width: 1280, height: 900 });
    }
    await close(card);
  });

  it('shows a Кассир a unit and a category read-only, with their history', async () => {
    await openSection('Единицы измерения', 'Единицы измерения');
    await unitRow(UNIT).getByRole('button', { name: UNIT, exact: true }).click();
    const unit = dialog('Единица измерения');
    await shown(unit, 'Краткое наименование', 'уп').waitFor();
    await shown(unit, 'Код ФФД', '255 — иные единицы измерения').waitFor();
    await expectReadOnly(unit);
    const unitHistory = await openHistory(unit);
    await unitHistory.filter({ hasText: `${OWNER_FULL_NAME} создал(а)` }).filter({ hasText: 'Краткое наименование: уп' }).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'read-only-05-cashier-unit');
    await close(unit);

    await openSection('Категории', 'Категории');
    await categoryNode(CATEGORY).getByRole('button', { name: CATEGORY, exact: true }).click();
    const category = dialog('Категория');
    await shown(category, 'Название', CATEGORY).waitFor();
    await expectReadOnly(category);
    const categoryHistory = await openHistory(category);
    await categoryHistory.filter({ hasText: `${OWNER_FULL_NAME} создал(а)` }).filter({ hasText: `Название: ${CATEGORY}` }).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'read-only-06-cashier-category');
    await close(category);
  });

  it('shows a Кассир an employee card read-only, with what the role may do and the history', async () => {
    await cabinet.page.getByRole('menuitem', { name: 'Настройки' }).click();
    await openSection('Сотрудники', 'Сотрудники');
    expect(await cabinet.page.getByRole('button', { name: 'Действия' }).count()).toBe(0);
    await employeeRow(CASHIER_NAME).getByRole('button', { name: CASHIER_NAME, exact: true }).click();
    const card = dialog('Сотрудник');
    await shown(card, 'Фамилия', cashier.lastName).waitFor();
    await shown(card, 'Роль', 'Кассир').waitFor();
    await formItem(card, 'Роль').getByText('Работа на кассе; в кабинете — только просмотр каталога, сотрудников и своих продаж').waitFor();
    await expectReadOnly(card);
    const entries = await openHistory(card);
    await entries.filter({ hasText: `${OWNER_FULL_NAME} создал(а)` }).filter({ hasText: 'Роль: Кассир' }).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'read-only-07-cashier-employee');
    await close(card);
  });

  it('shows a Гость a legal entity card read-only, with its history', async () => {
    await logOut(cabinet.page);
    await logIn(cabinet.page, cabinet.url, guest.phone, PASSWORD);
    await cabinet.page.getByRole('menuitem', { name: 'Настройки' }).click();
    await openSection('Юридические лица', 'Юридические лица');
    const entity = cabinet.page.getByTestId('legal-entity-card').filter({ hasText: ROMASHKA.name });
    expect(await entity.getByRole('button', { name: 'Изменить' }).count()).toBe(0);
    await entity.getByRole('button', { name: ROMASHKA.name, exact: true }).click();
    const card = dialog('Юридическое лицо');
    await shown(card, 'ИНН', ROMASHKA.inn).waitFor();
    await shown(card, 'Система налогообложения', 'УСН доход').waitFor();
    // What the tax system is for stays; how to choose it does not.
    expect(await card.getByText('Одна на всю организацию').count()).toBe(0);
    await expectReadOnly(card);
    const entries = await openHistory(card);
    await entries.filter({ hasText: `${OWNER_FULL_NAME} создал(а)` }).filter({ hasText: `ИНН: ${ROMASHKA.inn}` }).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'read-only-08-guest-legal-entity');
    await close(card);
  });

  it('lets an Administrator open the Owner’s card read-only, and their own to change', async () => {
    await logOut(cabinet.page);
    await logIn(cabinet.page, cabinet.url, admin.phone, PASSWORD);
    await cabinet.page.getByRole('menuitem', { name: 'Настройки' }).click();
    await openSection('Сотрудники', 'Сотрудники');
    expect(await employeeRow(OWNER_FULL_NAME).getByRole('button', { name: 'Действия' }).count()).toBe(0);
    await employeeRow(OWNER_FULL_NAME).getByRole('button', { name: OWNER_FULL_NAME, exact: true }).click();
    const owner = dialog('Сотрудник');
    await shown(owner, 'Роль', 'Владелец').waitFor();
    await expectReadOnly(owner);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'read-only-09-admin-owner');
    await close(owner);

    await employeeRow('Сидоров Пётр').getByRole('button', { name: 'Сидоров Пётр', exact: true }).click();
    const self = dialog('Сотрудник');
    expect(await self.getByLabel('Фамилия').isDisabled()).toBe(false);
    await self.getByRole('button', { name: 'Сохранить' }).waitFor();
    await self.getByRole('button', { name: 'Отмена' }).click();
    await self.waitFor({ state: 'hidden' });
  });

  it('raised no error in the page', () => {
    expect(cabinet.pageErrors).toEqual([]);
  });
});
