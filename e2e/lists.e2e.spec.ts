/**
 * The cabinet's lists in headless Chromium at 1280 px, as a merchant orients in them: each page names the browser
 * tab; «Всего: N»; a header sorts both ways; «Без категории»; the search, filter, sort and page size stay in the
 * address through a reload and «Назад»; the units with шт, кг, л, м first; the card lists' sort choice; a long word
 * wraps in its cell; the ⋮ menu works from the keyboard alone. Screenshots go to test-results/screenshots/lists-*.png.
 */
import { PASSWORD, ROMASHKA, type Unit } from './api.harness';
import { discardInput, logIn, navigate, pageWidth, pick, screenshot, settled, useCabinetInBrowser, waitForCount, waitUntil } from './browser.harness';
import { uniqueContact } from './system.harness';

jest.setTimeout(180_000);

const PRODUCTS = '/api/v1/catalog/products';
/** A name as long as a product's may be, one word: it must wrap inside its cell. */
const LONG_NAME = `Сыр${'о'.repeat(120)}чек`;

describe('lists in Chromium (embedded mode)', () => {
  const cabinet = useCabinetInBrowser(async (api, owner) => {
    const units: Unit[] = await api.presetUnits(owner.accessToken);
    const piece = units.find(({ shortName }) => shortName === 'шт')!;
    const drinks = await api.add(owner.accessToken, '/api/v1/catalog/categories', { name: 'Напитки' });
    for (const [name, price, categoryId] of [
      ['Чай чёрный', 9_000, null],
      ['Чай зелёный', 11_000, null],
      ['Лимонад', 15_000, drinks.id],
      [LONG_NAME, 20_000, null],
    ] as const) {
      await api.add(owner.accessToken, PRODUCTS, { name, price, unitId: piece.id, vat: 'vat22', categoryId });
    }
    const romashka = await api.add(owner.accessToken, '/api/v1/legal-entities', ROMASHKA);
    await api.add(owner.accessToken, '/api/v1/legal-entities', { ...ROMASHKA, type: 'ip', name: 'Алексеев Алексей', inn: '500100732259', kpp: null, ogrn: '304500116000157' });
    await api.add(owner.accessToken, '/api/v1/sales-points', { name: 'Киоск', legalEntityId: romashka.id, address: 'г. Москва, ул. Арбат, д. 2' });
    await api.add(owner.accessToken, '/api/v1/sales-points', { name: 'Буфет', legalEntityId: romashka.id, address: 'г. Москва, ул. Тверская, д. 1' });
    await api.add(owner.accessToken, '/api/v1/employees', { lastName: 'Яковлева', firstName: 'Анна', phone: uniqueContact().phone, role: 'cashier' });
  });

  const page = () => cabinet.page;
  const rows = (testId: string) => page().getByTestId(testId);
  /** The cells of the rows `testId` under the header `header` (a selectable list's row boxes come before it). */
  const cells = async (testId: string, header: string) => {
    const index = await page().getByRole('columnheader', { name: header, exact: true }).evaluate((cell: { cellIndex: number }) => cell.cellIndex);
    return rows(testId).locator(`td:nth-child(${index + 1})`);
  };
  /** What the rows `testId` show under the header `header`, top to bottom. */
  const column = async (testId: string, header: string) => (await (await cells(testId, header)).allInnerTexts()).map((text) => text.trim());
  const total = () => page().getByTestId('list-total');
  const search = () => page().getByRole('textbox', { name: /^Поиск/ });
  const query = (name: string) => new URL(page().url()).searchParams.get(name);

  it('names the browser tab after each page', async () => {
    await logIn(page(), cabinet.url, cabinet.owner.email, PASSWORD);
    expect(await page().title()).toBe('Личные данные — ЕЛК');
    for (const [path, title] of [
      ['/catalog/products', 'Все товары'],
      ['/catalog/categories', 'Категории'],
      ['/catalog/units', 'Единицы измерения'],
      ['/settings/legal-entities', 'Юридические лица'],
      ['/settings/sales-points', 'Точки продаж'],
      ['/settings/employees', 'Сотрудники'],
      ['/settings/workplaces', 'Рабочие места'],
      ['/journals', 'Продажи'],
      ['/journals/transactions', 'Транзакции'],
    ] as const) {
      await navigate(page(), path);
      await waitUntil(async () => (await page().title()) === `${title} — ЕЛК`, `the tab titled «${title} — ЕЛК»`);
    }
  });

  it('shows «Всего» and sorts Все товары by a header both ways, with the mouse or the keyboard', async () => {
    await navigate(page(), '/catalog/products');
    await total().getByText('Всего: 4').waitFor();
    expect(await column('product-row', 'Наименование')).toEqual(['Лимонад', LONG_NAME, 'Чай зелёный', 'Чай чёрный']);
    const name = page().getByRole('columnheader', { name: 'Наименование' });
    // Two clicks in a row on a slow computer (Chromium's CPU slowed 20 times): the second sorts the other way although
    // the list has not shown the first yet. It sorted the same way again when the table's own order was used.
    const cdp = await page().context().newCDPSession(page());
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
    await name.click();
    await name.click();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
    await page().waitForURL((url) => url.searchParams.get('sort') === '-name');
    await waitForCount(rows('product-row').first().filter({ hasText: 'Чай чёрный' }), 1);
    expect(await column('product-row', 'Наименование')).toEqual(['Чай чёрный', 'Чай зелёный', LONG_NAME, 'Лимонад']);
    expect(await name.getAttribute('aria-sort')).toBe('descending');

    // From the keyboard too: a sortable header takes the focus, Enter sorts it one way, then the other.
    const price = page().getByRole('columnheader', { name: 'Цена' });
    await price.focus();
    await page().keyboard.press('Enter');
    await page().waitForURL((url) => url.searchParams.get('sort') === 'price');
    await waitForCount(rows('product-row').last().filter({ hasText: LONG_NAME }), 1);
    expect(await column('product-row', 'Наименование')).toEqual(['Чай чёрный', 'Чай зелёный', 'Лимонад', LONG_NAME]);
    await page().keyboard.press('Enter');
    await page().waitForURL((url) => url.searchParams.get('sort') === '-price');
  });

  it('filters «Без категории» and keeps the search, filter, sort and page size in the address through a reload and «Назад»', async () => {
    await pick(page().getByRole('combobox', { name: 'Фильтр по категории' }), 'Без категории');
    await total().getByText('Всего: 3').waitFor();
    await search().fill('Чай');
    await total().getByText('Всего: 2').waitFor();
    await pick(page().getByRole('combobox', { name: 'Строк на странице' }), 'По 20 строк');
    await page().waitForURL((url) => url.searchParams.get('size') === '20' && url.searchParams.get('q') === 'Чай');
    expect([query('categoryId'), query('sort')]).toEqual(['none', '-price']);
    const expected = ['Чай зелёный', 'Чай чёрный'];
    expect(await column('product-row', 'Наименование')).toEqual(expected);

    await page().reload();
    await total().getByText('Всего: 2').waitFor();
    expect(await column('product-row', 'Наименование')).toEqual(expected);
    expect(await search().inputValue()).toBe('Чай');
    await page().getByText('Без категории', { exact: true }).waitFor();
    await page().getByText('По 20 строк', { exact: true }).waitFor();
    await settled(page());
    await screenshot(page(), 'lists-01-products-kept-in-address');

    await page().getByRole('menuitem', { name: 'Категории' }).click();
    await page().waitForURL('**/catalog/categories');
    await page().goBack();
    await total().getByText('Всего: 2').waitFor();
    expect(await search().inputValue()).toBe('Чай');
    expect(await column('product-row', 'Наименование')).toEqual(expected);
  });

  it('wraps a long name inside its cell, the page and the table no wider than the screen', async () => {
    await page().goto(`${cabinet.url}/catalog/products?q=${encodeURIComponent('Сыр')}`);
    await total().getByText('Всего: 1').waitFor();
    const cell = await cells('product-row', 'Наименование');
    const fits = await cell.evaluate((element: { scrollWidth: number; clientWidth: number; getBoundingClientRect(): { height: number } }) => element.scrollWidth <= element.clientWidth && element.getBoundingClientRect().height > 40);
    expect(fits).toBe(true);
    expect(await pageWidth(page())).toBeLessThanOrEqual(1280);
    const menu = await rows('product-row').getByRole('button', { name: 'Действия' }).boundingBox();
    expect(menu!.x + menu!.width).toBeLessThanOrEqual(1280);
    await settled(page());
    await screenshot(page(), 'lists-02-long-name');
  });

  it('says so when a pasted name is cut at the 128 characters a product name may have', async () => {
    await page().getByRole('button', { name: 'Добавить' }).click();
    const dialog = page().getByRole('dialog', { name: 'Новый товар' });
    await dialog.getByLabel('Наименование').fill('Ч'.repeat(150));
    expect(await dialog.getByLabel('Наименование').inputValue()).toHaveLength(128);
    await dialog.getByText('Максимум 128 символов').waitFor();
    // What was typed is not thrown away without asking.
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await discardInput(page());
    await dialog.waitFor({ state: 'hidden' });
  });

  it('lists the units with шт, кг, л, м first, and by name from the header', async () => {
    await navigate(page(), '/catalog/units');
    await total().getByText('Всего: 24').waitFor();
    expect((await rows('unit-row').locator('td:nth-child(2)').allInnerTexts()).slice(0, 4)).toEqual(['шт', 'кг', 'л', 'м']);
    await page().getByRole('columnheader', { name: 'Наименование', exact: true }).click();
    await waitForCount(rows('unit-row').first().filter({ hasText: 'гигабайт' }), 1);
  });

  it('sorts the card lists by the sort choice', async () => {
    await navigate(page(), '/settings/legal-entities');
    await total().getByText('Всего: 2').waitFor();
    // «Всего: 2» also matches the units' «Всего: 24» until the page changes: wait for the cards themselves.
    await waitForCount(rows('legal-entity-card'), 2);
    expect(await rows('legal-entity-card').allInnerTexts()).toEqual([expect.stringContaining('Алексеев Алексей'), expect.stringContaining('Ромашка')]);
    await pick(page().getByRole('combobox', { name: 'Сортировка' }), 'Наименование: по убыванию');
    await waitForCount(rows('legal-entity-card').first().filter({ hasText: 'Ромашка' }), 1);

    await page().goto(`${cabinet.url}/settings/sales-points?sort=-address`);
    await total().getByText('Всего: 2').waitFor();
    expect(await rows('sales-point-card').allInnerTexts()).toEqual([expect.stringContaining('Буфет'), expect.stringContaining('Киоск')]);
    await page().getByText('Фактический адрес: по убыванию', { exact: true }).waitFor();
  });

  it('opens a row’s ⋮ menu from the keyboard, moves with the arrows, closes with Escape back to «Действия» and acts with Enter', async () => {
    await page().goto(`${cabinet.url}/settings/employees?q=${encodeURIComponent('Яковлева')}`);
    await total().getByText('Всего: 1').waitFor();
    const button = rows('employee-row').getByRole('button', { name: 'Действия' });
    const menu = page().locator('.ant-dropdown:not(.ant-dropdown-hidden)').getByRole('menu');
    const focused = () => page().evaluate<string>("(document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '').trim()");
    const focusOn = (name: string) => waitUntil(async () => (await focused()) === name, `the focus on «${name}»`);

    await button.focus();
    await page().keyboard.press('Enter');
    await menu.waitFor();
    await focusOn('Редактировать');
    await page().keyboard.press('ArrowDown');
    await focusOn('Отправить новый PIN-код');
    await settled(page());
    await screenshot(page(), 'lists-03-menu-from-keyboard');
    await page().keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    await focusOn('Действия');

    await page().keyboard.press('Space');
    await menu.waitFor();
    await focusOn('Редактировать');
    await page().keyboard.press('Enter');
    const dialog = page().getByRole('dialog', { name: 'Сотрудник' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Фамилия').inputValue()).toBe('Яковлева');
    await page().keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('raised no error in the page', () => {
    expect(cabinet.pageErrors).toEqual([]);
  });
});
