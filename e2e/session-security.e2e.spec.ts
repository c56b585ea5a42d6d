/**
 * The cabinet in Chromium: what the browser downloads to show the login page (the build's brotli copies of the
 * scripts, together within the budget a merchant on a slow connection can wait for), its Content Security Policy, and
 * its session: the access token in memory only, the refresh token in an HttpOnly cookie that a reload (or a second
 * tab) renews the session from, cleared by Выйти.
 */
import { REFRESH_COOKIE } from '@elk/contracts';
import type { Page, Response } from 'playwright-core';
import { refreshSession } from './api.harness';
import { cabinetPage, isCspViolation, logIn, logOut, navigate, useCabinetInBrowser } from './browser.harness';

jest.setTimeout(120_000);

/** Compressed bytes of JavaScript the login page may load before it can be used. */
const LOGIN_PAGE_SCRIPT_BUDGET = 300_000;
/** Smaller files may come as they are: the build writes no compressed copy that would not be smaller. */
const WORTH_COMPRESSING = 1024;

interface ScriptTransfer {
  file: string;
  encoding: string | undefined;
  /** As sent over the wire (compressed). */
  transferred: number;
  unpacked: number;
}

async function transferOf(response: Response): Promise<ScriptTransfer> {
  const { responseBodySize } = await response.request().sizes();
  return {
    file: new URL(response.url()).pathname,
    encoding: response.headers()['content-encoding'],
    transferred: responseBodySize,
    unpacked: (await response.body()).length,
  };
}

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

describe('the cabinet delivered, under its CSP, with the refresh token in an HttpOnly cookie (Chromium, embedded mode)', () => {
  const cabinet = useCabinetInBrowser();

  // First: the browser's cache is still empty, so every script of the login page comes over the wire.
  it(`loads the login page with at most ${LOGIN_PAGE_SCRIPT_BUDGET / 1000} KB of compressed JavaScript`, async () => {
    const { page, url } = cabinet;
    const scripts: Response[] = [];
    const collect = (response: Response) => {
      if (new URL(response.url()).pathname.endsWith('.js')) scripts.push(response);
    };
    page.on('response', collect);
    await page.goto(`${url}/login`);
    await page.getByLabel('Телефон или email').waitFor();
    await page.waitForLoadState('networkidle');
    page.off('response', collect);

    const transfers = await Promise.all(scripts.map(transferOf));
    const transferred = transfers.reduce((sum, transfer) => sum + transfer.transferred, 0);
    const listing = transfers.map((t) => `${t.file} ${t.transferred} B (${t.encoding ?? 'as is'}, ${t.unpacked} B unpacked)`).join('\n');
    expect(transfers.length).toBeGreaterThan(0);
    expect(transfers.filter((t) => t.unpacked > WORTH_COMPRESSING && t.encoding !== 'br').map((t) => t.file)).toEqual([]);
    expect(transferred <= LOGIN_PAGE_SCRIPT_BUDGET ? 'within the budget' : `${transferred} B:\n${listing}`).toBe('within the budget');
    expect(cabinet.pageErrors).toEqual([]);
  });

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
