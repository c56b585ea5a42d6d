/**
 * Каталог → Все товары → Импорт / Экспорт in headless Chromium: the Owner imports a CSV file of three good rows and one
 * with a wrong barcode check digit (the preview says «Будет создано 3» and names the bad row's line and error; the
 * load adds the three and still reports it), a file without a required column is refused in the card, the list is
 * exported as CSV holding the three, and that file imported again changes nothing («Загрузить» stays disabled).
 * A Кассир may export but not import; the card shows how far a long load got. Screenshots go to test-results/screenshots/product-files-*.png.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PASSWORD } from './api.harness';
import { logIn, logOut, screenshot, settled, waitForCount, useCabinetInBrowser } from './browser.harness';
import { uniqueContact } from './system.harness';

jest.setTimeout(180_000);

const CASHIER_PASSWORD = 'Cashier123';
const COFFEE = 'Кофе в зёрнах Арабика';
const TEA = 'Чай зелёный';
const SUGAR = 'Сахар-песок';
const SALT = 'Соль поваренная';
/** An EAN-13 whose check digit is right, and the same with a wrong one. */
const EAN_13 = '4600000000008';
const WRONG_CHECK_DIGIT = '4600000000009';
/** Line 1 is the header: the bad row (Соль) is line 5. */
const BAD_LINE = 5;
const GOOD_AND_BAD = [
  'Наименование;Цена;Единица измерения;НДС;Штрихкоды;Артикул',
  `${COFFEE};149,90;кг;22%;${EAN_13};ARB-1000`,
  `${TEA};90,00;шт;Без НДС;;TEA-2`,
  `${SUGAR};75,50;кг;10%;;SUG-1`,
  `${SALT};20,00;шт;10%;${WRONG_CHECK_DIGIT};SALT-1`,
].join('\r\n');

