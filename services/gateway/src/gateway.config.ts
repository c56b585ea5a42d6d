import { envFlag, envJwtSecret, envPort, loadConfig } from '@elk/service-kit';
import { CabinetUrl } from '@elk/contracts';
import { z } from 'zod';
import { DEFAULT_THROTTLE_LIMITS, type ThrottleLimits } from './throttle/attempt-throttle';

export interface GatewayConfig {
  port: number;
  /** The address to listen on: every interface, as a container's gateway must be reachable from outside it. */
  host: string;
  natsUrl: string;
  /** Null: rate limits and idempotency keys stay in this instance's memory. */
  redisUrl: string | null;
  jwtSecret: string;
  /** Null: the cabinet built in this checkout (services/web/dist). */
  webDist: string | null;
  devOutbox: boolean;
  trustProxy: boolean | string;
  /** Null: invitation links start with the address the inviting admin's browser used. */
  cabinetUrl: string | null;
  throttle: ThrottleLimits;
}

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const minutes = (seconds: number) => seconds / 60;
const limits = DEFAULT_THROTTLE_LIMITS;

/** Environment of the gateway in distributed mode; keys are the variable names, so errors name them. */
export const GatewayEnv = z
  .object({
    PORT: envPort(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    REDIS_URL: optional(z.string()),
    JWT_SECRET: envJwtSecret,
    WEB_DIST: optional(z.string()),
    ELK_DEV_OUTBOX: envFlag,
    /**
     * "true", or trusted proxy addresses/CIDRs separated by commas. Not a hop count: Fastify (5.12) no longer trusts one,
     * for it cannot tell a proxy from a client that sends the hops itself.
     */
    TRUST_PROXY: optional(z.string().refine((value) => !/^\d+$/.test(value), { error: 'адреса или подсети доверенных прокси через запятую, или true; не число прокси' })),
    /** The cabinet's public address: invitation links start with it. */
    CABINET_URL: optional(CabinetUrl),
    LOGIN_LIMIT_PER_ACCOUNT_AND_IP: count(limits.loginPerAccountAndIp.points),
    LOGIN_LIMIT_PER_ACCOUNT: count(limits.loginPerAccount.points),
    LOGIN_LIMIT_PER_IP: count(limits.loginPerIp.points),
    LOGIN_LIMIT_WINDOW_MIN: count(minutes(limits.loginPerAccountAndIp.durationSeconds)),
    PASSWORD_RESET_LIMIT_PER_PHONE_AND_IP: count(limits.passwordResetPerPhoneAndIp.points),
    PASSWORD_RESET_LIMIT_PER_PHONE: count(limits.passwordResetPerPhone.points),
    PASSWORD_RESET_LIMIT_PER_IP: count(limits.passwordResetPerIp.points),
    PASSWORD_RESET_LIMIT_WINDOW_MIN: count(minutes(limits.passwordResetPerPhone.durationSeconds)),
    INVITATION_LIMIT_PER_EMPLOYEE: count(limits.invitationsPerEmployee.points),
    INVITATION_LIMIT_WINDOW_MIN: count(minutes(limits.invitationsPerEmployee.durationSeconds)),
    SIGN_UP_LIMIT_PER_IP: count(limits.signUpPerIp.points),
    SIGN_UP_LIMIT_WINDOW_MIN: count(minutes(limits.signUpPerIp.durationSeconds)),
    TAKEN_LOGIN_LIMIT_PER_CALLER: count(limits.takenLoginAnswersPerCaller.points),
    TAKEN_LOGIN_LIMIT_WINDOW_MIN: count(minutes(limits.takenLoginAnswersPerCaller.durationSeconds)),
    ACTIVATION_LIMIT_PER_IP: count(limits.activationPerIp.points),
    ACTIVATION_LIMIT_WINDOW_MIN: count(minutes(limits.activationPerIp.durationSeconds)),
    PIN_LIMIT_PER_DEVICE: count(limits.pinPerDevice.points),
    PIN_LIMIT_WINDOW_MIN: count(minutes(limits.pinPerDevice.durationSeconds)),
  })
  .transform((env): GatewayConfig => {
    const login = env.LOGIN_LIMIT_WINDOW_MIN * 60;
    const reset = env.PASSWORD_RESET_LIMIT_WINDOW_MIN * 60;
    return {
      port: env.PORT,
      host: env.HOST,
      natsUrl: env.NATS_URL,
      redisUrl: env.REDIS_URL ?? null,
      jwtSecret: env.JWT_SECRET,
      webDist: env.WEB_DIST ?? null,
      devOutbox: env.ELK_DEV_OUTBOX,
      trustProxy: trustProxyOf(env.TRUST_PROXY),
      cabinetUrl: env.CABINET_URL ?? null,
      throttle: {
        loginPerAccountAndIp: { points: env.LOGIN_LIMIT_PER_ACCOUNT_AND_IP, durationSeconds: login },
        loginPerAccount: { points: env.LOGIN_LIMIT_PER_ACCOUNT, durationSeconds: login },
        loginPerIp: { points: env.LOGIN_LIMIT_PER_IP, durationSeconds: login },
        passwordResetPerPhoneAndIp: { points: env.PASSWORD_RESET_LIMIT_PER_PHONE_AND_IP, durationSeconds: reset },
        passwordResetPerPhone: { points: env.PASSWORD_RESET_LIMIT_PER_PHONE, durationSeconds: reset },
        passwordResetPerIp: { points: env.PASSWORD_RESET_LIMIT_PER_IP, durationSeconds: reset },
        invitationsPerEmployee: { points: env.INVITATION_LIMIT_PER_EMPLOYEE, durationSeconds: env.INVITATION_LIMIT_WINDOW_MIN * 60 },
        signUpPerIp: { points: env.SIGN_UP_LIMIT_PER_IP, durationSeconds: env.SIGN_UP_LIMIT_WINDOW_MIN * 60 },
        takenLoginAnswersPerCaller: { points: env.TAKEN_LOGIN_LIMIT_PER_CALLER, durationSeconds: env.TAKEN_LOGIN_LIMIT_WINDOW_MIN * 60 },
        activationPerIp: { points: env.ACTIVATION_LIMIT_PER_IP, durationSeconds: env.ACTIVATION_LIMIT_WINDOW_MIN * 60 },
        pinPerDevice: { points: env.PIN_LIMIT_PER_DEVICE, durationSeconds: env.PIN_LIMIT_WINDOW_MIN * 60 },
      },
    };
  });

function trustProxyOf(value: string | undefined): boolean | string {
  if (value === undefined || value === 'false') return false;
  return value === 'true' ? true : value;
}

/** Reads the gateway's configuration; throws ConfigError naming every bad variable. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfig(GatewayEnv, env);
}
