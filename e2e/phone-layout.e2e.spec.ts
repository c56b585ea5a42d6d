/**
 * Every section of the cabinet at a desktop's 1280 px and a phone's 390 px, in headless Chromium: the page never
 * scrolls sideways, nothing covers the page's title, each list's ⋮ «Действия» is on screen and on top; on the phone
 * the section's menu is a labelled select («Раздел») used from the keyboard that goes where it is told, and category
 * names keep their width. axe-core finds no serious violation on any of them at either width (the cards, menus and
 * pages before logging in: accessibility.e2e.spec.ts). Logged in once per width, it goes from section to section as the
 * cabinet's links do, without reloading. Screenshots go to test-results/screenshots/layout-<width>-*.png.
 */
import { PASSWORD, ROMASHKA, type Unit } from './api.harness';
import { DESKTOP, PHONE, expectNoSeriousA11yViolations, isOnTop, logIn, navigate, pageWidth, screenshot, settled, useCabinetInBrowser } from './browser.harness';
import { uniqueContact } from './system.harness';

jest.setTimeout(240_000);

/** A category name as long as names may be: on a phone it wraps between words, never a letter per line. */
const LONG_CATEGORY = 'Безалкогольные напитки собственного производства и холодные десерты';

describe.each([
  ['1280', DESKTOP],
  ['390', PHONE],
])('every section at %s px in Chromium (embedded mode)', (width, viewport) => {
  let salesPointId = '';
  const cabinet = useCabinetInBrowser(async (api, owner) => {
    const [unit]: Unit[] = await api.presetUnits(owner.accessToken);
    const category = await api.add(owner.accessToken, '/api/v1/catalog/categories', { name: LONG_CATEGORY });
    await api.add(owner.accessToken, '/api/v1/catalog/products', {
      name: 'Лимонад домашний с мятой и лаймом в бутылке 0,5 л',
      price: 25_000,
      unitId: unit!.id,
      vat: 'vat22',
      categoryId: category.id,
      barcodes: ['4006381333931'],
      article: 'LIM-05',
    });
    const romashka = await api.add(owner.accessToken, '/api/v1/legal-entities', ROMASHKA);
    salesPointId = (await api.add(owner.accessToken, '/api/v1/sales-points', { name: 'Кофейня на Вавилова', legalEntityId: romashka.id, address: 'г. Москва, ул. Вавилова, д. 19' })).id;
    // A long email (unique: both widths' merchants are in one system) in a narrow column.
    const { phone, email } = uniqueContact();
    const manager = await api.add(owner.accessToken, '/api/v1/employees', { lastName: 'Константинопольская', firstName: 'Анастасия', phone, email: `anastasia.konstantinopolskaya.${email}`, role: 'manager' });
    await api.add(owner.accessToken, '/api/v1/workplaces', { name: 'Касса у входа в торговый зал', number: 1, type: 'stationary', salesPointId, employeeId: manager.id });
  }, viewport);

  const page = () => cabinet.page;

  const sections: ReadonlyArray<readonly [string, string, string | null]> = [
    ['/catalog/products', 'Все товары', 'Действия'],
    ['/catalog/categories', 'Категории', null],
    ['/catalog/units', 'Единицы измерения', 'Действия'],
    ['/journals/sales', 'Продажи', null],
    ['/journals/transactions', 'Транзакции', null],
    ['/settings/profile', 'Личные данные', null],
    ['/settings/legal-entities', 'Юридические лица', null],
    ['/settings/sales-points', 'Точки продаж', 'Действия'],
    ['/settings/employees', 'Сотрудники', 'Действия'],
    ['/settings/workplaces', 'Рабочие места', 'Действия'],
    ['/settings/pos-equipment/fiscal-registers', 'POS оборудование', null],
  ];

  it.each(sections)('shows %s without sideways scrolling, its title uncovered, its ⋮ on screen, nothing serious for axe', async (path, heading, actions) => {
    if (page().url() === 'about:blank') await logIn(page(), cabinet.url, cabinet.owner.email, PASSWORD);
    await navigate(page(), path);
    const title = page().getByRole('heading', { name: heading, exact: true });
    await title.waitFor();
    await page().getByTestId('list-total').or(page().getByTestId('category-node')).or(page().getByRole('button', { name: 'Сменить пароль' })).first().waitFor();
    await settled(page());
    await screenshot(page(), `layout-${width}-${path.split('/').pop()}`);
    expect(await pageWidth(page())).toBeLessThanOrEqual(viewport.width);
    expect(await isOnTop(title)).toBe(true);
    if (actions) {
      const menu = page().getByRole('button', { name: actions }).first();
      const box = (await menu.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(await isOnTop(menu)).toBe(true);
    }
    await expectNoSeriousA11yViolations(page());
  });

  it('shows a sales point’s page, and Журналы with no sales yet, without sideways scrolling, nothing serious for axe', async () => {
    await navigate(page(), `/settings/sales-points/${salesPointId}`);
    await page().getByRole('heading', { name: 'Кофейня на Вавилова' }).waitFor();
    await settled(page());
    expect(await pageWidth(page())).toBeLessThanOrEqual(viewport.width);
    await expectNoSeriousA11yViolations(page());
    await page().getByRole('menuitem', { name: 'Журналы' }).click();
    await page().getByText('Продаж пока нет. Продажи появляются здесь, когда кассы их отправят').waitFor();
    expect(await pageWidth(page())).toBeLessThanOrEqual(viewport.width);
  });

  it('keeps category names whole words, not a letter per line', async () => {
    await navigate(page(), '/catalog/categories');
    const name = page().getByTestId('category-node').getByRole('button', { name: LONG_CATEGORY });
    await name.waitFor();
    const box = (await name.boundingBox())!;
    // A letter per line would be some 10 px wide.
    expect(box.width).toBeGreaterThan(200);
  });

  if (viewport === PHONE) {
    it('picks the section from the keyboard in the labelled «Раздел» select, which closes on the pick', async () => {
      await navigate(page(), '/settings/profile');
      // The catalog's page before it has a «Раздел» select too.
      await page().getByRole('heading', { name: 'Личные данные' }).waitFor();
      const section = page().getByRole('combobox', { name: 'Раздел' });
      await section.focus();
      await page().keyboard.type('Сотр');
      await page().keyboard.press('Enter');
      await page().waitForURL('**/settings/employees');
      await page().getByRole('heading', { name: 'Сотрудники' }).waitFor();
      await page().locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
      expect(await page().locator('.ant-select').filter({ has: section }).innerText()).toContain('Сотрудники');
      expect(await page().getByRole('menuitem', { name: 'Юридические лица' }).count()).toBe(0);
      await settled(page());
      await screenshot(page(), 'layout-390-section-picked');
    });
  } else {
    it('keeps the section menu at the left', async () => {
      await navigate(page(), '/settings/profile');
      await page().getByRole('heading', { name: 'Личные данные' }).waitFor();
      await page().getByRole('menuitem', { name: 'Юридические лица' }).click();
      await page().waitForURL('**/settings/legal-entities');
      expect(await page().getByRole('combobox', { name: 'Раздел' }).count()).toBe(0);
    });
  }

  it('raised no error in the page', () => {
    expect(cabinet.pageErrors).toEqual([]);
  });
});
