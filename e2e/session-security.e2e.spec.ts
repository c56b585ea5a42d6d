/**
 * The cabinet in Chromium under its Content Security Policy, and its session: the access token in memory only, the
 * refresh token in an HttpOnly cookie that a reload (or a second tab) renews the session from, cleared by Выйти.
 */
import { REFRESH_COOKIE } from '@elk/contracts';
import type { Page } from 'playwright-core';
import { refreshSession } from './api.harness';
import { cabinetPage, isCspViolation, logIn, logOut, navigate, useCabinetInBrowser } from './browser.harness';

jest.setTimeout(120_000);

const PAGES: Array<[path: string, heading: string]> = [
  ['/catalog/products', 'Все товары'],
  ['/catalog/categories', 'Категории'],
  ['/catalog/units', 'Единицы измерения'],
  ['/settings/legal-entities', 'Юридические лица'],
  ['/settings/sales-points', 'Точки продаж'],
  ['/settings/employees', 'Сотрудники'],
  ['/settings/workplaces', 'Рабочие места'],
  ['/settings/profile', 'Личные данные'],
];

// Evaluated in the page (as strings: these tests are compiled without the DOM's types).
/** Everything the page's scripts can read that a token could hide in. */
const SCRIPT_READABLE_STORAGE = 'JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie })';
const INJECT_INLINE_SCRIPT = `(() => {
  const script = document.createElement('script');
  script.textContent = 'document.body.dataset.injected = "yes"';
  document.body.append(script);
  return document.body.dataset.injected ?? 'no';
})()`;

async function refreshCookies(page: Page) {
  return (await page.context().cookies()).filter((cookie) => cookie.name === REFRESH_COOKIE.name);
}

describe('the cabinet under its CSP, with the refresh token in an HttpOnly cookie (Chromium, embedded mode)', () => {
  const cabinet = useCabinetInBrowser();

  it('serves the cabinet with a CSP that allows no inline scripts, and every page runs under it without a violation', async () => {
    const { page, url, owner } = cabinet;
    const response = await page.goto(`${url}/login`);
    const csp = response!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");

    await logIn(page, url, owner.phone, owner.password);
    // The policy is the document's: each page's code, loaded as the cabinet's own links open it, runs under it.
    for (const [path, heading] of PAGES) {
      await navigate(page, path);
      await page.getByRole('heading', { name: heading }).waitFor();
    }
    // A card: antd puts its styles into the page at run time.
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await page.getByRole('dialog').getByText('Смена пароля').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(cabinet.pageErrors).toEqual([]);
  });

  it('blocks a script injected into the page, and the API docs page works under the same policy', async () => {
    const errors: string[] = [];
    const page = await cabinetPage(cabinet.page.context().browser()!, errors);
    try {
      await page.goto(`${cabinet.url}/api/docs`);
      await page.getByRole('heading', { name: 'Коды ошибок' }).waitFor();
      expect(errors).toEqual([]);
      // Its inline <style> applies.
      expect(await page.evaluate("getComputedStyle(document.querySelector('code.method')).backgroundColor")).toBe('rgb(22, 119, 255)');

      const reported = page.waitForEvent('console', { predicate: (message) => isCspViolation(message.text()) });
      expect(await page.evaluate(INJECT_INLINE_SCRIPT)).toBe('no');
      expect((await reported).text()).toContain("script-src 'self'");
    } finally {
      await page.context().close();
    }
  });

  it('keeps no token where scripts can read it, survives a reload and a second tab, and Выйти ends the session in both tabs', async () => {
    const { page, url, owner } = cabinet;
    await logIn(page, url, owner.phone, owner.password);
    const [cookie] = await refreshCookies(page);
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: REFRESH_COOKIE.path });
    const readable = (await page.evaluate(SCRIPT_READABLE_STORAGE)) as string;
    expect(readable).not.toContain(cookie!.value);
    expect(readable).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);

    await page.reload();
    await page.getByRole('heading', { name: 'Личные данные' }).waitFor();
    expect(page.url()).toBe(`${url}/settings/profile`);

    const secondTab = await page.context().newPage();
    await secondTab.goto(`${url}/catalog/products`);
    await secondTab.getByRole('heading', { name: 'Все товары' }).waitFor();
    const [beforeLogout] = await refreshCookies(page);

    await logOut(page);
    expect(await refreshCookies(page)).toEqual([]);
    // The other tab leaves too.
    await secondTab.waitForURL('**/login');
    await secondTab.close();
    expect((await refreshSession(url, beforeLogout!.value)).status).toBe(401);
    await page.goto(`${url}/settings/profile`);
    await page.waitForURL('**/login');
    expect(cabinet.pageErrors).toEqual([]);
  });
});
