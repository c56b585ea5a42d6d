/** Headless Debian Chromium driven by playwright-core (no browser downloads), screenshots under test-results/. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { source as AXE_SOURCE, type Result as AxeViolation, type RunOptions } from 'axe-core';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { useRunningSystem, type CabinetApi, type SignedUp } from './api.harness';

export const SCREENSHOTS = resolve(__dirname, '../test-results/screenshots');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The screens the cabinet is tested at: a desktop's and a phone's (390 px, an iPhone 12–15). */
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/**
 * A Russian page, desktop-sized unless told (`PHONE`); uncaught errors in it, and what its Content Security Policy
 * blocked, are collected into `errors`.
 */
export async function cabinetPage(browser: Browser, errors: string[], viewport = DESKTOP): Promise<Page> {
  // Without animations, a click never lands on a card that is still zooming in (seen under CI load).
  // A context of its own that more tabs can open in (the same cookies), unlike browser.newPage()'s.
  const context = await browser.newContext({ viewport, locale: 'ru-RU', reducedMotion: 'reduce', isMobile: viewport === PHONE, hasTouch: viewport === PHONE });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (isCspViolation(message.text())) errors.push(message.text());
  });
  return page;
}

/** Chromium reports what a Content Security Policy blocked as a console error naming the policy. */
export function isCspViolation(consoleText: string): boolean {
  return consoleText.includes('Content Security Policy');
}

export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Resolves in the page once antd's open/close animations have ended: no finite CSS animation or transition running
 * and no element in an enter/appear/leave motion step (rc-motion's class names), three checks in a row (a motion
 * starts a frame after the render that asks for it). Spinners run forever and don't count, nor does the wave a
 * clicked button sends out (.ant-wave): it moves nothing and fades for 2 s, which half the waits here sat out.
 */
const ANIMATIONS_ENDED = `new Promise((resolve, reject) => {
  const motionStep = /-(enter|appear|leave)(-(prepare|start|active))?$/;
  const wave = (element) => element?.closest?.('.ant-wave') != null;
  const deadline = Date.now() + 10000;
  let quiet = 0;
  const check = () => {
    const moving =
      document.getAnimations().some((animation) => animation.playState === 'running' && animation.effect?.getComputedTiming().iterations !== Infinity && !wave(animation.effect.target)) ||
      [...document.querySelectorAll('[class]')].some((element) => [...element.classList].some((name) => motionStep.test(name)) && !wave(element));
    quiet = moving ? 0 : quiet + 1;
    if (quiet === 3) resolve(true);
    else if (Date.now() > deadline) reject(new Error('antd animations still running after 10 s'));
    else setTimeout(check, 20);
  };
  check();
})`;

/** Waits until antd's open/close animations have ended, so that a screenshot shows the settled page. */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(ANIMATIONS_ENDED);
}

/** One line per element an axe-core rule failed on: impact, rule, what it asks for, the element and how to fix it. */
function readableViolations(violations: readonly AxeViolation[]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.impact} ${violation.id} «${violation.help}» at ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ').trim()} (${violation.helpUrl})`),
  );
}

/**
 * What axe-core finds on `page` (inside `include` if given, without the `disableRules`), run by `axe.run` inside the
 * page and reporting only violations. @axe-core/playwright's default runs axe in every frame, then opens a blank tab,
 * loads axe into it a second time and hands it every rule's results, passes included, to merge (1.0–2.5 s of CPU a
 * check on the cabinet's pages); its legacy mode, one `axe.run`, still sent and ran axe's 650 KB twice a check. Here
 * axe is put into a document once and stays there while the cabinet goes from screen to screen without reloading.
 * What the builder adds is cross-origin iframes, which the cabinet has none of.
 */
export async function axeViolations(page: Page, { include, disableRules = [] }: { include?: string; disableRules?: string[] } = {}): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe?.run === "function"'))) await page.evaluate(AXE_SOURCE);
  const options: RunOptions = { resultTypes: ['violations'], rules: Object.fromEntries(disableRules.map((rule) => [rule, { enabled: false }])) };
  return page.evaluate(
    // Runs in the page, where axe is now a global.
    ({ include, options }) => (globalThis as unknown as { axe: { run(context: unknown, options: RunOptions): Promise<{ violations: AxeViolation[] }> } }).axe.run({ include: include ? [include] : [], exclude: [] }, options).then(({ violations }) => violations),
    { include, options },
  );
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules and best practices) on the page as it is now, once its animations have
 * ended, and fails on every serious or critical violation, one readable line each. Minor and moderate ones are left
 * out: they do not stop anyone from using the cabinet.
 */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  await settled(page);
  const violations = await axeViolations(page);
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(readableViolations(serious)).toEqual([]);
}

/** The little of the DOM that `isOnTop` reads (the e2e project compiles without the DOM's types). */
interface Placed {
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  contains(other: unknown): boolean;
  ownerDocument: { elementFromPoint(x: number, y: number): unknown };
}

/** Whether `locator`'s element is what a tap at its middle would reach: shown, and covered by nothing. */
export function isOnTop(locator: Locator): Promise<boolean> {
  return locator.evaluate((element: Placed) => {
    const box = element.getBoundingClientRect();
    const top = element.ownerDocument.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return top !== null && element.contains(top);
  });
}

