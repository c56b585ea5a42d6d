/**
 * Каталог → Единицы измерения and Категории in headless Chromium, following the manual: the Owner finds the
 * FFD units preloaded, adds a unit (a missing FFD measure and a name already taken are refused under their
 * fields), builds a three-level category tree, is refused moving a category under its own subcategory, and
 * deletes the top category moving its subcategories one level up; a delete refused because a subcategory
 * appeared meanwhile says why and refreshes the tree; a category with products is deleted moving them to its
 * parent. A Кассир sees both screens read-only.
 * Screenshots go to test-results/screenshots/catalog-*.png.
 */
import { PASSWORD } from './api.harness';
import { choose, discardInput, formItem, logIn, logOut, rowAction, screenshot, settled, useCabinetInBrowser, waitForCount } from './browser.harness';
import { uniqueContact } from './system.harness';

jest.setTimeout(180_000);

/** The FFD 1.2 units (tag 2108) every organisation starts with. */
const PRESET_UNITS = 24;
const CASHIER_PASSWORD = 'Cashier123';

const PARENT = 'Постельное бельё';
const CHILD = 'Наволочки';
const GRANDCHILD = 'Шёлковые наволочки';

describe('Каталог → Единицы измерения and Категории in Chromium (embedded mode)', () => {
  const cashier = { lastName: 'Петрова', firstName: 'Анна', patronymic: null, ...uniqueContact(), role: 'cashier' };

  const cabinet = useCabinetInBrowser(async (api, owner) => {
    expect((await api.call('POST', '/api/v1/employees', owner.accessToken, cashier)).status).toBe(201);
    await api.setPasswordAndLogIn(cashier.phone, CASHIER_PASSWORD);
    await api.presetUnits(owner.accessToken);
  });


  const unitRows = () => cabinet.page.getByTestId('unit-row');
  const unitRow = (name: string) => unitRows().filter({ has: cabinet.page.getByRole('cell', { name, exact: true }) });
  /** The tree's row of the category `name` (its description may follow the name). */
  const node = (name: string) => cabinet.page.getByTestId('category-node').filter({ hasText: new RegExp(`^${name}( — .*)?$`) });
  /** How deep `name` sits in the tree: 0 at the top. */
  const levelOf = (name: string) => cabinet.page.locator('.ant-tree-treenode').filter({ has: node(name) }).locator('.ant-tree-indent-unit').count();

  async function openCatalogSection(title: 'Единицы измерения' | 'Категории', path: string) {
    await cabinet.page.getByRole('menuitem', { name: title }).click();
    await cabinet.page.waitForURL(`**/catalog/${path}`);
    await cabinet.page.getByRole('heading', { name: title }).waitFor();
  }

  /** Points at the category, as the manual says, and clicks its pencil or its trash. */
  async function hoverAndClick(name: string, action: 'Изменить' | 'Удалить') {
    await node(name).hover();
    await node(name).getByRole('button', { name: action }).click();
  }

  async function addCategory(name: string, parent?: string) {
    await cabinet.page.getByRole('button', { name: 'Категорию' }).click();
    const dialog = cabinet.page.getByRole('dialog', { name: 'Новая категория' });
    await dialog.getByLabel('Название').fill(name);
    if (parent) await choose(dialog, 'Родительская категория', parent);
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await node(name).waitFor();
  }

  it('opens Каталог on «Все товары»', async () => {
    await logIn(cabinet.page, cabinet.url, cabinet.owner.email, PASSWORD);
    await cabinet.page.getByRole('menuitem', { name: 'Каталог' }).click();
    await cabinet.page.waitForURL('**/catalog/products');
    await cabinet.page.getByRole('heading', { name: 'Все товары' }).waitFor();
    for (const section of ['Все товары', 'Категории', 'Единицы измерения']) await cabinet.page.getByRole('menuitem', { name: section }).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'catalog-01-products');
  });

  it('lists the FFD units preloaded in Единицы измерения', async () => {
    await openCatalogSection('Единицы измерения', 'units');
    await waitForCount(unitRows(), PRESET_UNITS);
    for (const text of ['кг', '11']) await unitRow('килограмм').getByRole('cell', { name: text, exact: true }).waitFor();
    await unitRow('иные единицы измерения').getByRole('cell', { name: '255', exact: true }).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'catalog-02-units-preset');
  });

  it('adds a unit through «+ Добавить», asking for its FFD measure (tag 2108) under its field', async () => {
    await cabinet.page.getByRole('button', { name: 'Добавить' }).click();
    const dialog = cabinet.page.getByRole('dialog', { name: 'Новая единица измерения' });
    await dialog.getByLabel('Наименование', { exact: true }).fill('упаковка');
    await dialog.getByLabel('Краткое наименование').fill('уп');
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await formItem(dialog, 'Код ФФД').getByText('Обязательное поле').waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'catalog-03-unit-code-refused');

    await choose(dialog, 'Код ФФД', '255 — иные единицы измерения', '255');
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await cabinet.page.getByText('Единица измерения добавлена').waitFor();
    await waitForCount(unitRows(), PRESET_UNITS + 1);
    await unitRow('упаковка').getByRole('cell', { name: 'уп', exact: true }).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'catalog-04-unit-added');
  });

  it('refuses a unit whose name is taken, under «Наименование»', async () => {
    await cabinet.page.getByRole('button', { name: 'Добавить' }).click();
    const dialog = cabinet.page.getByRole('dialog', { name: 'Новая единица измерения' });
    await dialog.getByLabel('Наименование', { exact: true }).fill('Килограмм');
    await dialog.getByLabel('Краткое наименование').fill('кило');
    await choose(dialog, 'Код ФФД', '11 — килограмм', '11');
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await formItem(dialog, 'Наименование').getByText('Единица измерения «килограмм» уже есть').waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'catalog-05-unit-name-taken');
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await discardInput(cabinet.page);
    await dialog.waitFor({ state: 'hidden' });
    expect(await unitRows().count()).toBe(PRESET_UNITS + 1);
  });

  it('finds the unit by search and shows its adding in «История изменений»', async () => {
    await cabinet.page.getByPlaceholder('Поиск по наименованию').fill('упак');
    await waitForCount(unitRows(), 1);
    await rowAction(unitRow('упаковка'), 'Изменить');
    const dialog = cabinet.page.getByRole('dialog', { name: 'Единица измерения' });
    await formItem(dialog, 'Код ФФД').getByText('255 — иные единицы измерения', { exact: true }).waitFor();
    await dialog.getByText('История изменений').click();
    await dialog.getByTestId('history-entry').filter({ hasText: 'создал(а)' }).filter({ hasText: 'Краткое наименование: уп' }).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'catalog-06-unit-history');
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('builds a category tree three levels deep through «+ Категорию»', async () => {
    await openCatalogSection('Категории', 'categories');
    await cabinet.page.getByText('Категорий пока нет').waitFor();
    await addCategory(PARENT);
    await addCategory(CHILD, PARENT);
    await addCategory(GRANDCHILD, CHILD);
    expect([await levelOf(PARENT), await levelOf(CHILD), await levelOf(GRANDCHILD)]).toEqual([0, 1, 2]);
    await node(CHILD).hover();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'catalog-07-category-tree');
  });

  it('refuses moving a category under its own subcategory, under «Родительская категория»', async () => {
    await hoverAndClick(PARENT, 'Изменить');
    const dialog = cabinet.page.getByRole('dialog', { name: 'Категория' });
    expect(await dialog.getByLabel('Название').inputValue()).toBe(PARENT);
    await choose(dialog, 'Родительская категория', GRANDCHILD);
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await formItem(dialog, 'Родительская категория').getByText(`Категорию нельзя вложить в её собственную подкатегорию «${GRANDCHILD}»`).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'catalog-08-category-move-refused');
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await discardInput(cabinet.page);
    await dialog.waitFor({ state: 'hidden' });
    expect(await levelOf(PARENT)).toBe(0);
  });

  it('deletes the top category, moving its subcategories one level up', async () => {
    await hoverAndClick(PARENT, 'Удалить');
    const confirm = cabinet.page.getByRole('dialog', { name: 'Удалить категорию?' });
    const contents = confirm.getByTestId('category-contents');
    await contents.getByText(`В категории есть подкатегории: «${CHILD}».`).waitFor();
    await contents.getByText('Подкатегории станут категориями верхнего уровня.').waitFor();
    expect(await contents.innerText()).not.toContain('товары');
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'catalog-09-category-delete-confirm');
    await confirm.getByRole('button', { name: 'Удалить и перенести содержимое' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await cabinet.page.getByText('Категория удалена').waitFor();
    await node(PARENT).waitFor({ state: 'detached' });
    expect([await levelOf(CHILD), await levelOf(GRANDCHILD)]).toEqual([0, 1]);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'catalog-10-category-deleted');
  });

  it('shows the refusal when a subcategory appeared meanwhile, then offers to move it up', async () => {
    const categories = await cabinet.api.call('GET', '/api/v1/catalog/categories', cabinet.owner.accessToken);
    const grandchild = (categories.body.items as Array<{ id: string; name: string }>).find(({ name }) => name === GRANDCHILD)!;
    await hoverAndClick(GRANDCHILD, 'Удалить');
    const confirm = cabinet.page.getByRole('dialog', { name: 'Удалить категорию?' });
    // The card opened on an empty category: a plain delete. The subcategory appears only now, so that the page cannot
    // have learnt of it (a refetch of the tree before the card opened would offer to move it up instead).
    const plainDelete = confirm.getByRole('button', { name: 'Удалить', exact: true });
    await plainDelete.waitFor();
    const added = await cabinet.api.call('POST', '/api/v1/catalog/categories', cabinet.owner.accessToken, { name: 'Детские наволочки', parentId: grandchild.id });
    expect(added.status).toBe(201);
    await plainDelete.click();
    await confirm.getByRole('alert').getByText('В категории есть подкатегории: «Детские наволочки»').waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'catalog-11-category-delete-refused');
    await confirm.getByRole('button', { name: 'Отмена' }).click();
    await confirm.waitFor({ state: 'hidden' });

    await node('Детские наволочки').waitFor();
    expect(await levelOf('Детские наволочки')).toBe(2);
    await hoverAndClick(GRANDCHILD, 'Удалить');
    await confirm.getByRole('button', { name: 'Удалить и перенести содержимое' }).waitFor();
    await confirm.getByRole('button', { name: 'Отмена' }).click();
    await confirm.waitFor({ state: 'hidden' });
  });

  it('deletes a category with products, moving them to its parent and its subcategory with its own products one level up', async () => {
    const token = cabinet.owner.accessToken;
    const categories = (await cabinet.api.call('GET', '/api/v1/catalog/categories', token)).body.items as Array<{ id: string; name: string }>;
    const child = categories.find(({ name }) => name === CHILD)!;
    const towels = await cabinet.api.add(token, '/api/v1/catalog/categories', { name: 'Полотенца', parentId: child.id });
    const bath = await cabinet.api.add(token, '/api/v1/catalog/categories', { name: 'Банные', parentId: towels.id });
    const unitId = (await cabinet.api.call('GET', '/api/v1/catalog/units?search=штука', token)).body.items[0].id;
    const product = (name: string, categoryId: string) => cabinet.api.add(token, '/api/v1/catalog/products', { name, price: 50_000, unitId, vat: 'vat22', categoryId });
    const moved = [await product('Полотенце вафельное', towels.id), await product('Полотенце махровое', towels.id)];
    const stays = await product('Полотенце банное', bath.id);
    await cabinet.page.reload();
    await node('Банные').waitFor();

    await hoverAndClick('Полотенца', 'Удалить');
    const confirm = cabinet.page.getByRole('dialog', { name: 'Удалить категорию?' });
    const contents = confirm.getByTestId('category-contents');
    await contents.getByText('В категории есть подкатегории: «Банные».').waitFor();
    await contents.getByText('Товаров в ней и в подкатегориях: 3.').waitFor();
    await contents.getByText(`Подкатегории и товары категории перейдут на уровень выше — в категорию «${CHILD}».`).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'catalog-12-category-with-products-delete-confirm');
    await confirm.getByRole('button', { name: 'Удалить и перенести содержимое' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await node('Полотенца').waitFor({ state: 'detached' });
    expect(await levelOf('Банные')).toBe(1);

    for (const { id } of moved) expect((await cabinet.api.call('GET', `/api/v1/catalog/products/${id}`, token)).body.categoryId).toBe(child.id);
    expect((await cabinet.api.call('GET', `/api/v1/catalog/products/${stays.id}`, token)).body.categoryId).toBe(bath.id);

    // A category with products and no subcategories speaks of its products only.
    await hoverAndClick('Банные', 'Удалить');
    await contents.getByText('Товаров в категории: 1.').waitFor();
    await contents.getByText(`Товары перейдут в категорию «${CHILD}».`).waitFor();
    expect(await contents.innerText()).not.toMatch(/одкатегори/);
    await confirm.getByRole('button', { name: 'Отмена' }).click();
    await confirm.waitFor({ state: 'hidden' });
  });

  it('shows a Кассир the tree and the units with nothing to change', async () => {
    await logOut(cabinet.page);
    await logIn(cabinet.page, cabinet.url, cashier.phone, CASHIER_PASSWORD);
    await cabinet.page.getByRole('menuitem', { name: 'Каталог' }).click();
    await openCatalogSection('Категории', 'categories');
    await node(GRANDCHILD).hover();
    expect(await levelOf(GRANDCHILD)).toBe(1);
    for (const button of ['Категорию', 'Изменить', 'Удалить']) expect(await cabinet.page.getByRole('button', { name: button }).count()).toBe(0);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'catalog-13-cashier-categories');

    await openCatalogSection('Единицы измерения', 'units');
    await waitForCount(unitRows(), PRESET_UNITS + 1);
    for (const button of ['Добавить', 'Действия']) expect(await cabinet.page.getByRole('button', { name: button }).count()).toBe(0);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'catalog-14-cashier-units');
  });

  it('raised no error in the page', () => {
    expect(cabinet.pageErrors).toEqual([]);
  });
});
