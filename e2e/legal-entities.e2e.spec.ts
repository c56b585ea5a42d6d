/**
 * Настройки → Юридические лица in headless Chromium, following the manual: add an ООО (an invalid ИНН
 * refused under the field first), edit its address and read «История изменений», add an ИП whose
 * second tax system is refused under «Система налогообложения», change the tax system of both after a
 * confirm card, and delete one through the confirm card. Screenshots go to test-results/screenshots/legal-entities-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { cabinetPage, choose, formItem, launchChromium, logIn, screenshot, settled, waitForCount } from './browser.harness';
import { startSystem, uniqueContact, type RunningSystem } from './system.harness';

jest.setTimeout(120_000);

const PASSWORD = 'Secret123';

describe('Настройки → Юридические лица in Chromium (embedded mode)', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const owner = { ...uniqueContact(), organisationName: 'ООО «Ромашка»', fullName: 'Иванов Иван Иванович' };

  beforeAll(async () => {
    system = await startSystem('embedded');
    const signUp = await fetch(`${system.url}/api/v1/auth/sign-up`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...owner, password: PASSWORD }),
    });
    expect(signUp.status).toBe(201);
    browser = await launchChromium();
    page = await cabinetPage(browser, pageErrors);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const card = (name: string) => page.getByTestId('legal-entity-card').filter({ hasText: name });

  it('logs in and opens Настройки → Юридические лица, empty at first', async () => {
    await logIn(page, system.url, owner.email, PASSWORD);

    await page.getByRole('menuitem', { name: 'Юридические лица' }).click();
    await page.waitForURL('**/settings/legal-entities');
    await page.getByRole('heading', { name: 'Юридические лица' }).waitFor();
    await page.getByText('Юридических лиц пока нет').waitFor();
    await settled(page);
    await screenshot(page, 'legal-entities-01-empty');
  });

  it('refuses an invalid ИНН under the field, then adds the ООО and shows its card', async () => {
    await page.getByRole('button', { name: 'Добавить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новое юридическое лицо' });
    await dialog.waitFor();
    await dialog.getByLabel('Наименование').fill('Ромашка');
    await dialog.getByLabel('ИНН').fill('7707083891');
    await dialog.getByLabel('КПП').fill('773601001');
    await dialog.getByLabel('ОГРН').fill('1027700132195');
    await dialog.getByLabel('Юридический адрес').fill('г. Москва, ул. Вавилова, д. 19');
    await choose(dialog, 'Система налогообложения', 'ОСН');
    await dialog.getByLabel('Токен для работы с Честным Знаком').fill('cz-token-0123456789abcdef');
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await formItem(dialog, 'ИНН').getByText('Неверный ИНН: не сходится контрольное число').waitFor();
    await settled(page);
    await screenshot(page, 'legal-entities-02-invalid-inn');

    await dialog.getByLabel('ИНН').fill('7707083893');
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const added = card('Ромашка');
    await added.waitFor();
    for (const text of ['ООО', '7707083893', '773601001', '1027700132195', 'г. Москва, ул. Вавилова, д. 19', 'ОСН']) {
      await added.getByText(text, { exact: true }).first().waitFor();
    }
    await waitForCount(added.getByText('cz-token-0123456789abcdef'), 0);
    await settled(page);
    await screenshot(page, 'legal-entities-03-added');
  });

  it('edits the address and shows it in «История изменений»', async () => {
    await card('Ромашка').getByRole('button', { name: 'Изменить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Юридическое лицо' });
    await dialog.waitFor();
    await dialog.getByText('Оставьте поле пустым, чтобы сохранить текущий токен').waitFor();
    await dialog.getByLabel('Юридический адрес').fill('г. Москва, ул. Вавилова, д. 21');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card('Ромашка').getByText('г. Москва, ул. Вавилова, д. 21').waitFor();

    await card('Ромашка').getByRole('button', { name: 'Изменить' }).click();
    await dialog.waitFor();
    await dialog.getByText('История изменений').click();
    const entries = dialog.getByTestId('history-entry');
    await entries.filter({ hasText: 'г. Москва, ул. Вавилова, д. 21' }).waitFor();
    await waitForCount(entries, 2);
    await entries.filter({ hasText: 'Иванов Иван Иванович' }).first().waitFor();
    await entries.last().scrollIntoViewIfNeeded();
    await settled(page);
    await screenshot(page, 'legal-entities-04-history');
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('refuses a second tax system under «Система налогообложения», then adds the ИП', async () => {
    await page.getByRole('button', { name: 'Добавить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новое юридическое лицо' });
    await dialog.waitFor();
    await choose(dialog, 'Тип', 'ИП');
    await waitForCount(dialog.getByLabel('КПП'), 0);
    await dialog.getByLabel('Наименование').fill('Петров Пётр Петрович');
    await dialog.getByLabel('ИНН').fill('500100732259');
    await dialog.getByLabel('ОГРНИП').fill('304500116000157');
    await dialog.getByLabel('Юридический адрес').fill('Московская обл., г. Подольск, ул. Ленина, д. 1');
    await choose(dialog, 'Система налогообложения', 'УСН доход');
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await formItem(dialog, 'Система налогообложения')
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: 'смените её в карточке любого из юридических лиц: она сменится у всех' })
      .waitFor();
    await settled(page);
    await screenshot(page, 'legal-entities-05-second-tax-system-refused');

    await choose(dialog, 'Система налогообложения', 'ОСН');
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card('Петров Пётр Петрович').getByText('ОГРНИП').waitFor();
    await waitForCount(page.getByTestId('legal-entity-card'), 2);
    await settled(page);
    await screenshot(page, 'legal-entities-06-two-entities');
  });

  it('changes the tax system of both legal entities after a confirm card naming the other one', async () => {
    await card('Ромашка').getByRole('button', { name: 'Изменить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Юридическое лицо' });
    await choose(dialog, 'Система налогообложения', 'УСН доход');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    const confirm = page.getByRole('dialog', { name: 'Сменить систему налогообложения у всех юридических лиц?' });
    await confirm.getByText('«Петров Пётр Петрович»', { exact: false }).waitFor();
    await settled(page);
    await screenshot(page, 'legal-entities-07-tax-system-for-all');

    await confirm.getByRole('button', { name: 'Отмена' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await confirm.getByRole('button', { name: 'Сменить у всех' }).click();
    await dialog.waitFor({ state: 'hidden' });
    for (const name of ['Ромашка', 'Петров Пётр Петрович']) await card(name).getByText('УСН доход', { exact: true }).waitFor();
    await waitForCount(page.getByText('ОСН', { exact: true }), 0);

    await card('Петров Пётр Петрович').getByRole('button', { name: 'Изменить' }).click();
    await dialog.getByText('История изменений').click();
    await dialog.getByTestId('history-entry').filter({ hasText: 'УСН доход' }).filter({ hasText: 'Иванов Иван Иванович' }).waitFor();
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('deletes one through the confirm card', async () => {
    await card('Петров Пётр Петрович').getByRole('button', { name: 'Удалить' }).click();
    const confirm = page.getByRole('dialog', { name: 'Удалить юридическое лицо?' });
    await confirm.getByText('Петров Пётр Петрович').waitFor();
    await settled(page);
    await screenshot(page, 'legal-entities-08-delete-confirm');
    await confirm.getByRole('button', { name: 'Удалить' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await waitForCount(page.getByTestId('legal-entity-card'), 1);
    await card('Ромашка').waitFor();
    await settled(page);
    await screenshot(page, 'legal-entities-09-deleted');
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
