/**
 * Настройки → Сотрудники in headless Chromium, following the manual: the Owner sees themselves as Владелец
 * (their role read-only in their card), adds a Кассир (a phone already taken is refused under its field; the
 * PIN-code comes by SMS), finds them by part of the phone, sends a new PIN-code through ⋮; the Кассир sets a
 * password through «Восстановить пароль», sees their role and a read-only list without the sections they may
 * not read; the Owner deletes them. An Administrator is offered nothing on the Owner’s row, and changes a
 * Менеджер’s phone with the code sent to the new phone, entered in the card.
 * Screenshots go to test-results/screenshots/employees-*.png.
 */
import { OWNER_FULL_NAME, PASSWORD } from './api.harness';
import { choose, formItem, logIn as logInThrough, screenshot, settled, shownPhone, useCabinetInBrowser, waitForCount } from './browser.harness';
import { uniqueContact } from './system.harness';

jest.setTimeout(180_000);

/** The 4-digit PIN-code in an SMS (password reset codes have 6 digits). */
const PIN = /\b\d{4}\b/;
const RESET_CODE = /\b\d{6}\b/;

describe('Настройки → Сотрудники in Chromium (embedded mode)', () => {
  const cashier = { lastName: 'Петрова', firstName: 'Анна', patronymic: 'Сергеевна', ...uniqueContact() };
  const cashierName = 'Петрова Анна Сергеевна';
  const manager = { lastName: 'Кузнецова', firstName: 'Мария', patronymic: null, ...uniqueContact(), role: 'manager' };
  const managerName = 'Кузнецова Мария';
  let firstPin: string;

  const cabinet = useCabinetInBrowser();

  const rows = () => cabinet.page.getByTestId('employee-row');
  const row = (text: string) => rows().filter({ hasText: text });
  const search = () => cabinet.page.getByPlaceholder('Поиск по ФИО, email или телефону');

  const logIn = (login: string, password: string) => logInThrough(cabinet.page, cabinet.url, login, password);

  async function logOut() {
    await cabinet.page.getByRole('menuitem', { name: 'Личные данные' }).click();
    await cabinet.page.getByRole('button', { name: 'Выйти' }).click();
    await cabinet.page.waitForURL('**/login');
  }

  async function openEmployees() {
    await cabinet.page.getByRole('menuitem', { name: 'Сотрудники' }).click();
    await cabinet.page.waitForURL('**/settings/employees');
    await cabinet.page.getByRole('heading', { name: 'Сотрудники' }).waitFor();
  }

  /** The items of the ⋮ menu of `name`'s row; the menu is closed again. */
  async function menuOf(name: string): Promise<string[]> {
    await row(name).getByRole('button', { name: 'Действия' }).click();
    const menu = cabinet.page.locator('.ant-dropdown:not(.ant-dropdown-hidden)').getByRole('menu');
    await menu.waitFor();
    const items = await menu.getByRole('menuitem').allInnerTexts();
    await cabinet.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    return items.map((item) => item.trim());
  }

  async function openMenu(name: string, action: 'Редактировать' | 'Удалить' | 'Отправить новый PIN-код') {
    await row(name).getByRole('button', { name: 'Действия' }).click();
    await cabinet.page.getByRole('menuitem', { name: action }).click();
  }

  it('shows the Owner as Владелец in Настройки → Сотрудники', async () => {
    await logIn(cabinet.owner.email, PASSWORD);
    await openEmployees();
    await waitForCount(rows(), 1);
    for (const text of [OWNER_FULL_NAME, shownPhone(cabinet.owner.phone), cabinet.owner.email, 'Владелец']) await row(OWNER_FULL_NAME).getByText(text, { exact: true }).waitFor();
    expect(await menuOf(OWNER_FULL_NAME)).toEqual(['Редактировать', 'Отправить новый PIN-код', 'Пригласить в кабинет']);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'employees-01-owner');
  });

  it('shows the Owner their role read-only in their own card', async () => {
    await openMenu(OWNER_FULL_NAME, 'Редактировать');
    const dialog = cabinet.page.getByRole('dialog', { name: 'Сотрудник' });
    await formItem(dialog, 'Роль').locator('.ant-select-disabled').getByText('Владелец', { exact: true }).waitFor();
    expect(await dialog.getByLabel('Фамилия').inputValue()).toBe('Иванов');
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('adds a Кассир through «+ Добавить», checking the card first; the PIN-code goes by SMS', async () => {
    await cabinet.page.getByRole('button', { name: 'Добавить' }).click();
    const dialog = cabinet.page.getByRole('dialog', { name: 'Новый сотрудник' });
    await dialog.waitFor();
    await dialog.getByLabel('Мобильный телефон').fill('12345');
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await formItem(dialog, 'Фамилия').getByText('Обязательное поле').waitFor();
    await formItem(dialog, 'Мобильный телефон').getByText('Введите мобильный номер в формате +7 9XX XXX-XX-XX').waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'employees-02-card-errors');
    await formItem(dialog, 'Роль').getByText('Выберите роль из списка').waitFor();

    await dialog.getByLabel('Фамилия').fill(cashier.lastName);
    await dialog.getByLabel('Имя').fill(cashier.firstName);
    await dialog.getByLabel('Отчество').fill(cashier.patronymic);
    await dialog.getByLabel('Мобильный телефон').fill(cabinet.owner.phone);
    await dialog.getByLabel('Email').fill(cashier.email);
    await formItem(dialog, 'Роль').locator('.ant-select').click();
    const roles = cabinet.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    for (const role of ['Администратор', 'Менеджер', 'Кассир', 'Гость']) await roles.getByTitle(role, { exact: true }).waitFor();
    expect(await roles.getByTitle('Владелец', { exact: true }).count()).toBe(0);
    await cabinet.page.keyboard.press('Escape');
    await choose(dialog, 'Роль', 'Кассир');
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await formItem(dialog, 'Мобильный телефон').getByText(`Этот телефон уже указан у сотрудника «${OWNER_FULL_NAME}»`).waitFor();

    await dialog.getByLabel('Мобильный телефон').fill(shownPhone(cashier.phone));
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'employees-03-card-filled');
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await cabinet.page.getByText(`PIN-код для входа на кассе отправлен в SMS на номер ${shownPhone(cashier.phone)}`).waitFor();

    await waitForCount(rows(), 2);
    for (const text of [cashierName, shownPhone(cashier.phone), cashier.email, 'Кассир']) await row(cashierName).getByText(text, { exact: true }).waitFor();
    firstPin = await cabinet.api.waitForSms(cashier.phone, PIN);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'employees-04-added');
  });

  it('finds the Кассир by typing part of the phone into the search', async () => {
    await search().fill(cashier.phone.slice(-7));
    await waitForCount(rows(), 1);
    await row(cashierName).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'employees-05-search');
  });

  it('sends a new PIN-code through ⋮ → «Отправить новый PIN-код» and its confirm card', async () => {
    await openMenu(cashierName, 'Отправить новый PIN-код');
    const confirm = cabinet.page.getByRole('dialog', { name: 'Отправить новый PIN-код?' });
    await confirm.getByText(`${cashierName} получит SMS с новым PIN-кодом на номер ${shownPhone(cashier.phone)}`).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'employees-06-send-pin');
    await confirm.getByRole('button', { name: 'Отправить' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await cabinet.page.getByText(`Новый PIN-код отправлен в SMS на номер ${shownPhone(cashier.phone)}`).waitFor();

    const secondPin = await cabinet.api.waitForSms(cashier.phone, PIN, 1);
    expect(secondPin).not.toBe(firstPin);
  });

  it('shows the adding and the new PIN-code in «История изменений» of the card', async () => {
    await openMenu(cashierName, 'Редактировать');
    const dialog = cabinet.page.getByRole('dialog', { name: 'Сотрудник' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Фамилия').inputValue()).toBe(cashier.lastName);
    await dialog.getByText('История изменений').click();
    const entries = dialog.getByTestId('history-entry');
    await entries.filter({ hasText: `${OWNER_FULL_NAME} отправил(а) новый PIN-код` }).waitFor();
    await entries.filter({ hasText: `${OWNER_FULL_NAME} создал(а)` }).filter({ hasText: 'Роль: Кассир' }).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'employees-07-history');
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await search().fill('');
    await waitForCount(rows(), 2);
  });

  it('lets the Кассир set a password through «Восстановить пароль» and log in; Личные данные shows Кассир', async () => {
    await logOut();
    await cabinet.page.getByRole('link', { name: 'Восстановить пароль' }).click();
    await cabinet.page.getByRole('heading', { name: 'Восстановление пароля' }).waitFor();
    await cabinet.page.getByLabel('Мобильный телефон').fill(cashier.phone);
    await cabinet.page.getByRole('button', { name: 'Получить код' }).click();
    await cabinet.page.getByLabel('Код из SMS').fill(await cabinet.api.waitForSms(cashier.phone, RESET_CODE));
    await cabinet.page.getByLabel('Новый пароль', { exact: true }).fill('Cashier123');
    await cabinet.page.getByLabel('Новый пароль ещё раз').fill('Cashier123');
    await cabinet.page.getByRole('button', { name: 'Сохранить' }).click();
    await cabinet.page.waitForURL('**/login');

    await logIn(cashier.phone, 'Cashier123');
    for (const text of [shownPhone(cashier.phone), cashier.email, cashierName, 'Кассир']) await cabinet.page.getByRole('main').getByText(text, { exact: true }).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'employees-08-cashier-profile');
  });

  it('shows the Кассир the list read-only, and no section they may not read', async () => {
    await openEmployees();
    await waitForCount(rows(), 2);
    expect(await cabinet.page.getByRole('button', { name: 'Добавить' }).count()).toBe(0);
    expect(await cabinet.page.getByRole('button', { name: 'Действия' }).count()).toBe(0);
    // Nothing to tick for «Отправить PIN» either.
    expect(await rows().getByRole('checkbox').count()).toBe(0);
    // Журналы too: a Cashier reads their own sales there.
    for (const section of ['Личные данные', 'Сотрудники', 'Каталог', 'Журналы', 'Настройки']) await cabinet.page.getByRole('menuitem', { name: section }).waitFor();
    for (const section of ['Юридические лица', 'Точки продаж']) expect(await cabinet.page.getByRole('menuitem', { name: section }).count()).toBe(0);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'employees-09-cashier-list');
  });

  it('lets the Owner delete the Кассир through ⋮ → Удалить and its confirm card', async () => {
    await logOut();
    await logIn(cabinet.owner.phone, PASSWORD);
    await openEmployees();
    await waitForCount(rows(), 2);
    await openMenu(cashierName, 'Удалить');
    const confirm = cabinet.page.getByRole('dialog', { name: 'Удалить сотрудника?' });
    await confirm.getByText(`${cashierName}, Кассир, ${shownPhone(cashier.phone)}`).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'employees-10-delete-confirm');
    await confirm.getByRole('button', { name: 'Удалить' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await waitForCount(rows(), 1);
    expect(await row(cashierName).count()).toBe(0);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'employees-11-deleted');
  });

  it('offers an Administrator (added without an email) nothing on the Owner’s row, and no «Удалить» on their own', async () => {
    const admin = { lastName: 'Сидоров', firstName: 'Пётр', patronymic: null, phone: uniqueContact().phone, email: null, role: 'admin' };
    for (const employee of [admin, manager]) expect((await cabinet.api.call('POST', '/api/v1/employees', cabinet.owner.accessToken, employee)).status).toBe(201);
    await cabinet.api.setPasswordAndLogIn(admin.phone, 'Admin1234');

    await logOut();
    await logIn(admin.phone, 'Admin1234');
    await cabinet.page.getByRole('main').getByText('Администратор', { exact: true }).waitFor();
    await cabinet.page.getByRole('main').getByText('не указан', { exact: true }).waitFor();
    await openEmployees();
    await waitForCount(rows(), 3);
    expect(await row(OWNER_FULL_NAME).getByRole('button', { name: 'Действия' }).count()).toBe(0);
    expect(await menuOf('Сидоров Пётр')).toEqual(['Редактировать', 'Отправить новый PIN-код', 'Пригласить в кабинет']);
    expect(await menuOf('Кузнецова Мария')).toEqual(['Редактировать', 'Отправить новый PIN-код', 'Пригласить в кабинет', 'Удалить']);
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'employees-12-admin-list');
  });

  it('changes a Менеджер’s phone only once the code sent to the new phone is entered in the card; the old phone is told', async () => {
    const newPhone = uniqueContact().phone;
    await openMenu(managerName, 'Редактировать');
    const dialog = cabinet.page.getByRole('dialog', { name: 'Сотрудник' });
    await dialog.getByLabel('Мобильный телефон').fill(shownPhone(newPhone));
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.getByText('Подтвердите новый телефон').waitFor();
    await dialog.getByText(`На номер ${shownPhone(newPhone)} отправлен код в SMS`, { exact: false }).waitFor();
    expect(await cabinet.api.waitForSms(manager.phone, /меняют на/)).toBe('меняют на');
    const code = await cabinet.api.waitForSms(newPhone, RESET_CODE);

    await dialog.getByLabel('Код из SMS').fill(code === '000000' ? '111111' : '000000');
    await dialog.getByRole('button', { name: 'Подтвердить' }).click();
    await formItem(dialog, 'Код из SMS').getByText('Неверный код. Осталось попыток: 4').waitFor();
    await row(managerName).getByText(shownPhone(manager.phone), { exact: true }).waitFor();
    await settled(cabinet.page);
    await screenshot(cabinet.page, 'employees-13-phone-code');

    await dialog.getByLabel('Код из SMS').fill(code);
    await dialog.getByRole('button', { name: 'Подтвердить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await cabinet.page.getByText(`Телефон изменён на ${shownPhone(newPhone)}`).waitFor();
    await row(managerName).getByText(shownPhone(newPhone), { exact: true }).waitFor();
  });

  it('raised no error in the page', () => {
    expect(cabinet.pageErrors).toEqual([]);
  });
});
