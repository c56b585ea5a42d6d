/**
 * The whole of ELK for end-to-end tests, in either run mode, shared by the test files (see shared-stacks.ts):
 * - embedded: one `startEmbedded` per jest worker, in a process of its own, PGlite in the run directory;
 * - distributed: `npm run start:distributed` as child processes (one per service) over the loopback NATS, Redis
 *   and a fresh PostgreSQL database, one for the whole jest run.
 */
import { randomBytes } from 'node:crypto';
import type { RegisteredRoute } from '@elk/gateway';
import { uniquePhone } from '@elk/testing';
import { sharedDistributedSystem, sharedEmbeddedSystem } from './shared-stacks';

export { freePort } from './shared-stacks';

export type RunMode = 'embedded' | 'distributed';

export interface RunningSystem {
  mode: RunMode;
  url: string;
  /** Embedded only: the routes the gateway registered. */
  routes?: readonly RegisteredRoute[];
}

/** The run's system in `mode`; stopping it is the global teardown's job, once every file is done with it. */
export async function startSystem(mode: RunMode): Promise<RunningSystem> {
  return { mode, ...(await (mode === 'embedded' ? sharedEmbeddedSystem() : sharedDistributedSystem())) };
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
