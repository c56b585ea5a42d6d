import { createHash } from 'node:crypto';
import { FoundLoginOwner, IdentitySubjects, mobilePhone } from '@elk/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ServiceBus } from '../bus/service-bus';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { HttpProblem } from '../http/problem';

export interface ThrottleRule {
  points: number;
  durationSeconds: number;
}

export interface ThrottleLimits {
  /**
   * Password tries for one account from one address (log-ins by its phone or email and «Сменить пароль»
   * together). This is what stops a guesser; a success clears it.
   */
  loginPerAccountAndIp: ThrottleRule;
  /** Failed password tries for one account from every address together: a guesser spread over many addresses. */
  loginPerAccount: ThrottleRule;
  /** Log-ins from one address, whatever the accounts. */
  loginPerIp: ThrottleRule;
  /** Password-reset codes requested for one phone from one address. */
  passwordResetPerPhoneAndIp: ThrottleRule;
  /** Password-reset codes requested for one phone from every address together (each is an SMS). */
  passwordResetPerPhone: ThrottleRule;
  /** Password-reset requests and confirmations, and invitation links opened or used, from one address. */
  passwordResetPerIp: ThrottleRule;
  /** Invitations to the cabinet sent to one employee (each is an SMS). */
  invitationsPerEmployee: ThrottleRule;
  /** Sign-ups from one address (each hashes a password and logs in). */
  signUpPerIp: ThrottleRule;
  /**
   * Answers «this phone/email is already registered» to one caller (a signed-in account, or an address when
   * anonymous), whatever the route: what makes looking up who has an ELK account slow.
   */
  takenLoginAnswersPerCaller: ThrottleRule;
  /** Terminal activations (a code typed on a POS) from one address, right or wrong. */
  activationPerIp: ThrottleRule;
  /** PIN log-ins on one terminal (its device credential), right or wrong: a guesser trying employee after employee. */
  pinPerDevice: ThrottleRule;
}

const QUARTER_HOUR = 15 * 60;
const HOUR = 60 * 60;

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  loginPerAccountAndIp: { points: 10, durationSeconds: QUARTER_HOUR },
  loginPerAccount: { points: 100, durationSeconds: QUARTER_HOUR },
  loginPerIp: { points: 50, durationSeconds: QUARTER_HOUR },
  passwordResetPerPhoneAndIp: { points: 5, durationSeconds: HOUR },
  passwordResetPerPhone: { points: 20, durationSeconds: HOUR },
  passwordResetPerIp: { points: 20, durationSeconds: HOUR },
  invitationsPerEmployee: { points: 5, durationSeconds: HOUR },
  signUpPerIp: { points: 10, durationSeconds: HOUR },
  takenLoginAnswersPerCaller: { points: 20, durationSeconds: HOUR },
  activationPerIp: { points: 20, durationSeconds: HOUR },
  pinPerDevice: { points: 30, durationSeconds: HOUR },
};

const REFUSALS = {
  login: (minutes: number) => `Слишком много попыток входа. Попробуйте через ${minutes} мин.`,
  password: (minutes: number) => `Слишком много попыток ввода пароля. Попробуйте через ${minutes} мин.`,
  passwordReset: (minutes: number) => `Слишком много попыток восстановления пароля. Попробуйте через ${minutes} мин.`,
  invitation: (minutes: number) => `Приглашение этому сотруднику уже отправляли несколько раз. Попробуйте через ${minutes} мин.`,
  invitationLink: (minutes: number) => `Слишком много попыток открыть приглашение. Попробуйте через ${minutes} мин.`,
  signUp: (minutes: number) => `Слишком много регистраций с этого адреса. Попробуйте через ${minutes} мин.`,
  takenLogin: (minutes: number) => `Слишком много проверок занятых телефонов и email. Попробуйте через ${minutes} мин.`,
  activation: (minutes: number) => `Слишком много попыток активации с этого адреса. Попробуйте через ${minutes} мин.`,
  pin: (minutes: number) => `Слишком много попыток входа по PIN-коду на этом терминале. Попробуйте через ${minutes} мин.`,
};

type Counter = readonly [keyof ThrottleLimits, string];

/** A password try that was let through: tell it when the password was right. */
export interface PasswordTry {
  succeeded(): Promise<void>;
}

/**
 * Counts password tries, password-reset codes and sign-ups. An account's tries are counted per address
 * first, so that a guesser's failures lock out the guesser, not the owner trying from elsewhere; a much
 * larger budget per account catches guessing spread over many addresses. All logins of one account (its
 * phone and email, however typed) share one budget: identity names the account behind a typed login.
 *
 * Counters live in Redis when the gateway has one (shared by every instance, with a per-instance fallback
 * while Redis is down), in memory otherwise.
 */
@Injectable()
export class AttemptThrottle {
  private readonly limiters: Record<keyof ThrottleLimits, RateLimiterAbstract>;

