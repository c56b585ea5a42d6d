/**
 * Never losing what was typed, in headless Chromium: a card with unsaved input asks «Закрыть без сохранения?» on
 * Escape, a click outside, ✕, Отмена and Back (a clean one closes at once); the product card keeps a draft through a
 * reload, new or edited, offered back with «Удалить черновик»; a save whose answer is lost says «Нет связи с сервером»
 * and «Повторить» sends the same request (the same Idempotency-Key: one product, an edit answered as saved); a delete
 * with no answer gives up after 10 s. The legal entity card shows every field error at the first submit and starts with the organisation's
 * tax system; a name spelling its legal form shows it once; an ИП's history says ОГРНИП. Also: a new product starts
 * in «шт», toasts appear under the header, the category tree-select reads out names, not ids, a phone-width card
 * asks the same, and a Кассир typing a forbidden address is told so. Screenshots: test-results/screenshots/card-safety-*.png.
 */
import type { Locator, Page } from 'playwright-core';
import { PASSWORD, ROMASHKA } from './api.harness';
import { choose, discardInput, discardQuestion, formItem, logIn, logOut, rowAction, screenshot, settled, useCabinetInBrowser } from './browser.harness';
import { uniqueContact } from './system.harness';

jest.setTimeout(180_000);

const CAPPUCCINO = 'Капучино 300 мл';
const CATEGORY = 'Напитки';
const IVANOV = { type: 'ip', name: 'Иванов Иван Иванович', inn: '500100732259', kpp: null, ogrn: '304500116000157', legalAddress: 'г. Москва, ул. Тверская, д. 1', taxSystem: 'usn-income' };

