/**
 * Bulk work in headless Chromium at 1280 px: in «Все товары» the Owner ticks products (one by one, or all of the page
 * with the header box) and changes their price, moves them to a category and deletes them, each in one step; the
 * result card lists what was refused and why (a price that would go below 0, a product someone changed meanwhile),
 * and a product's «История изменений» marks the change as a bulk action. In Сотрудники the Owner sends new PIN-codes to
 * the ticked employees. A unit and a category in use are deleted from their delete cards with a replacement the
 * products get in the same step. An import is undone from its report.
 * Screenshots go to test-results/screenshots/bulk-*.png.
 */
import { PASSWORD } from './api.harness';
import { axeViolations, choose, logIn, pick, rowAction, screenshot, settled, waitForCount, useCabinetInBrowser } from './browser.harness';
import { uniqueContact } from './system.harness';

jest.setTimeout(180_000);

const LATTE = 'Латте';
const TEA = 'Чай чёрный';
const WATER = 'Вода питьевая';
const DRINKS = 'Напитки';
const COFFEE = 'Кофе';
const GLASS = 'стакан';
const CUP = 'чашка';
const PIN_SMS = /PIN-код для входа в приложение на кассе: \d{4}/;

describe('bulk actions in Chromium (embedded mode)', () => {
  const ids: Record<string, string> = {};
  const cashiers = [
    { lastName: 'Петрова', firstName: 'Анна', patronymic: null, ...uniqueContact(), role: 'cashier' },
    { lastName: 'Сидоров', firstName: 'Пётр', patronymic: null, ...uniqueContact(), role: 'cashier' },
  ];
  const cabinet = useCabinetInBrowser(async (api, owner) => {
    for (const cashier of cashiers) ids[cashier.lastName] = (await api.add(owner.accessToken, '/api/v1/employees', cashier)).id;
    await api.presetUnits(owner.accessToken);
    const glass = await api.add(owner.accessToken, '/api/v1/catalog/units', { name: GLASS, shortName: 'ст', ffdCode: 255 });
    await api.add(owner.accessToken, '/api/v1/catalog/units', { name: CUP, shortName: 'чаш', ffdCode: 255 });
    await api.add(owner.accessToken, '/api/v1/catalog/categories', { name: DRINKS });
    await api.add(owner.accessToken, '/api/v1/catalog/categories', { name: COFFEE });
    for (const [name, price] of [[LATTE, 20_000], [TEA, 10_000], [WATER, 5_000]] as const) {
      ids[name] = (await api.add(owner.accessToken, '/api/v1/catalog/products', { name, price, unitId: glass.id, vat: 'vat22' })).id;
    }
  });

  const page = () => cabinet.page;
  const rows = () => page().getByTestId('product-row');
  const row = (name: string) => rows().filter({ has: page().getByRole('cell', { name, exact: true }) });
  const cell = (name: string, text: string) => row(name).getByRole('cell', { name: text, exact: true });
  const toolbar = () => page().getByRole('toolbar', { name: 'Действия с выбранными' });
  const result = () => page().getByRole('dialog', { name: 'Действие с товарами' });
  /**
   * Serious and critical axe-core violations inside what `selector` matches. Colour contrast is left out: antd's default
   * primary, danger and link colours miss 4.5:1 on every screen, a matter of the cabinet's theme, not of these parts.
   */
  const accessibilityProblems = async (selector: string) =>
    (await axeViolations(page(), { include: selector, disableRules: ['color-contrast'] }))
      .filter(({ impact }) => impact === 'serious' || impact === 'critical')
      .map(({ id, nodes }) => `${id}: ${nodes.map(({ target }) => target.join(' ')).join(', ')}`);

  it('ticks every product of the page with the header box and shows the bulk actions', async () => {
    await logIn(page(), cabinet.url, cabinet.owner.email, PASSWORD);
    await page().getByRole('menuitem', { name: 'Каталог' }).click();
    await page().waitForURL('**/catalog/products');
    await waitForCount(rows(), 3);
    expect(await toolbar().count()).toBe(0);
    await page().locator('.ant-table-thead').getByRole('checkbox').check();
    await toolbar().getByText('Выбрано: 3').waitFor();
    for (const action of ['Переместить в категорию', 'Установить НДС', 'Установить единицу измерения', 'Изменить цену', 'Удалить']) {
      await toolbar().getByRole('button', { name: action }).waitFor();
    }
    await settled(page());
    await screenshot(page(), 'bulk-01-selected');
    expect(await accessibilityProblems('[role="toolbar"]')).toEqual([]);
    expect(await accessibilityProblems('.ant-table-selection-column')).toEqual([]);
  });

  it('lowers every price by an amount in one step, refusing the product whose price would go below 0', async () => {
    await toolbar().getByRole('button', { name: 'Изменить цену' }).click();
    const dialog = page().getByRole('dialog', { name: 'Изменить цену' });
    await dialog.getByText('Выбрано товаров: 3').waitFor();
    await choose(dialog, 'Как изменить', 'Снизить');
    await choose(dialog, 'На что', 'На сумму');
    await dialog.getByLabel('Сумма, ₽').fill('60');
    await dialog.getByRole('button', { name: 'Применить' }).click();
    await result().getByText('Выполнено: 2. Не выполнено: 1').waitFor();
    const refusal = result().getByTestId('bulk-refusal');
    await waitForCount(refusal, 1);
    expect(await refusal.locator('td').allInnerTexts()).toEqual([WATER, 'Цена 50,00 ₽ стала бы меньше 0 ₽']);
    await settled(page());
    await screenshot(page(), 'bulk-02-price-result');
    expect(await accessibilityProblems('.ant-modal-wrap:has([data-testid="bulk-result"])')).toEqual([]);
    await result().getByRole('button', { name: 'Готово' }).click();
    await result().waitFor({ state: 'hidden' });
    await cell(LATTE, '140,00 ₽').waitFor();
    await cell(TEA, '40,00 ₽').waitFor();
    await cell(WATER, '50,00 ₽').waitFor();
    expect(await toolbar().count()).toBe(0);
  });

  it('moves the ticked products to a category, refusing one someone changed after it was ticked', async () => {
    await page().getByRole('checkbox', { name: `Выбрать: ${LATTE}` }).check();
    await page().getByRole('checkbox', { name: `Выбрать: ${TEA}` }).check();
    await toolbar().getByText('Выбрано: 2').waitFor();
    const tea = await cabinet.api.call('GET', `/api/v1/catalog/products/${ids[TEA]}`, cabinet.owner.accessToken);
    const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, version, ...card } = tea.body;
    expect((await cabinet.api.call('PUT', `/api/v1/catalog/products/${ids[TEA]}`, cabinet.owner.accessToken, { ...card, price: 4_500, expectedVersion: version })).status).toBe(200);

    await toolbar().getByRole('button', { name: 'Переместить в категорию' }).click();
    const dialog = page().getByRole('dialog', { name: 'Переместить в категорию' });
    await choose(dialog, 'Категория', DRINKS);
    await dialog.getByRole('button', { name: 'Применить' }).click();
    await result().getByText('Выполнено: 1. Не выполнено: 1').waitFor();
    expect(await result().getByTestId('bulk-refusal').locator('td').allInnerTexts()).toEqual([TEA, 'Товар уже изменили. Обновите страницу и повторите']);
    await result().getByRole('button', { name: 'Готово' }).click();
    await cell(LATTE, DRINKS).waitFor();
    await cell(TEA, '45,00 ₽').waitFor();
  });

  it("shows the bulk changes in the product's history, marked as a bulk action", async () => {
    await row(LATTE).getByRole('button', { name: LATTE }).click();
    const card = page().getByRole('dialog', { name: 'Товар' });
    await card.getByText('История изменений').click();
    const entries = card.getByTestId('history-entry');
    await waitForCount(entries, 3);
    await waitForCount(card.getByTestId('history-origin').filter({ hasText: 'массовое действие' }), 2);
    await entries.first().getByText('Категория').waitFor();
    await entries.nth(1).getByText('Цена').waitFor();
    await settled(page());
    await screenshot(page(), 'bulk-03-history');
    await card.getByRole('button', { name: 'Закрыть' }).or(card.getByRole('button', { name: 'Отмена' })).first().click();
    await card.waitFor({ state: 'hidden' });
  });

  it('deletes the ticked products after asking', async () => {
    await row(WATER).getByRole('checkbox').check();
    await row(TEA).getByRole('checkbox').check();
    await toolbar().getByRole('button', { name: 'Удалить' }).click();
    const dialog = page().getByRole('dialog', { name: 'Удалить выбранные товары?' });
    await dialog.getByText('Выбрано товаров: 2').waitFor();
    await dialog.getByRole('button', { name: 'Удалить' }).click();
    await result().getByText('Выполнено: 2. Не выполнено: 0').waitFor();
    expect(await result().getByTestId('bulk-refusal').count()).toBe(0);
    await result().getByRole('button', { name: 'Готово' }).click();
    await waitForCount(rows(), 1);
    await row(LATTE).waitFor();
  });

  it('sends a new PIN-code to every ticked employee, listing one deleted meanwhile as refused', async () => {
    await page().getByRole('menuitem', { name: 'Настройки' }).click();
    await page().getByRole('menuitem', { name: 'Сотрудники' }).click();
    const employees = page().getByTestId('employee-row');
    await waitForCount(employees, 3);
    await page().locator('.ant-table-thead').getByRole('checkbox').check();
    await toolbar().getByText('Выбрано: 3').waitFor();
    const pinsBefore = (await cabinet.api.smsTo(cashiers[0]!.phone)).filter((text) => PIN_SMS.test(text)).length;
    expect((await cabinet.api.call('DELETE', `/api/v1/employees/${ids['Сидоров']}`, cabinet.owner.accessToken)).status).toBe(204);

    await toolbar().getByRole('button', { name: 'Отправить PIN' }).click();
    const dialog = page().getByRole('dialog', { name: 'Отправить новые PIN-коды?' });
    await dialog.getByText('Выбрано сотрудников: 3.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Отправить' }).click();
    const sent = page().getByRole('dialog', { name: 'Отправка PIN-кодов' });
    await sent.getByText('Выполнено: 2. Не выполнено: 1').waitFor();
    expect(await sent.getByTestId('bulk-refusal').locator('td').allInnerTexts()).toEqual(['—', 'Сотрудник не найден']);
    await settled(page());
    await screenshot(page(), 'bulk-04-pins');
    await sent.getByRole('button', { name: 'Готово' }).click();
    expect(await cabinet.api.waitForSms(cashiers[0]!.phone, PIN_SMS, pinsBefore)).toMatch(PIN_SMS);
  });

  it('deletes a unit in use from its delete card, giving its products the unit chosen there', async () => {
    await page().getByRole('menuitem', { name: 'Каталог' }).click();
    await page().getByRole('menuitem', { name: 'Единицы измерения' }).click();
    const unitRow = page().getByTestId('unit-row').filter({ has: page().getByRole('cell', { name: GLASS, exact: true }) });
    await rowAction(unitRow, 'Удалить');
    const dialog = page().getByRole('dialog', { name: 'Удалить единицу измерения?' });
    await dialog.getByText('Единица указана в товарах: 1.', { exact: false }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Заменить и удалить' }).isDisabled()).toBe(true);
    await pick(dialog.getByLabel(/Чтобы удалить её, выберите единицу, которую получат эти товары/), `${CUP} (чаш)`, 'чаш');
    await settled(page());
    await screenshot(page(), 'bulk-05-unit-replacement');
    await dialog.getByRole('button', { name: 'Заменить и удалить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page().getByText('Единица измерения удалена').waitFor();
    await unitRow.waitFor({ state: 'detached' });
    await page().getByRole('menuitem', { name: 'Все товары' }).click();
    await cell(LATTE, 'чаш').waitFor();
  });

  it('deletes a category with products from its delete card, moving them to the category chosen there', async () => {
    await page().getByRole('menuitem', { name: 'Категории' }).click();
    const node = (name: string) => page().getByTestId('category-node').filter({ hasText: new RegExp(`^${name}$`) });
    await node(DRINKS).hover();
    await node(DRINKS).getByRole('button', { name: 'Удалить' }).click();
    const dialog = page().getByRole('dialog', { name: 'Удалить категорию?' });
    await pick(dialog.getByLabel('Товары категории перенести в:'), COFFEE);
    await dialog.getByTestId('category-contents').getByText(`Товары категории перейдут в категорию «${COFFEE}».`).waitFor();
    await settled(page());
    await screenshot(page(), 'bulk-06-category-replacement');
    await dialog.getByRole('button', { name: 'Удалить и перенести содержимое' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await node(DRINKS).waitFor({ state: 'detached' });
    await page().getByRole('menuitem', { name: 'Все товары' }).click();
    await cell(LATTE, COFFEE).waitFor();
    const history = await cabinet.api.call('GET', `/api/v1/catalog/products/${ids[LATTE]}/history`, cabinet.owner.accessToken);
    expect(history.body.items.slice(-2).map((entry: { origin?: string; changes: Array<{ field: string }> }) => [entry.origin, entry.changes.map(({ field }) => field)])).toEqual([
      ['replacement', ['unitId']],
      ['replacement', ['categoryId']],
    ]);
  });

  it('undoes an import from its report: the product it created goes, the one it changed gets its price back', async () => {
    await page().getByRole('button', { name: 'Импорт' }).click();
    const dialog = page().getByRole('dialog', { name: 'Импорт товаров' });
    const csv = `Наименование;Цена;Единица измерения;НДС\n${LATTE};150,00;${CUP};22%\nРаф;300,00;${CUP};22%\n`;
    await dialog.locator('input[type="file"]').setInputFiles({ name: 'товары.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await dialog.getByText('Будет создано 1, изменено 1, без изменений 0, с ошибками 0').waitFor();
    await dialog.getByRole('button', { name: 'Загрузить' }).click();
    await dialog.getByText('Создано 1, изменено 1, без изменений 0, с ошибками 0').waitFor();
    await cell(LATTE, '150,00 ₽').waitFor();
    await row('Раф').waitFor();

    await dialog.getByRole('button', { name: 'Отменить импорт' }).click();
    const confirm = page().getByRole('dialog', { name: 'Отменить импорт?' });
    await confirm.getByText('Товары, созданные этой загрузкой (1), будут удалены, изменённые ею (1) — получат прежние значения.', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Отменить импорт' }).click();
    const undone = page().getByRole('dialog', { name: 'Отмена импорта' });
    await undone.getByText('Выполнено: 2. Не выполнено: 0').waitFor();
    await settled(page());
    await screenshot(page(), 'bulk-07-import-undone');
    await undone.getByRole('button', { name: 'Готово' }).click();
    expect(await dialog.getByRole('button', { name: 'Импорт отменён' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Готово' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await cell(LATTE, '140,00 ₽').waitFor();
    await row('Раф').waitFor({ state: 'detached' });
    const history = await cabinet.api.call('GET', `/api/v1/catalog/products/${ids[LATTE]}/history`, cabinet.owner.accessToken);
    expect(history.body.items.slice(-2).map((entry: { origin?: string }) => entry.origin)).toEqual(['import', 'import-undo']);
    expect(cabinet.pageErrors).toEqual([]);
  });
});
