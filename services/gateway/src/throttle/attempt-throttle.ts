import { createHash } from 'node:crypto';
import { mobilePhone } from '@elk/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { HttpProblem } from '../http/problem';

export interface ThrottleRule {
  points: number;
  durationSeconds: number;
}

export interface ThrottleLimits {
  loginPerAccount: ThrottleRule;
  loginPerIp: ThrottleRule;
  /** Password-reset codes requested for one phone. */
  passwordResetPerPhone: ThrottleRule;
  /** Password-reset requests and confirmations from one address. */
  passwordResetPerIp: ThrottleRule;
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  loginPerAccount: { points: 10, durationSeconds: 15 * 60 },
  loginPerIp: { points: 50, durationSeconds: 15 * 60 },
  passwordResetPerPhone: { points: 5, durationSeconds: 60 * 60 },
  passwordResetPerIp: { points: 20, durationSeconds: 60 * 60 },
};

const REFUSALS = {
  login: (minutes: number) => `Слишком много попыток входа. Попробуйте через ${minutes} мин.`,
  passwordReset: (minutes: number) => `Слишком много попыток восстановления пароля. Попробуйте через ${minutes} мин.`,
};

/**
 * Counts log-in and password-reset attempts per address and per account. Counters live in Redis when the
 * gateway has one (shared by every instance, with a per-instance fallback while Redis is down), in memory
 * otherwise.
 */
@Injectable()
export class AttemptThrottle {
  private readonly limiters: Record<keyof ThrottleLimits, RateLimiterAbstract>;

  constructor(@Inject(GATEWAY_OPTIONS) options: GatewayOptions) {
    const limits = { ...DEFAULT_THROTTLE_LIMITS, ...options.throttle };
    const limiter = (name: keyof ThrottleLimits): RateLimiterAbstract => {
      const { points, durationSeconds: duration } = limits[name];
      if (!options.redis) return new RateLimiterMemory({ points, duration });
      return new RateLimiterRedis({
        storeClient: options.redis,
        keyPrefix: `elk:gateway:throttle:${name}`,
        points,
        duration,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
      });
    };
    this.limiters = {
      loginPerAccount: limiter('loginPerAccount'),
      loginPerIp: limiter('loginPerIp'),
      passwordResetPerPhone: limiter('passwordResetPerPhone'),
      passwordResetPerIp: limiter('passwordResetPerIp'),
    };
  }

  /** Counts a log-in attempt; 429 with Retry-After once the address or the account has spent its budget. */
  async loginAttempt(ip: string, login: string): Promise<void> {
    await this.consume(
      [
        ['loginPerIp', ip],
        ['loginPerAccount', accountKey(login)],
      ],
      REFUSALS.login,
    );
  }

  /** A successful log-in clears the account's count, so that its owner's own typos do not lock it later. */
  async loginSucceeded(login: string): Promise<void> {
    await this.limiters.loginPerAccount.delete(accountKey(login));
  }

  /** Counts a password-reset step; `phone` only when a new code is asked for. */
  async passwordResetAttempt(ip: string, phone?: string): Promise<void> {
    await this.consume([['passwordResetPerIp', ip], ...(phone ? [['passwordResetPerPhone', accountKey(phone)] as const] : [])], REFUSALS.passwordReset);
  }

  private async consume(keys: ReadonlyArray<readonly [keyof ThrottleLimits, string]>, refusal: (minutes: number) => string): Promise<void> {
    const outcomes = await Promise.allSettled(keys.map(([name, key]) => this.limiters[name].consume(key)));
    const refused: RateLimiterRes[] = [];
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') continue;
      if (!(outcome.reason instanceof RateLimiterRes)) throw outcome.reason;
      refused.push(outcome.reason);
    }
    if (refused.length === 0) return;
    const seconds = Math.max(1, Math.ceil(Math.max(...refused.map((res) => res.msBeforeNext)) / 1000));
    throw new HttpProblem('TOO_MANY_REQUESTS', refusal(Math.ceil(seconds / 60)), { headers: { 'retry-after': String(seconds) } });
  }
}

// One key per account however its login is typed ("8 912…" or "+7 912…", any letter case), hashed so that
// phones and emails do not sit in Redis keys.
function accountKey(login: string): string {
  const phone = mobilePhone.safeParse(login);
  const normalised = phone.success ? phone.data : login.trim().toLowerCase();
  return createHash('sha256').update(normalised).digest('base64url');
}
