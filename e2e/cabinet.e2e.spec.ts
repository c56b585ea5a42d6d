/**
 * The cabinet in headless Chromium, following the manual: sign up, log in, Личные данные, change the
 * password, Выйти, the old password refused, the new one accepted, and the password restored with the
 * code from the SMS dev outbox. A screenshot of each page goes to test-results/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { cabinetPage, launchChromium, screenshot } from './browser.harness';
import { startSystem, uniqueContact, waitForSmsCode, type RunningSystem } from './system.harness';

jest.setTimeout(120_000);

describe('web cabinet in Chromium (embedded mode)', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    system = await startSystem('embedded');
    browser = await launchChromium();
    page = await cabinetPage(browser, consoleErrors);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const owner = { ...uniqueContact(), organisationName: 'ООО «Ромашка»', fullName: 'Иванов Иван Иванович' };
  const formattedPhone = `+7 ${owner.phone.slice(2, 5)} ${owner.phone.slice(5, 8)}-${owner.phone.slice(8, 10)}-${owner.phone.slice(10)}`;

  async function logIn(login: string, password: string) {
    await page.goto(`${system.url}/login`);
    await page.getByLabel('Телефон или email').fill(login);
    await page.getByLabel('Пароль', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Войти' }).click();
  }

  it('signs up, showing field errors in Russian first', async () => {
    await page.goto(system.url);
    await page.waitForURL('**/login');
    await page.getByRole('link', { name: 'Зарегистрироваться' }).click();
    await page.getByRole('heading', { name: 'Регистрация' }).waitFor();

    await page.getByLabel('Мобильный телефон').fill('12345');
    await page.getByLabel('Пароль', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await page.getByText('Введите мобильный номер в формате +7 9XX XXX-XX-XX').waitFor();
    await page.getByText('Не менее 8 символов').waitFor();
    await screenshot(page, '01-sign-up-errors');

    await page.getByLabel('Название организации').fill(owner.organisationName);
    await page.getByLabel('ФИО владельца').fill(owner.fullName);
    await page.getByLabel('Мобильный телефон').fill(owner.phone);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Пароль', { exact: true }).fill('Secret123');
    await page.getByLabel('Пароль ещё раз').fill('Secret123');
    await screenshot(page, '02-sign-up-filled');
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await page.getByRole('heading', { name: 'Личные данные' }).waitFor();
  });

  it('shows Личные данные: phone, email and the Владелец role, under Настройки', async () => {
    await expect(page.getByText(formattedPhone)).toBeVisibleIn();
    await expect(page.getByText(owner.email)).toBeVisibleIn();
    await expect(page.getByText('Владелец', { exact: true })).toBeVisibleIn();
    for (const menu of ['Каталог', 'Журналы', 'Настройки']) await expect(page.getByRole('menuitem', { name: menu })).toBeVisibleIn();
    await screenshot(page, '03-personal-data');
  });

  it('changes the password in the «Смена пароля» card, refusing a wrong old password', async () => {
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    const dialog = page.getByRole('dialog', { name: 'Смена пароля' });
    await dialog.getByLabel('Старый пароль').fill('Wrong1234');
    await dialog.getByLabel('Новый пароль', { exact: true }).fill('NewSecret456');
    await dialog.getByLabel('Новый пароль ещё раз').fill('NewSecret456');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.getByText('Неверный текущий пароль').waitFor();
    await screenshot(page, '04-change-password-wrong-old');

    await dialog.getByLabel('Старый пароль').fill('Secret123');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Пароль изменён').waitFor();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('logs out with Выйти; the old password is then refused with a Russian message', async () => {
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.waitForURL('**/login');
    await logIn(owner.email, 'Secret123');
    await page.getByText('Неверный телефон, email или пароль').waitFor();
    await screenshot(page, '05-login-old-password-refused');
  });

  it('logs in with the new password', async () => {
    await logIn(owner.phone, 'NewSecret456');
    await page.getByRole('heading', { name: 'Личные данные' }).waitFor();
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.waitForURL('**/login');
  });

  it('restores the password with the code from the SMS dev outbox', async () => {
    await page.getByRole('link', { name: 'Восстановить пароль' }).click();
    await page.getByRole('heading', { name: 'Восстановление пароля' }).waitFor();
    await page.getByLabel('Мобильный телефон').fill(owner.phone);
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page.getByLabel('Код из SMS').waitFor();
    await screenshot(page, '06-restore-code-sent');

    const code = await waitForSmsCode(system.url, owner.phone);
    await page.getByLabel('Код из SMS').fill(code);
    await page.getByLabel('Новый пароль', { exact: true }).fill('Restored789');
    await page.getByLabel('Новый пароль ещё раз').fill('Restored789');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.waitForURL('**/login');
    await screenshot(page, '07-restored');

    await logIn(owner.phone, 'Restored789');
    await page.getByRole('heading', { name: 'Личные данные' }).waitFor();
    await screenshot(page, '08-logged-in-after-restore');
  });

  it('raised no error in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});

// A small matcher so that a missing element fails with its description rather than a timeout only.
expect.extend({
  async toBeVisibleIn(locator: import('playwright-core').Locator) {
    try {
      await locator.first().waitFor({ state: 'visible', timeout: 5_000 });
      return { pass: true, message: () => `${locator} is visible` };
    } catch {
      return { pass: false, message: () => `expected ${locator} to be visible` };
    }
  },
});

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeVisibleIn(): Promise<R>;
    }
  }
}
