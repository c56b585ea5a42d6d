/**
 * The run's headless Chromium (Debian's, driven by playwright-core; no browser downloads). The e2e project's global
 * setup launches one browser server for the whole jest run and each browser test file connects to it, opening
 * contexts of its own (cookies, storage and pages apart): a launch per file cost each file the browser's start, some
 * twenty times a run. The global teardown closes it.
 */
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

/** Set by the global setup for the test workers: where the run's browser server listens. */
export const BROWSER_ENDPOINT_ENV = 'ELK_E2E_BROWSER_ENDPOINT';

/** The global setup's: started before the workers, which inherit its endpoint. */
export async function launchBrowserServer(): Promise<BrowserServer> {
  const server = await chromium.launchServer({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  process.env[BROWSER_ENDPOINT_ENV] = server.wsEndpoint();
  return server;
}

/** The run's Chromium, for a test file; its `close()` closes the file's contexts and leaves the browser to the others. */
export function connectChromium(): Promise<Browser> {
  const endpoint = process.env[BROWSER_ENDPOINT_ENV];
  if (!endpoint) throw new Error(`${BROWSER_ENDPOINT_ENV} is not set: run the browser tests through jest (npm test), whose e2e global setup sets it`);
  return chromium.connect(endpoint);
}

declare global {
  /** The global setup's browser server, for the global teardown (the same process). */
  var e2eBrowserServer: BrowserServer | undefined;
}