describe('Каталог → Все товары → Импорт / Экспорт in Chromium (embedded mode)', () => {
  let files: string;
  let exported: string;
  const cashier = { lastName: 'Петрова', firstName: 'Анна', patronymic: null, ...uniqueContact(), role: 'cashier' };

  const cabinet = useCabinetInBrowser(async (api, owner) => {
    files = mkdtempSync(join(tmpdir(), 'elk-product-files-'));
    await api.presetUnits(owner.accessToken);
    expect((await api.call('POST', '/api/v1/employees', owner.accessToken, cashier)).status).toBe(201);
    await api.setPasswordAndLogIn(cashier.phone, CASHIER_PASSWORD);
  });
  afterAll(async () => {
    if (files) rmSync(files, { recursive: true, force: true });
  });

  const rows = () => cabinet.page.getByTestId('product-row');
  const row = (name: string) => rows().filter({ has: cabinet.page.getByRole('cell', { name, exact: true }) });
  const dialog = () => cabinet.page.getByRole('dialog', { name: 'Импорт товаров' });
  const counts = () => dialog().getByTestId('import-counts');
  const importErrors = () => dialog().getByTestId('import-error');
  const loadButton = () => dialog().getByRole('button', { name: 'Загрузить' });
  const chooseFile = (path: string) => dialog().locator('input[type="file"]').setInputFiles(path);
  const writeFile = (name: string, text: string) => {
    const path = join(files, name);
    writeFileSync(path, text);
    return path;
  };
  const expectBadRowReported = async () => {
    await waitForCount(importErrors(), 1);
    const cells = await importErrors().first().locator('td').allInnerTexts();
    expect(cells).toEqual([String(BAD_LINE), SALT, 'Штрихкоды', `Неверный штрихкод ${WRONG_CHECK_DIGIT}: не сходится контрольная цифра`]);
  };

  it('opens «Импорт товаров» from «Все товары», naming the file columns', async () => {
    await logIn(cabinet.page, cabinet.url, cabinet.owner.email, PASSWORD);
    await cabinet.page.getByRole('menuitem', { name: 'Каталог' }).click();
    await cabinet.page.waitForURL('**/catalog/products');
    await cabinet.page.getByText('Товаров пока нет').waitFor();
    await cabinet.page.getByRole('button', { name: 'Импорт' }).click();
    await dialog().getByText('«Наименование», «Описание», «Цена», «Единица измерения», «НДС»', { exact: false }).waitFor();
    await dialog().getByText('по артикулу, затем по штрихкоду', { exact: false }).waitFor();
    expect(await loadButton().isDisabled()).toBe(true);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'product-files-01-import-card');
  });

  it('refuses a file without the «Цена» column, saying so in the card', async () => {
    await chooseFile(writeFile('no-price.csv', 'Наименование;Единица измерения;НДС\r\nЧай;шт;10%'));
    await dialog().getByRole('alert').filter({ hasText: 'В файле нет столбца «Цена»: он обязателен' }).waitFor();
    expect(await loadButton().isDisabled()).toBe(true);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'product-files-02-missing-column');
  });

  it('previews a file of three good rows and a bad one: «Будет создано 3», the bad row by its line and error', async () => {
    await chooseFile(writeFile('products.csv', GOOD_AND_BAD));
    await counts().filter({ hasText: 'Будет создано 3, изменено 0, без изменений 0, с ошибками 1' }).waitFor();
    expect(await dialog().getByRole('alert').filter({ hasText: 'В файле нет столбца' }).count()).toBe(0);
    await expectBadRowReported();
    expect(await loadButton().isEnabled()).toBe(true);
    expect((await cabinet.api.call('GET', '/api/v1/catalog/products', cabinet.owner.accessToken)).body.total).toBe(0);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'product-files-03-preview');
  });

  it('loads the file: the three products appear in the list and the bad row is still reported, with no request answered 404', async () => {
    const notFound: string[] = [];
    cabinet.page.on('response', (response) => {
      if (response.status() === 404) notFound.push(response.url());
    });
    await loadButton().click();
    await counts().filter({ hasText: 'Создано 3, изменено 0, без изменений 0, с ошибками 1' }).waitFor();
    await expectBadRowReported();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'product-files-04-loaded');
    await dialog().getByRole('button', { name: 'Готово' }).click();
    await dialog().waitFor({ state: 'hidden' });
    await waitForCount(rows(), 3);
    for (const name of [COFFEE, TEA, SUGAR]) await row(name).waitFor();
    await row(COFFEE).getByRole('cell', { name: '149,90 ₽', exact: true }).waitFor();
    expect(await row(SALT).count()).toBe(0);
    expect(notFound).toEqual([]);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'product-files-05-list');
  });

  it('exports the list as CSV holding the three products', async () => {
    await cabinet.page.getByRole('button', { name: 'Экспорт' }).click();
    const [download] = await Promise.all([cabinet.page.waitForEvent('download'), cabinet.page.getByRole('menuitem', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Товары \d{4}-\d{2}-\d{2}\.csv$/);
    exported = join(files, download.suggestedFilename());
    await download.saveAs(exported);
    const lines = readFileSync(exported, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]!.split(';').slice(0, 4)).toEqual(['Наименование', 'Описание', 'Цена', 'Единица измерения']);
    expect(lines.slice(1).map((line) => line.split(';').slice(0, 3))).toEqual([
      [COFFEE, '', '149,90'],
      [SUGAR, '', '75,50'],
      [TEA, '', '90,00'],
    ]);
    expect(lines.find((line) => line.startsWith(COFFEE))).toContain(EAN_13);
  });

  it('imports the exported file again: nothing changes, and «Загрузить» stays disabled', async () => {
    await cabinet.page.getByRole('button', { name: 'Импорт' }).click();
    await chooseFile(exported);
    await counts().filter({ hasText: 'Будет создано 0, изменено 0, без изменений 3, с ошибками 0' }).waitFor();
    await dialog().getByText('Загружать нечего: файл ничего не изменит в каталоге').waitFor();
    expect(await importErrors().count()).toBe(0);
    expect(await loadButton().isDisabled()).toBe(true);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'product-files-06-reimport-unchanged');
    await dialog().getByRole('button', { name: 'Отмена' }).click();
    await dialog().waitFor({ state: 'hidden' });
  });

  it('lets a Кассир export the list but not import', async () => {
    await logOut(cabinet.page);
    await logIn(cabinet.page, cabinet.url, cashier.phone, CASHIER_PASSWORD);
    await cabinet.page.getByRole('menuitem', { name: 'Каталог' }).click();
    await cabinet.page.waitForURL('**/catalog/products');
    await waitForCount(rows(), 3);
    await cabinet.page.getByRole('button', { name: 'Экспорт' }).waitFor();
    for (const button of ['Импорт', 'Добавить']) expect(await cabinet.page.getByRole('button', { name: button }).count()).toBe(0);
    await cabinet.page.getByRole('button', { name: 'Экспорт' }).click();
    const [download] = await Promise.all([cabinet.page.waitForEvent('download'), cabinet.page.getByRole('menuitem', { name: 'Excel (XLSX)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'product-files-07-cashier');
  });

  it('shows how far a long load got while it runs', async () => {
    // The gateway sends the rows on in batches of 500: the bar moves at 500 and 1,000 of these 1,200 rows.
    const spices = Array.from({ length: 1_200 }, (_, n) => `Специи, набор №${n + 1};35,00;шт;10%`);
    await logOut(cabinet.page);
    await logIn(cabinet.page, cabinet.url, cabinet.owner.email, PASSWORD);
    await cabinet.page.getByRole('menuitem', { name: 'Каталог' }).click();
    await cabinet.page.getByRole('button', { name: 'Импорт' }).click();
    await chooseFile(writeFile('spices.csv', ['Наименование;Цена;Единица измерения;НДС', ...spices].join('\r\n')));
    await counts().filter({ hasText: 'Будет создано 1200, изменено 0' }).waitFor({ timeout: 60_000 });
    await loadButton().click();
    await dialog().getByText('Загружаем товары…').waitFor();
    await dialog().locator('[role="progressbar"]:not([aria-valuenow="0"]):not([aria-valuenow="100"])').waitFor({ timeout: 60_000 });
    await screenshot(cabinet.page, 'product-files-08-progress');
    await counts().filter({ hasText: 'Создано 1200, изменено 0, без изменений 0, с ошибками 0' }).waitFor({ timeout: 60_000 });
    await dialog().getByRole('button', { name: 'Готово' }).click();
    await row('Специи, набор №1').waitFor();
  });

  it('raised no error in the page', () => {
    expect(cabinet.pageErrors).toEqual([]);
  });
});
