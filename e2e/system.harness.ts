/**
 * The whole of ELK for end-to-end tests, in either run mode:
 * - embedded: `startEmbedded` in this process, PGlite in a temporary directory (one system per test file);
 * - distributed: `npm run start:distributed` as child processes (two per bus service) over the loopback NATS, Redis
 *   and a fresh PostgreSQL database, one for the whole jest run (see distributed-stack.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RegisteredRoute } from '@elk/gateway';
import pino from 'pino';
import { startEmbedded } from '../scripts/run/embedded';
import { uniquePhone } from '@elk/testing';
import { distributedStackUrl, PER_IP_LIMITS_OUT_OF_THE_WAY } from './distributed-stack';

export { freePort } from './distributed-stack';

export type RunMode = 'embedded' | 'distributed';

export interface RunningSystem {
  mode: RunMode;
  url: string;
  /** Embedded only: the routes the gateway registered. */
  routes?: readonly RegisteredRoute[];
  close(): Promise<void>;
}

export function startSystem(mode: RunMode): Promise<RunningSystem> {
  return mode === 'embedded' ? startEmbeddedSystem() : sharedDistributedSystem();
}

async function startEmbeddedSystem(): Promise<RunningSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'elk-e2e-'));
  const elk = await startEmbedded({ dataDir, port: 0, logger: pino({ level: 'warn' }), seedDemo: false, throttle: PER_IP_LIMITS_OUT_OF_THE_WAY });
  return {
    mode: 'embedded',
    url: elk.url,
    routes: elk.routes,
    close: async () => {
      await elk.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The run's distributed ELK: closing it is the global teardown's job, once every file is done with it. */
async function sharedDistributedSystem(): Promise<RunningSystem> {
  return { mode: 'distributed', url: await distributedStackUrl(), close: async () => {} };
}

/** A mobile number and an email no other test run uses. */
export function uniqueContact(): { phone: string; email: string } {
  const phone = uniquePhone();
  return { phone, email: `owner-${phone.slice(3)}-${randomBytes(2).toString('hex')}@example.ru` };
}

/**
 * The 6-digit code of the newest SMS to `phone` in the dev outbox. Identity sends reset codes in the
 * background (so the answer takes the same time for unknown phones): like a person, wait for the SMS.
 */
export async function waitForSmsCode(url: string, phone: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const outbox = (await (await fetch(`${url}/api/v1/dev/sms?to=${encodeURIComponent(phone)}`)).json()) as { items: Array<{ text: string }> };
    const newest = outbox.items[0];
    if (newest) return /\d{6}/.exec(newest.text)![0];
    if (Date.now() > deadline) throw new Error(`no SMS to ${phone} in the dev outbox`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
