import { envFlag, loadConfig } from '@elk/service-kit';
import { z } from 'zod';

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  /** Sender: a Twilio phone number in E.164 or an alphanumeric sender id. */
  from: string;
}

export interface NotificationsConfig {
  natsUrl: string;
  databaseUrl: string;
  /** ELK_DEV_OUTBOX: asks for the dev outbox in distributed mode (embedded mode has it anyway). */
  devOutbox: boolean;
  /** Null when Twilio is not configured. */
  twilio: TwilioSettings | null;
}

// Deployments often pass `TWILIO_FROM=` for "not set": an empty variable counts as absent.
const optionalVar = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const TWILIO_VARS = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'] as const;

/** Environment of the notifications service; keys are the variable names, so errors name them. */
export const NotificationsEnv = z
  .object({
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/elk'),
    ELK_DEV_OUTBOX: envFlag,
    TWILIO_ACCOUNT_SID: optionalVar(
      z.string().regex(/^AC[0-9a-fA-F]{32}$/, { error: 'SID аккаунта Twilio начинается с AC, за которым 32 шестнадцатеричных символа' }),
    ),
    TWILIO_AUTH_TOKEN: optionalVar(z.string()),
    TWILIO_FROM: optionalVar(z.string().trim().min(1)),
  })
  .superRefine((env, ctx) => {
    const missing = TWILIO_VARS.filter((name) => env[name] === undefined);
    if (missing.length === 0 || missing.length === TWILIO_VARS.length) return;
    // Half a Twilio setup would silently fall back to the dev outbox or to no SMS at all: refuse to start.
    for (const name of missing) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `Twilio настроен не полностью: задайте все три переменные ${TWILIO_VARS.join(', ')} или ни одной`,
      });
    }
  })
  .transform(
    (env): NotificationsConfig => ({
      natsUrl: env.NATS_URL,
      databaseUrl: env.DATABASE_URL,
      devOutbox: env.ELK_DEV_OUTBOX,
      twilio:
        env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM
          ? { accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, from: env.TWILIO_FROM }
          : null,
    }),
  );

/** Reads the service's configuration; throws ConfigError naming every bad variable. */
export function loadNotificationsConfig(env: NodeJS.ProcessEnv = process.env): NotificationsConfig {
  return loadConfig(NotificationsEnv, env);
}
