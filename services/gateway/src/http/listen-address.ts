import { isIP } from 'node:net';
import type { Logger } from '@elk/service-kit';

/** Whether only this machine can reach an address the server listens on. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/**
 * The dev outbox hands out every reset code and PIN without a token: reachable from other machines, it lets anyone
 * there take over any account. Said loudly at start, since it may be meant (a demo on a LAN).
 */
export function warnWhenDevOutboxIsExposed(logger: Logger, host: string, devOutbox: boolean): void {
  if (devOutbox && !isLoopback(host)) {
    logger.warn(
      { host },
      `HOST=${host} is reachable from other machines while the dev outbox (/api/v1/dev/sms) shows every reset code and PIN without a token: anyone who can reach it can take over any account. Use HOST=127.0.0.1 unless this is meant`,
    );
  }
}
