/**
 * «Пригласить в кабинет» in headless Chromium: the login page says how employees get in; the Owner invites a Кассир
 * from the ⋮ menu and again from the card (its history says so); the first link, voided by the second, opens a page
 * saying what to do; the second sets the password and signs the Кассир in; after that they log in with their phone
 * and the new password, and the used link says it was used. Screenshots go to test-results/screenshots/invitations-*.png.
 */
import { PASSWORD } from './api.harness';
import { expectNoSeriousA11yViolations, logIn, logOut, screenshot, settled, shownPhone, useCabinetInBrowser, waitForCount } from './browser.harness';
import { uniqueContact } from './system.harness';

jest.setTimeout(180_000);

const LINK = /https?:\/\/\S+\/invitation#[A-Za-z0-9_-]+/;
const CASHIER_PASSWORD = 'Кассир-пароль-1';

describe('«Пригласить в кабинет» in Chromium (embedded mode)', () => {
  const cashier = { lastName: 'Петрова', firstName: 'Анна', patronymic: 'Сергеевна', ...uniqueContact(), role: 'cashier' };
  const cashierName = 'Петрова Анна Сергеевна';
  const cabinet = useCabinetInBrowser(async (api, owner) => {
    await api.add(owner.accessToken, '/api/v1/employees', cashier);
  });
  const page = () => cabinet.page;
  const row = () => page().getByTestId('employee-row').filter({ hasText: cashierName });

  /** The invitation links sent to the Кассир, newest first. */
  const linksSent = async () => (await cabinet.api.smsTo(cashier.phone)).flatMap((text) => LINK.exec(text)?.[0] ?? []);

  /** Opens a link as a fresh page load (going from one `#token` to another would only change the fragment). */
  async function openLink(link: string): Promise<void> {
    await page().goto('about:blank');
    await page().goto(link);
  }

  it('tells on the login page how employees get in', async () => {
    await page().goto(`${cabinet.url}/login`);
    await page().getByText('Сотрудник входит по приглашению: владелец или администратор отправляет его в SMS из раздела «Сотрудники».', { exact: false }).waitFor();
    await page().getByRole('link', { name: 'Восстановить пароль' }).waitFor();
    await settled(page());
    await screenshot(page(), 'invitations-01-login-hint');
  });

  it('lets the Owner invite from the ⋮ menu and from the card, and shows it in the history', async () => {
    await logIn(page(), cabinet.url, cabinet.owner.email, PASSWORD);
    await page().getByRole('menuitem', { name: 'Сотрудники' }).click();
    await row().waitFor();

    await row().getByRole('button', { name: 'Действия' }).click();
    await page().getByRole('menuitem', { name: 'Пригласить в кабинет' }).click();
    const confirm = page().getByRole('dialog', { name: 'Пригласить в кабинет?' });
    await confirm.getByText(`${cashierName} получит SMS на номер ${shownPhone(cashier.phone)} со ссылкой`, { exact: false }).waitFor();
    await settled(page());
    await screenshot(page(), 'invitations-02-confirm');
    await confirm.getByRole('button', { name: 'Отправить приглашение' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page().getByText(`Приглашение отправлено в SMS на номер ${shownPhone(cashier.phone)}`).waitFor();
    expect(await linksSent()).toHaveLength(1);

    await row().getByRole('button', { name: cashierName }).click();
    const card = page().getByRole('dialog', { name: 'Сотрудник' });
    await card.getByRole('button', { name: 'Пригласить в кабинет' }).click();
    await confirm.getByRole('button', { name: 'Отправить приглашение' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await linksSent()).toHaveLength(2);
    await card.getByText('История изменений').click();
    await waitForCount(card.getByTestId('history-entry').filter({ hasText: 'отправил(а) приглашение в кабинет' }), 2);
    await page().keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });
    await logOut(page());
  });

  it('says what to do when a link was voided by a newer invitation', async () => {
    const [, first] = await linksSent();
    await openLink(first!);
    await page().getByRole('heading', { name: 'Приглашение не действует' }).waitFor();
    await page().getByText('возможно, вам уже отправили новое приглашение', { exact: false }).waitFor();
    await page().getByText('Новое приглашение отправляет владелец или администратор организации из раздела «Сотрудники».').waitFor();
    await page().getByRole('link', { name: 'Вернуться ко входу' }).waitFor();
    await expectNoSeriousA11yViolations(page());
    await screenshot(page(), 'invitations-03-voided');
  });

  it('sets the password with the newest link and signs the Кассир in', async () => {
    const [newest] = await linksSent();
    await openLink(newest!);
    await page().getByRole('heading', { name: 'Задайте пароль' }).waitFor();
    await page().getByText(`Петрова Анна Сергеевна, вас пригласили в Единый личный кабинет. Ваш логин — телефон ${shownPhone(cashier.phone)}.`).waitFor();
    await expectNoSeriousA11yViolations(page());
    await screenshot(page(), 'invitations-04-set-password');

    await page().getByLabel('Пароль', { exact: true }).fill(CASHIER_PASSWORD);
    await page().getByLabel('Пароль ещё раз').fill('Другой-пароль-2');
    await page().getByRole('button', { name: 'Задать пароль и войти' }).click();
    await page().getByText('Пароли не совпадают').waitFor();
    await page().getByLabel('Пароль ещё раз').fill(CASHIER_PASSWORD);
    await page().getByRole('button', { name: 'Задать пароль и войти' }).click();

    await page().getByRole('heading', { name: 'Личные данные' }).waitFor();
    await page().getByRole('main').getByText(cashierName, { exact: true }).waitFor();
    await page().getByRole('main').getByText('Кассир', { exact: true }).waitFor();
    await settled(page());
    await screenshot(page(), 'invitations-05-signed-in');
  });

  it('lets the Кассир log in with the phone and the new password; the used link says so', async () => {
    await logOut(page());
    await logIn(page(), cabinet.url, cashier.phone, CASHIER_PASSWORD);
    await page().getByRole('main').getByText(cashierName, { exact: true }).waitFor();
    await logOut(page());

    const [used] = await linksSent();
    await openLink(used!);
    await page().getByRole('heading', { name: 'Приглашение не действует' }).waitFor();
    await page().getByText('Пароль по этой ссылке уже задан', { exact: false }).waitFor();
    await page().getByRole('link', { name: 'Восстановить пароль' }).click();
    await page().getByRole('heading', { name: 'Восстановление пароля' }).waitFor();
    expect(cabinet.pageErrors).toEqual([]);
  });
});