describe('Cards that never lose what was typed, in Chromium (embedded mode)', () => {
  const cashier = { lastName: 'Петрова', firstName: 'Анна', patronymic: null, ...uniqueContact(), role: 'cashier' };
  /** What the page asked through the browser's own dialogs (beforeunload), each accepted. */
  const browserDialogs: string[] = [];

  const cabinet = useCabinetInBrowser(async (api, owner) => {
    const token = owner.accessToken;
    const units = await api.presetUnits(token);
    const category = await api.add(token, '/api/v1/catalog/categories', { name: CATEGORY });
    const piece = units.find(({ shortName }) => shortName === 'шт')!;
    await api.add(token, '/api/v1/catalog/products', { name: CAPPUCCINO, price: 25_000, unitId: piece.id, vat: 'vat22', categoryId: category.id });
    await api.add(token, '/api/v1/legal-entities', ROMASHKA);
    await api.add(token, '/api/v1/legal-entities', IVANOV);
    await api.add(token, '/api/v1/employees', cashier);
    await api.setPasswordAndLogIn(cashier.phone, PASSWORD);
  });

  const page = (): Page => cabinet.page;
  const newProduct = () => page().getByRole('dialog', { name: 'Новый товар' });
  const productCard = () => page().getByRole('dialog', { name: 'Товар', exact: true });
  const draftRestored = (card: Locator) => card.getByRole('alert').filter({ hasText: 'Восстановлен черновик' });
  const offline = (card: Locator) => card.getByRole('alert').filter({ hasText: 'Нет связи с сервером' });
  const productRow = (name: string) => page().getByTestId('product-row').filter({ has: page().getByRole('cell', { name, exact: true }) });

  async function openNewProduct(): Promise<Locator> {
    await page().getByRole('button', { name: 'Добавить' }).click();
    await newProduct().getByLabel('Наименование').waitFor();
    return newProduct();
  }

  async function openProduct(name: string): Promise<Locator> {
    await productRow(name).getByRole('button', { name, exact: true }).click();
    await productCard().getByLabel('Наименование').waitFor();
    return productCard();
  }

  /** Reloads «Все товары»; a card with unsaved input makes the browser ask first (beforeunload), which is accepted. */
  async function reloadProducts() {
    await page().reload();
    await page().getByRole('heading', { name: 'Все товары' }).waitFor();
    await productRow(CAPPUCCINO).waitFor();
  }

  async function productsNamed(name: string): Promise<number> {
    const list = await cabinet.api.call('GET', `/api/v1/catalog/products?search=${encodeURIComponent(name)}`, cabinet.owner.accessToken);
    return list.body.total as number;
  }

  it('opens «Все товары»; a new product starts in «шт»', async () => {
    page().on('dialog', (dialog) => {
      browserDialogs.push(dialog.type());
      void dialog.accept();
    });
    await logIn(page(), cabinet.url, cabinet.owner.email, PASSWORD);
    await page().getByRole('menuitem', { name: 'Каталог' }).click();
    await page().getByRole('heading', { name: 'Все товары' }).waitFor();
    const card = await openNewProduct();
    await formItem(card, 'Единица измерения').getByText('штука или единица (шт)', { exact: true }).waitFor();
  });

  it('closes a clean card at once, and asks «Закрыть без сохранения?» on Escape, a click outside, ✕ and Отмена once something is typed', async () => {
    await page().keyboard.press('Escape');
    await newProduct().waitFor({ state: 'hidden' });
    expect(await discardQuestion(page()).count()).toBe(0);

    const card = await openNewProduct();
    await card.getByLabel('Наименование').pressSequentially('Латте');
    const keepEditing = async () => {
      await discardQuestion(page()).getByRole('button', { name: 'Продолжить редактирование' }).click();
      await discardQuestion(page()).waitFor({ state: 'hidden' });
      expect(await card.getByLabel('Наименование').inputValue()).toBe('Латте');
    };
    await page().keyboard.press('Escape');
    await discardQuestion(page()).waitFor();
    await settled(page());
    await screenshot(page(), 'card-safety-01-discard-question');
    await keepEditing();

    await page().mouse.click(20, 450);
    await discardQuestion(page()).waitFor();
    await keepEditing();

    await card.locator('.ant-modal-close').click();
    await discardQuestion(page()).waitFor();
    await keepEditing();

    await card.getByRole('button', { name: 'Отмена' }).click();
    await discardInput(page());
    await card.waitFor({ state: 'hidden' });
    const reopened = await openNewProduct();
    expect(await reopened.getByLabel('Наименование').inputValue()).toBe('');
    expect(await draftRestored(reopened).count()).toBe(0);
    await page().keyboard.press('Escape');
    await reopened.waitFor({ state: 'hidden' });
  });

  it('keeps a new product’s draft through a reload, offers it back, and forgets it when discarded or saved', async () => {
    let card = await openNewProduct();
    await card.getByLabel('Наименование').pressSequentially('Раф ванильный');
    await card.getByLabel('Цена').pressSequentially('250');
    await reloadProducts();
    expect(browserDialogs).toContain('beforeunload');

    card = await openNewProduct();
    await draftRestored(card).waitFor();
    expect(await card.getByLabel('Наименование').inputValue()).toBe('Раф ванильный');
    expect(await card.getByLabel('Цена').inputValue()).toBe('250');
    await settled(page());
    await screenshot(page(), 'card-safety-02-draft-restored');
    await draftRestored(card).getByRole('button', { name: 'Удалить черновик' }).click();
    await draftRestored(card).waitFor({ state: 'detached' });
    expect(await card.getByLabel('Наименование').inputValue()).toBe('');

    await card.getByLabel('Наименование').pressSequentially('Раф ванильный');
    await card.getByLabel('Цена').pressSequentially('250');
    await choose(card, 'НДС', '22%');
    await reloadProducts();
    card = await openNewProduct();
    await draftRestored(card).waitFor();
    await formItem(card, 'НДС').getByText('22%', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Добавить' }).click();
    await card.waitFor({ state: 'hidden' });

    // The toast shows under the header, not over the user's name in it.
    const toast = page().locator('.ant-message-notice').filter({ hasText: 'Товар добавлен' });
    await toast.waitFor();
    const header = (await page().locator('.ant-layout-header').boundingBox())!;
    expect((await toast.boundingBox())!.y).toBeGreaterThanOrEqual(header.y + header.height);
    await productRow('Раф ванильный').waitFor();
    expect(await productsNamed('Раф ванильный')).toBe(1);

    card = await openNewProduct();
    expect(await card.getByLabel('Наименование').inputValue()).toBe('');
    expect(await draftRestored(card).count()).toBe(0);
    await page().keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });
  });

  it('keeps the draft of an edited product under its own card, until it is closed without saving', async () => {
    let card = await openProduct(CAPPUCCINO);
    await card.getByLabel('Цена').fill('');
    await card.getByLabel('Цена').pressSequentially('199');
    await reloadProducts();

    const other = await openNewProduct();
    expect(await draftRestored(other).count()).toBe(0);
    await page().keyboard.press('Escape');
    await other.waitFor({ state: 'hidden' });

    card = await openProduct(CAPPUCCINO);
    await draftRestored(card).waitFor();
    expect(await card.getByLabel('Цена').inputValue()).toBe('199');
    await card.getByRole('button', { name: 'Отмена' }).click();
    await discardInput(page());
    await card.waitFor({ state: 'hidden' });

    card = await openProduct(CAPPUCCINO);
    expect(await card.getByLabel('Цена').inputValue()).toBe('250,00');
    expect(await draftRestored(card).count()).toBe(0);
    await page().keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });
  });

  it('asks before Back leaves the page with unsaved input', async () => {
    const card = await openNewProduct();
    await card.getByLabel('Наименование').pressSequentially('Флэт уайт');
    await page().evaluate('history.back()');
    await discardQuestion(page()).waitFor();
    await discardQuestion(page()).getByRole('button', { name: 'Продолжить редактирование' }).click();
    await discardQuestion(page()).waitFor({ state: 'hidden' });
    expect(new URL(page().url()).pathname).toBe('/catalog/products');
    expect(await card.getByLabel('Наименование').inputValue()).toBe('Флэт уайт');

    await page().evaluate('history.back()');
    await discardInput(page());
    await page().getByRole('heading', { name: 'Личные данные' }).waitFor();
    await page().getByRole('menuitem', { name: 'Каталог' }).click();
    await productRow(CAPPUCCINO).waitFor();
    const reopened = await openNewProduct();
    expect(await draftRestored(reopened).count()).toBe(0);
    await page().keyboard.press('Escape');
    await reopened.waitFor({ state: 'hidden' });
  });

  it('says «Нет связи с сервером» when the answer to a save is lost, and «Повторить» adds the product once, with the same Idempotency-Key', async () => {
    const keys: string[] = [];
    await page().route('**/api/v1/catalog/products', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keys.push(route.request().headers()['idempotency-key']!);
      if (keys.length > 1) return route.continue();
      // The server gets the request and adds the product; its answer never reaches the cabinet.
      await route.fetch();
      return route.abort('internetdisconnected');
    });
    const card = await openNewProduct();
    await card.getByLabel('Наименование').fill('Эспрессо');
    await card.getByLabel('Цена').fill('120');
    await choose(card, 'НДС', '22%');
    await card.getByRole('button', { name: 'Добавить' }).click();
    await offline(card).waitFor();
    expect(await productsNamed('Эспрессо')).toBe(1);
    await settled(page());
    await screenshot(page(), 'card-safety-03-offline');

    await offline(card).getByRole('button', { name: 'Повторить' }).click();
    await card.waitFor({ state: 'hidden' });
    await page().getByText('Товар добавлен').first().waitFor();
    await page().unroute('**/api/v1/catalog/products');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await productsNamed('Эспрессо')).toBe(1);
    await productRow('Эспрессо').waitFor();
  });

  it('says «Изменения сохранены» when «Повторить» resends an edit whose answer was lost, not that someone changed the product', async () => {
    const keys: string[] = [];
    await page().route('**/api/v1/catalog/products/*', async (route) => {
      if (route.request().method() !== 'PUT') return route.fallback();
      keys.push(route.request().headers()['idempotency-key']!);
      if (keys.length > 1) return route.continue();
      await route.fetch();
      return route.abort('internetdisconnected');
    });
    const card = await openProduct(CAPPUCCINO);
    await card.getByLabel('Цена').fill('260');
    await card.getByRole('button', { name: 'Сохранить' }).click();
    await offline(card).getByRole('button', { name: 'Повторить' }).click();
    await card.waitFor({ state: 'hidden' });
    await page().getByText('Изменения сохранены').first().waitFor();
    await page().unroute('**/api/v1/catalog/products/*');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    await productRow(CAPPUCCINO).getByRole('cell', { name: '260,00 ₽', exact: true }).waitFor();
  });

  it('gives up on a delete with no answer after 10 s with «Нет связи с сервером», and «Повторить» deletes it', async () => {
    let attempts = 0;
    await page().route('**/api/v1/catalog/products/*', async (route) => {
      if (route.request().method() !== 'DELETE') return route.fallback();
      attempts += 1;
      // The first attempt hangs: the cabinet gives up on it; the retry goes through.
      if (attempts > 1) return route.continue();
      return undefined;
    });
    await rowAction(productRow('Эспрессо'), 'Удалить');
    const confirm = page().getByRole('dialog', { name: 'Удалить товар?' });
    const started = Date.now();
    await confirm.getByRole('button', { name: 'Удалить' }).click();
    await offline(confirm).waitFor({ timeout: 15_000 });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(9_500);
    expect(waited).toBeLessThan(15_000);

    await offline(confirm).getByRole('button', { name: 'Повторить' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page().getByText('Товар удалён').first().waitFor();
    await page().unroute('**/api/v1/catalog/products/*');
    expect(await productsNamed('Эспрессо')).toBe(0);
  });

  it('does not read out category ids in the category tree-select', async () => {
    const card = await openProduct(CAPPUCCINO);
    await formItem(card, 'Категория').locator('.ant-select').click();
    await page().keyboard.press('ArrowDown');
    // rc-tree-select's visually hidden live region, read out as the highlighted option changes.
    const spoken = page().locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) [aria-live]');
    await spoken.filter({ hasText: CATEGORY }).waitFor({ state: 'attached' });
    expect(await spoken.textContent()).toBe(CATEGORY);
    await page().keyboard.press('Escape');
    await page().locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await card.getByRole('button', { name: 'Отмена' }).click();
    await card.waitFor({ state: 'hidden' });
  });

  it('asks the same on a phone (390 px), the question within the screen', async () => {
    await page().setViewportSize({ width: 390, height: 800 });
    try {
      const card = await openNewProduct();
      await card.getByLabel('Наименование').pressSequentially('Какао');
      await page().keyboard.press('Escape');
      const question = discardQuestion(page());
      await question.waitFor();
      const box = (await question.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      await settled(page());
      await screenshot(page(), 'card-safety-04-phone-question');
      await discardInput(page());
      await card.waitFor({ state: 'hidden' });
    } finally {
      await page().setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('shows every error of a legal entity card at the first submit, in the card and in the server’s 400', async () => {
    await page().getByRole('menuitem', { name: 'Настройки' }).click();
    await page().getByRole('menuitem', { name: 'Юридические лица' }).click();
    await page().getByRole('heading', { name: 'Юридические лица' }).waitFor();
    await page().getByRole('button', { name: 'Добавить' }).click();
    const card = page().getByRole('dialog', { name: 'Новое юридическое лицо' });
    // The organisation has one tax system: a new legal entity starts with it.
    await formItem(card, 'Система налогообложения').getByText('УСН доход', { exact: true }).waitFor();
    await card.getByLabel('ИНН').fill('123');
    await card.getByLabel('КПП').fill('12');
    await card.getByLabel('ОГРН').fill('1');
    await card.getByRole('button', { name: 'Добавить' }).click();
    const expected: Array<[string, string]> = [
      ['Наименование', 'Обязательное поле'],
      ['ИНН', 'ИНН организации — 10 цифр'],
      ['КПП', 'КПП — 9 символов: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры'],
      ['ОГРН', 'ОГРН — 13 цифр'],
      ['Юридический адрес', 'Обязательное поле'],
    ];
    for (const [label, error] of expected) await formItem(card, label).locator('.ant-form-item-explain-error').filter({ hasText: error }).waitFor();
    await settled(page());
    await screenshot(page(), 'card-safety-05-all-errors');
    await card.getByRole('button', { name: 'Отмена' }).click();
    await discardInput(page());
    await card.waitFor({ state: 'hidden' });

    const refused = await cabinet.api.call('POST', '/api/v1/legal-entities', cabinet.owner.accessToken, { ...ROMASHKA, name: '', legalAddress: '', inn: '123', kpp: '12', ogrn: '1' });
    expect(refused.status).toBe(400);
    expect((refused.body.errors as Array<{ path: string }>).map(({ path }) => path).sort()).toEqual(['inn', 'kpp', 'legalAddress', 'name', 'ogrn']);
  });

  it('names a legal form once: «ООО «Ромашка»» without an ООО tag, the ИП with one; an ИП’s history says ОГРНИП', async () => {
    const romashka = page().getByTestId('legal-entity-card').filter({ hasText: ROMASHKA.name });
    const ivanov = page().getByTestId('legal-entity-card').filter({ hasText: IVANOV.name });
    await romashka.getByRole('button', { name: ROMASHKA.name, exact: true }).waitFor();
    expect(await romashka.locator('.ant-tag').count()).toBe(0);
    await ivanov.locator('.ant-tag').filter({ hasText: 'ИП' }).waitFor();

    await romashka.getByRole('button', { name: 'Удалить' }).click();
    const confirm = page().getByRole('dialog', { name: 'Удалить юридическое лицо?' });
    await confirm.getByText(`${ROMASHKA.name}, ИНН ${ROMASHKA.inn}`, { exact: true }).waitFor();
    await confirm.getByRole('button', { name: 'Отмена' }).click();
    await confirm.waitFor({ state: 'hidden' });

    await ivanov.getByRole('button', { name: IVANOV.name, exact: true }).click();
    const card = page().getByRole('dialog', { name: 'Юридическое лицо' });
    await card.getByText('История изменений').click();
    const created = card.getByTestId('history-entry').filter({ hasText: 'создал(а)' });
    await created.filter({ hasText: `ОГРНИП: ${IVANOV.ogrn}` }).waitFor();
    expect(await created.innerText()).not.toMatch(/ОГРН:/);
    await card.getByRole('button', { name: 'Отмена' }).click();
    await card.waitFor({ state: 'hidden' });
  });

  it('tells a Кассир who types the address of a section they may not open that they lack the rights', async () => {
    await logOut(page());
    await logIn(page(), cabinet.url, cashier.phone, PASSWORD);
    await page().goto(`${cabinet.url}/settings/legal-entities`);
    await page().getByText('Недостаточно прав', { exact: true }).waitFor();
    await page().getByText('Роли «Кассир» этот раздел недоступен', { exact: false }).waitFor();
    expect(new URL(page().url()).pathname).toBe('/settings/legal-entities');
    await settled(page());
    await screenshot(page(), 'card-safety-06-forbidden');
    await page().getByRole('button', { name: 'Перейти в личные данные' }).click();
    await page().getByRole('heading', { name: 'Личные данные' }).waitFor();
  });

  it('raised no error in the page', () => {
    expect(cabinet.pageErrors).toEqual([]);
  });
});