/** How wide the page's content is (px): wider than the window means the page scrolls sideways. */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}

export { waitUntil } from '@elk/testing';

/** Waits (up to 5 s) until `locator` matches exactly `count` elements. */
export async function waitForCount(locator: Locator, count: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  let actual = await locator.count();
  while (actual !== count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    actual = await locator.count();
  }
  expect(`${locator} × ${actual}`).toBe(`${locator} × ${count}`);
}

/** The antd form item (label, input, error under it) labelled `label` inside `scope`. */
export function formItem(scope: Locator, label: string): Locator {
  return scope.locator('.ant-form-item').filter({ has: scope.page().locator('label', { hasText: new RegExp(`^${label}$`) }) });
}

/** Picks `option` in the antd select labelled `label`, first typing `typed` into it if the list is long. */
export function choose(scope: Locator, label: string, option: string, typed?: string): Promise<void> {
  return pick(formItem(scope, label).locator('.ant-select'), option, typed);
}

/** Opens the antd select (or tree select) `select`, types `typed` if given, and picks `option`. */
export async function pick(select: Locator, option: string, typed?: string): Promise<void> {
  await select.click();
  if (typed) await select.page().keyboard.type(typed);
  const dropdown = select.page().locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await dropdown.getByTitle(option, { exact: true }).click();
  await dropdown.waitFor({ state: 'hidden' });
}

/** Picks `action` in the ⋮ menu («Действия») of `row`, a table row or a card. */
export async function rowAction(row: Locator, action: string): Promise<void> {
  await row.getByRole('button', { name: 'Действия' }).click();
  await row.page().locator('.ant-dropdown:not(.ant-dropdown-hidden)').getByRole('menuitem', { name: action }).click();
}

/** A phone as the cabinet shows it: +79123456789 → +7 912 345-67-89. */
export function shownPhone(phone: string): string {
  return `+7 ${phone.slice(2, 5)} ${phone.slice(5, 8)}-${phone.slice(8, 10)}-${phone.slice(10)}`;
}

/**
 * Logs in through the cabinet's login page and waits for the start page, Личные данные. A page already on it (after
 * logOut) is used as it is, as a person logs in as someone else without reloading.
 */
export async function logIn(page: Page, url: string, login: string, password: string): Promise<void> {
  if (page.url() !== `${url}/login`) await page.goto(`${url}/login`);
  await page.getByLabel('Телефон или email').fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: 'Личные данные' }).waitFor();
}

/**
 * Goes to `path` in the cabinet already open in `page`, as its own links do: `history.pushState`, which the router
 * follows on popstate, with no reload. A reload per screen costs Chromium the whole cabinet's JavaScript again
 * (phone-layout.e2e's 28 screens: 47.5 s of CPU with reloads, 32.3 s without); use `page.goto` where opening the
 * address itself is what is tested.
 */
export async function navigate(page: Page, path: string): Promise<void> {
  await page.evaluate(`history.pushState(null, '', ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent('popstate'))`);
}

/** Logs out through Настройки → Личные данные → Выйти. */
export async function logOut(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: 'Настройки' }).click();
  await page.getByRole('menuitem', { name: 'Личные данные' }).click();
  await page.getByRole('button', { name: 'Выйти' }).click();
  await page.waitForURL('**/login');
}

export interface CabinetInBrowser {
  /** The running system's base URL. */
  readonly url: string;
  readonly api: CabinetApi;
  /** The merchant signed up through the API before the browser opened. */
  readonly owner: SignedUp;
  readonly page: Page;
  /** What the page threw; a spec ends by expecting none. */
  readonly pageErrors: string[];
}

/**
 * A browser spec's setup, for the enclosing describe: an embedded ELK, a merchant signed up through the API, then
 * `prepare` (employees, products… through the API), then Chromium with one cabinet page (desktop-sized unless
 * `viewport` says otherwise); all closed after the spec.
 * Read the fields inside hooks and tests.
 */
export function useCabinetInBrowser(prepare: (api: CabinetApi, owner: SignedUp) => Promise<void> = async () => undefined, viewport = DESKTOP): CabinetInBrowser {
  const system = useRunningSystem('embedded');
  let owner: SignedUp | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    owner = await system.api.signUp();
    await prepare(system.api, owner);
    browser = await launchChromium();
    page = await cabinetPage(browser, pageErrors, viewport);
  });
  afterAll(async () => {
    await browser?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the cabinet is not set up yet: use it inside a hook or a test');
    return value;
  };
  return {
    get url() {
      return system.url;
    },
    api: system.api,
    get owner() {
      return ready(owner);
    },
    get page() {
      return ready(page);
    },
    pageErrors,
  };
}

/** The question a card with unsaved input asks before it closes: «Закрыть без сохранения?». */
export function discardQuestion(page: Page): Locator {
  return page.locator('.ant-modal-confirm').filter({ hasText: 'Закрыть без сохранения?' });
}

/** Answers «Закрыть без сохранения?» with «Закрыть без сохранения»: what was typed goes. */
export async function discardInput(page: Page): Promise<void> {
  const question = discardQuestion(page);
  await question.getByRole('button', { name: 'Закрыть без сохранения' }).click();
  await question.waitFor({ state: 'hidden' });
}
