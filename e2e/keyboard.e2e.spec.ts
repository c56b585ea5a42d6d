/**
 * The cabinet with the keyboard alone, as someone who cannot use a mouse works: logging in, then adding, editing and
 * deleting an employee and a product with Tab, Enter, Space, the arrows and typing — no click anywhere. The ⋮ menus
 * open with Enter and move with the arrows; selects open and pick from the keyboard; cards save with their buttons.
 * Screenshots go to test-results/screenshots/keyboard-*.png.
 */
import type { Locator } from 'playwright-core';
import { PASSWORD } from './api.harness';
import { formItem, screenshot, settled, useCabinetInBrowser, waitForCount } from './browser.harness';
import { uniqueContact } from './system.harness';

jest.setTimeout(180_000);

describe('the cabinet with the keyboard alone (Chromium, embedded mode)', () => {
  const cabinet = useCabinetInBrowser();
  const page = () => cabinet.page;
  const keyboard = () => cabinet.page.keyboard;

  const hasFocus = (target: Locator) => target.evaluate((element) => element === (element as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement);

  /** Presses Tab until `target` has the focus, as a keyboard user moves through the page (it must get there). */
  async function tabTo(target: Locator): Promise<void> {
    await target.waitFor();
    for (let press = 0; press < 80; press++) {
      if (await hasFocus(target)) return;
      await keyboard().press('Tab');
    }
    throw new Error(`Tab never reached ${target}`);
  }

  /** Tabs to the text field, selects what it holds and types `text` over it. */
  async function typeInto(field: Locator, text: string): Promise<void> {
    await tabTo(field);
    await keyboard().press('Control+A');
    await keyboard().type(text);
  }

  /** Opens the select with ArrowDown and moves to `option` with the arrows, then picks it with Enter. */
  async function pickWithArrows(select: Locator, option: string): Promise<void> {
    await tabTo(select);
    await keyboard().press('ArrowDown');
    const active = page().locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active');
    // An option's first line is its name (a role's description follows it).
    const activeName = async () => (await active.innerText().catch(() => '')).split('\n')[0]!.trim();
    for (let press = 0; press < 40 && (await activeName()) !== option; press++) await keyboard().press('ArrowDown');
    expect(await activeName()).toBe(option);
    await keyboard().press('Enter');
  }

  /** Opens a row's ⋮ menu with Enter, moves with ArrowDown to `action` and acts with Enter. */
  async function rowActionByKeyboard(row: Locator, action: string): Promise<void> {
    await tabTo(row.getByRole('button', { name: 'Действия' }));
    await keyboard().press('Enter');
    const menu = page().locator('.ant-dropdown:not(.ant-dropdown-hidden)').getByRole('menu');
    await menu.waitFor();
    const item = menu.getByRole('menuitem', { name: action });
    for (let press = 0; press < 10 && !(await hasFocus(item)); press++) await keyboard().press('ArrowDown');
    expect(await hasFocus(item)).toBe(true);
    await keyboard().press('Enter');
  }

  /** Goes to a section through the top menu and the section's left menu, with Tab and Enter. */
  async function goTo(section: string, page_: string): Promise<void> {
    await tabTo(page().getByRole('link', { name: section, exact: true }));
    await keyboard().press('Enter');
    await tabTo(page().getByRole('link', { name: page_, exact: true }));
    await keyboard().press('Enter');
    await page().getByRole('heading', { name: page_ }).waitFor();
  }

  it('logs in with the keyboard', async () => {
    await page().goto(`${cabinet.url}/login`);
    await typeInto(page().getByLabel('Телефон или email'), cabinet.owner.email);
    await typeInto(page().getByLabel('Пароль', { exact: true }), PASSWORD);
    await keyboard().press('Enter');
    await page().getByRole('heading', { name: 'Личные данные' }).waitFor();
  });

  it('adds, edits and deletes an employee without the mouse', async () => {
    const contact = uniqueContact();
    await goTo('Настройки', 'Сотрудники');
    const rows = page().getByTestId('employee-row');
    await waitForCount(rows, 1);

    await tabTo(page().getByRole('button', { name: 'Добавить' }));
    await keyboard().press('Enter');
    const card = page().getByRole('dialog', { name: 'Новый сотрудник' });
    await typeInto(card.getByLabel('Фамилия'), 'Клавишина');
    await typeInto(card.getByLabel('Имя'), 'Вера');
    await typeInto(card.getByLabel('Мобильный телефон'), contact.phone);
    await typeInto(card.getByLabel('Email'), contact.email);
    await pickWithArrows(formItem(card, 'Роль').getByRole('combobox'), 'Кассир');
    await tabTo(card.getByRole('button', { name: 'Добавить' }));
    await keyboard().press('Enter');
    await card.waitFor({ state: 'hidden' });
    const added = rows.filter({ hasText: 'Клавишина Вера' });
    await added.waitFor();
    await settled(page());
    await screenshot(page(), 'keyboard-01-employee-added');

    await rowActionByKeyboard(added, 'Редактировать');
    const editing = page().getByRole('dialog', { name: 'Сотрудник' });
    await typeInto(editing.getByLabel('Отчество'), 'Павловна');
    await tabTo(editing.getByRole('button', { name: 'Сохранить' }));
    await keyboard().press('Enter');
    await editing.waitFor({ state: 'hidden' });
    await rows.filter({ hasText: 'Клавишина Вера Павловна' }).waitFor();

    await rowActionByKeyboard(rows.filter({ hasText: 'Клавишина Вера Павловна' }), 'Удалить');
    const confirm = page().getByRole('dialog', { name: 'Удалить сотрудника?' });
    await tabTo(confirm.getByRole('button', { name: 'Удалить' }));
    await keyboard().press('Enter');
    await confirm.waitFor({ state: 'hidden' });
    await waitForCount(rows, 1);
  });

  it('adds, edits and deletes a product without the mouse', async () => {
    await goTo('Каталог', 'Все товары');
    const rows = page().getByTestId('product-row');

    await tabTo(page().getByRole('button', { name: 'Добавить' }));
    await keyboard().press('Enter');
    const card = page().getByRole('dialog', { name: 'Новый товар' });
    await typeInto(card.getByLabel('Наименование', { exact: true }), 'Капучино с клавиатуры');
    await typeInto(card.getByLabel('Цена'), '180');
    await pickWithArrows(formItem(card, 'НДС').getByRole('combobox'), '22%');
    await tabTo(card.getByRole('button', { name: 'Добавить' }));
    await keyboard().press('Enter');
    await card.waitFor({ state: 'hidden' });
    const added = rows.filter({ hasText: 'Капучино с клавиатуры' });
    await added.getByText('180,00 ₽').waitFor();
    await settled(page());
    await screenshot(page(), 'keyboard-02-product-added');

    await rowActionByKeyboard(added, 'Изменить');
    const editing = page().getByRole('dialog', { name: 'Товар' });
    await typeInto(editing.getByLabel('Цена'), '195,50');
    await tabTo(editing.getByRole('button', { name: 'Сохранить' }));
    await keyboard().press('Enter');
    await editing.waitFor({ state: 'hidden' });
    await added.getByText('195,50 ₽').waitFor();

    await rowActionByKeyboard(added, 'Удалить');
    const confirm = page().getByRole('dialog', { name: 'Удалить товар?' });
    await tabTo(confirm.getByRole('button', { name: 'Удалить' }));
    await keyboard().press('Enter');
    await confirm.waitFor({ state: 'hidden' });
    await waitForCount(added, 0);
    expect(cabinet.pageErrors).toEqual([]);
  });
});