  constructor(
    @Inject(GATEWAY_OPTIONS) options: GatewayOptions,
    private readonly bus: ServiceBus,
  ) {
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
    this.limiters = Object.fromEntries(Object.keys(DEFAULT_THROTTLE_LIMITS).map((name) => [name, limiter(name as keyof ThrottleLimits)])) as Record<
      keyof ThrottleLimits,
      RateLimiterAbstract
    >;
  }

  /** Counts a log-in; 429 with Retry-After once the address, or the account from this address or from all, has spent its budget. */
  async loginAttempt(ip: string, login: string, correlationId: string): Promise<PasswordTry> {
    const { accountId } = await this.bus.request(IdentitySubjects.FindLoginOwner, { login }, FoundLoginOwner, { correlationId });
    const account = accountId ?? `login:${normalisedLogin(login)}`;
    return this.passwordTry(ip, account, [['loginPerIp', hashed(ip)]], REFUSALS.login);
  }

  /** Counts a try of the current password by a signed-in account («Сменить пароль»): the same budget as its log-ins. */
  passwordChangeAttempt(ip: string, accountId: string): Promise<PasswordTry> {
    return this.passwordTry(ip, accountId, [], REFUSALS.password);
  }

  /** Counts a password-reset step; `phone` only when a new code is asked for. */
  async passwordResetAttempt(ip: string, phone?: string): Promise<void> {
    const perPhone: Counter[] = phone
      ? [
          ['passwordResetPerPhoneAndIp', hashed(normalisedLogin(phone), ip)],
          ['passwordResetPerPhone', hashed(normalisedLogin(phone))],
        ]
      : [];
    await this.consume([['passwordResetPerIp', hashed(ip)], ...perPhone], REFUSALS.passwordReset);
  }

  async activationAttempt(ip: string): Promise<void> {
    await this.consume([['activationPerIp', hashed(ip)]], REFUSALS.activation);
  }

  /** Counts a PIN log-in on the terminal whose credential is `credentialId`. */
  async pinAttempt(credentialId: string): Promise<void> {
    await this.consume([['pinPerDevice', hashed(credentialId)]], REFUSALS.pin);
  }

  /** Counts an invitation sent to an employee (an SMS each). */
  async invitationAttempt(organisationId: string, employeeId: string): Promise<void> {
    await this.consume([['invitationsPerEmployee', hashed(organisationId, employeeId)]], REFUSALS.invitation);
  }

  /** Counts an invitation link opened or used: from the password-reset budget of the address, as it sets a password too. */
  async invitationLinkAttempt(ip: string): Promise<void> {
    await this.consume([['passwordResetPerIp', hashed(ip)]], REFUSALS.invitationLink);
  }

  async signUpAttempt(ip: string): Promise<void> {
    await this.consume([['signUpPerIp', hashed(ip)]], REFUSALS.signUp);
  }

  /**
   * Counts an answer that a phone or email is someone's login; once the caller has had its share, the answer
   * itself becomes 429 (nothing was stored either way).
   */
  async takenLoginAnswer(caller: { accountId?: string; ip: string }): Promise<void> {
    await this.consume([['takenLoginAnswersPerCaller', caller.accountId ? hashed('account', caller.accountId) : hashed('ip', caller.ip)]], REFUSALS.takenLogin);
  }

  private async passwordTry(ip: string, account: string, before: Counter[], refusal: (minutes: number) => string): Promise<PasswordTry> {
    const fromThisAddress = hashed(account, ip);
    const fromAnywhere = hashed(account);
    await this.consume([...before, ['loginPerAccountAndIp', fromThisAddress], ['loginPerAccount', fromAnywhere]], refusal);
    return {
      // The right password: this address starts afresh, and the try is not a failure of the account.
      succeeded: async () => {
        await Promise.all([this.limiters.loginPerAccountAndIp.delete(fromThisAddress), this.limiters.loginPerAccount.reward(fromAnywhere)]);
      },
    };
  }

  /**
   * Takes a point from each counter in turn and stops at the first that is spent, so that a refused try costs
   * nothing further down: a guesser locked out of one account from one address does not use up the account's
   * budget for every address.
   */
  private async consume(counters: readonly Counter[], refusal: (minutes: number) => string): Promise<void> {
    for (const [name, key] of counters) {
      try {
        await this.limiters[name].consume(key);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new HttpProblem('TOO_MANY_REQUESTS', refusal(Math.ceil(seconds / 60)), { headers: { 'retry-after': String(seconds) } });
      }
    }
  }
}

// One key per login however it is typed ("8 912…" or "+7 912…", any letter case).
function normalisedLogin(login: string): string {
  const phone = mobilePhone.safeParse(login);
  return phone.success ? phone.data : login.trim().toLowerCase();
}

// Phones, emails and addresses do not sit in Redis keys.
function hashed(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('base64url');
}
