/**
 * Каталог → Все товары in headless Chromium, following the manual: the Owner adds a product through «+ Добавить»
 * filling every field of the card (a barcode whose check digit is wrong is refused under «Штрихкоды», an article
 * another product has under «Артикул»), finds it by its barcode, sorts by price, changes its price and reads the
 * change in «История изменений», filters by the parent category, and deletes it. A Кассир sees the list with nothing to change.
 * Screenshots go to test-results/screenshots/products-*.png.
 */
import type { Page } from 'playwright-core';
import { PASSWORD } from './api.harness';
import { choose, formItem, logIn, logOut, pick, rowAction, screenshot, settled, waitForCount, useCabinetInBrowser } from './browser.harness';
import { uniqueContact } from './system.harness';

jest.setTimeout(180_000);

const CASHIER_PASSWORD = 'Cashier123';
const PARENT = 'Напитки';
const CHILD = 'Кофе';
const COFFEE = 'Кофе в зёрнах Арабика';
const TEA = 'Чай чёрный';
/** An EAN-13 whose check digit is right: 4·1 + 6·3 = 22, and 22 + 8 is a multiple of 10. */
const EAN_13 = '4600000000008';
const WRONG_CHECK_DIGIT = '4600000000009';

describe('Каталог → Все товары in Chromium (embedded mode)', () => {
  const cashier = { lastName: 'Петрова', firstName: 'Анна', patronymic: null, ...uniqueContact(), role: 'cashier' };

  const cabinet = useCabinetInBrowser(async (api, owner) => {
    const units = await api.presetUnits(owner.accessToken);
    const parent = await api.add(owner.accessToken, '/api/v1/catalog/categories', { name: PARENT });
    await api.add(owner.accessToken, '/api/v1/catalog/categories', { name: CHILD, parentId: parent.id });
    const piece = units.find(({ shortName }) => shortName === 'шт')!;
    await api.add(owner.accessToken, '/api/v1/catalog/products', { name: TEA, price: 9000, unitId: piece.id, vat: 'none', article: 'TEA-1' });
    expect((await api.call('POST', '/api/v1/employees', owner.accessToken, cashier)).status).toBe(201);
    await api.setPasswordAndLogIn(cashier.phone, CASHIER_PASSWORD);
  });

  const rows = () => cabinet.page.getByTestId('product-row');
  const row = (name: string) => rows().filter({ has: cabinet.page.getByRole('cell', { name, exact: true }) });
  const cell = (name: string, text: string) => row(name).getByRole('cell', { name: text, exact: true });
  // The name cell follows the row's selection box.
  const rowNames = () => rows().locator('td.ant-table-selection-column + td').allInnerTexts();
  const barcodeInput = (dialog: ReturnType<Page['getByRole']>) => formItem(dialog, 'Штрихкоды').locator('input');

  it('opens Каталог on «Все товары» with the product added so far', async () => {
    await logIn(cabinet.page, cabinet.url, cabinet.owner.email, PASSWORD);
    await cabinet.page.getByRole('menuitem', { name: 'Каталог' }).click();
    await cabinet.page.waitForURL('**/catalog/products');
    await cabinet.page.getByRole('heading', { name: 'Все товары' }).waitFor();
    await waitForCount(rows(), 1);
    for (const text of ['90,00 ₽', 'шт', 'НДС не облагается', 'TEA-1']) await cell(TEA, text).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'products-01-list');
  });

  it('adds a product with every field of the card, refusing a wrong barcode check digit and an article taken', async () => {
    await cabinet.page.getByRole('button', { name: 'Добавить' }).click();
    const dialog = cabinet.page.getByRole('dialog', { name: 'Новый товар' });
    await dialog.getByText('Наименование не может содержать кавычки и символы " \' « » „ “ ” ‘ ’ ` < > \\, табуляцию и переносы строк').waitFor();
    await dialog.getByLabel('Наименование', { exact: true }).fill(COFFEE);
    await dialog.getByLabel('Описание').fill('Обжарка средняя, 1 кг');
    await dialog.getByLabel('Цена').fill('149,90');
    await choose(dialog, 'Единица измерения', 'килограмм (кг)', 'кило');
    await choose(dialog, 'НДС', '22%');
    await choose(dialog, 'Предмет расчёта', 'Товар');
    await choose(dialog, 'Категория', CHILD);
    await choose(dialog, 'Страна производства', 'Бразилия', 'Браз');
    await barcodeInput(dialog).fill(WRONG_CHECK_DIGIT);
    await barcodeInput(dialog).press('Enter');
    await dialog.getByLabel('Артикул').fill('tea-1');
    await formItem(dialog, 'Маркировка').getByRole('switch').click();
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await formItem(dialog, 'Штрихкоды').getByText(`Неверный штрихкод ${WRONG_CHECK_DIGIT}: не сходится контрольная цифра`).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'products-02-barcode-refused');

    await barcodeInput(dialog).press('Backspace');
    await barcodeInput(dialog).fill(EAN_13);
    await barcodeInput(dialog).press('Enter');
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await formItem(dialog, 'Артикул').getByText(`уже есть у товара «${TEA}»`).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'products-03-article-taken');
    await dialog.getByLabel('Артикул').fill('ARB-1000');
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await cabinet.page.getByText('Товар добавлен').waitFor();
    await waitForCount(rows(), 2);
    for (const text of ['149,90 ₽', 'кг', '22%', CHILD, 'ARB-1000', EAN_13]) await cell(COFFEE, text).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'products-04-added');

    const saved = await cabinet.api.call('GET', `/api/v1/catalog/products?search=${EAN_13}`, cabinet.owner.accessToken);
    expect(saved.body.items).toEqual([
      expect.objectContaining({
        name: COFFEE,
        description: 'Обжарка средняя, 1 кг',
        price: 14990,
        vat: 'vat22',
        paymentSubject: 1,
        countryCode: '076',
        barcodes: [EAN_13],
        article: 'ARB-1000',
        marked: true,
      }),
    ]);
  });

  it('finds the product by its barcode typed into the search', async () => {
    await cabinet.page.getByPlaceholder('Поиск по наименованию, штрихкоду или артикулу').fill(EAN_13);
    await waitForCount(rows(), 1);
    await row(COFFEE).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'products-05-found-by-barcode');
    await cabinet.page.getByPlaceholder('Поиск по наименованию, штрихкоду или артикулу').fill('');
    await waitForCount(rows(), 2);
  });

  it('lists by name, or by price both ways from the «Цена» header', async () => {
    expect(await rowNames()).toEqual([COFFEE, TEA]);
    const price = cabinet.page.getByRole('columnheader', { name: 'Цена' });
    await price.click();
    await waitForCount(rows().first().filter({ hasText: TEA }), 1);
    expect(await rowNames()).toEqual([TEA, COFFEE]);
    await price.click();
    await waitForCount(rows().first().filter({ hasText: COFFEE }), 1);
    expect(new URL(cabinet.page.url()).searchParams.get('sort')).toBe('-price');
    await price.click();
    await cabinet.page.waitForURL((url) => !url.searchParams.has('sort'));
    expect(await rowNames()).toEqual([COFFEE, TEA]);
  });

  it('changes the price and shows 149,90 → 159,90 in «История изменений»', async () => {
    await rowAction(row(COFFEE), 'Изменить');
    const dialog = cabinet.page.getByRole('dialog', { name: 'Товар' });
    expect(await dialog.getByLabel('Цена').inputValue()).toBe('149,90');
    await dialog.getByLabel('Цена').fill('159,90');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await cabinet.page.getByText('Изменения сохранены').waitFor();
    await cell(COFFEE, '159,90 ₽').waitFor();

    await rowAction(row(COFFEE), 'Изменить');
    await dialog.getByText('История изменений').click();
    await dialog.getByTestId('history-entry').filter({ hasText: 'изменил(а)' }).filter({ hasText: 'Цена: 149,90 ₽ → 159,90 ₽' }).waitFor();
    await dialog.getByTestId('history-entry').filter({ hasText: 'создал(а)' }).filter({ hasText: 'Страна производства: Бразилия' }).waitFor();
    await dialog.getByTestId('history-entry').last().scrollIntoViewIfNeeded();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'products-06-price-history');
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('filters by the parent category, finding the product in its subcategory', async () => {
    await pick(cabinet.page.getByRole('combobox', { name: 'Фильтр по категории' }), PARENT);
    await waitForCount(rows(), 1);
    await row(COFFEE).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'products-07-category-filter');
  });

  it('deletes the product after the confirm card', async () => {
    await rowAction(row(COFFEE), 'Удалить');
    const confirm = cabinet.page.getByRole('dialog', { name: 'Удалить товар?' });
    await confirm.getByText(`«${COFFEE}», 159,90 ₽`).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'products-08-delete-confirm');
    await confirm.getByRole('button', { name: 'Удалить' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await cabinet.page.getByText('Товар удалён').waitFor();
    await cabinet.page.getByText('Ничего не найдено').waitFor();
    expect(await rows().count()).toBe(0);
  });

  it('shows a Кассир the products with nothing to change', async () => {
    await logOut(cabinet.page);
    await logIn(cabinet.page, cabinet.url, cashier.phone, CASHIER_PASSWORD);
    await cabinet.page.getByRole('menuitem', { name: 'Каталог' }).click();
    await cabinet.page.waitForURL('**/catalog/products');
    await waitForCount(rows(), 1);
    await cell(TEA, '90,00 ₽').waitFor();
    for (const button of ['Добавить', 'Действия']) expect(await cabinet.page.getByRole('button', { name: button }).count()).toBe(0);
    // Nothing to tick either: bulk actions change products.
    expect(await rows().getByRole('checkbox').count()).toBe(0);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'products-09-cashier');
  });

  it('raised no error in the page', () => {
    expect(cabinet.pageErrors).toEqual([]);
  });
});
