/**
 * What a browser downloads to show the login page: the cabinet's scripts arrive as the build's brotli copies, and
 * together stay within the budget a merchant on a slow connection can wait for.
 */
import type { Response } from 'playwright-core';
import { useCabinetInBrowser } from './browser.harness';

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

describe('the cabinet delivered to a browser (Chromium, embedded mode)', () => {
  const cabinet = useCabinetInBrowser();

  it(`loads the login page with at most ${LOGIN_PAGE_SCRIPT_BUDGET / 1000} KB of compressed JavaScript`, async () => {
    const { page, url } = cabinet;
    const scripts: Response[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('.js')) scripts.push(response);
    });
    await page.goto(`${url}/login`);
    await page.getByLabel('Телефон или email').waitFor();
    await page.waitForLoadState('networkidle');

    const transfers = await Promise.all(scripts.map(transferOf));
    const transferred = transfers.reduce((sum, transfer) => sum + transfer.transferred, 0);
    const listing = transfers.map((t) => `${t.file} ${t.transferred} B (${t.encoding ?? 'as is'}, ${t.unpacked} B unpacked)`).join('\n');
    expect(transfers.length).toBeGreaterThan(0);
    expect(transfers.filter((t) => t.unpacked > WORTH_COMPRESSING && t.encoding !== 'br').map((t) => t.file)).toEqual([]);
    expect(transferred <= LOGIN_PAGE_SCRIPT_BUDGET ? 'within the budget' : `${transferred} B:\n${listing}`).toBe('within the budget');
    expect(cabinet.pageErrors).toEqual([]);
  });
});
