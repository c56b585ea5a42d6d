import { isPlaceholderSecret, loadConfig, PLACEHOLDER_SECRET_MESSAGE } from '@elk/service-kit';
import { z } from 'zod';

export interface OrganisationConfig {
  natsUrl: string;
  databaseUrl: string;
  /** AES-256-GCM key for secrets kept in events (the Честный Знак token): 32 bytes. */
  secretsKey: Buffer;
}

const SECRETS_KEY_HINT = 'must be base64 of 32 random bytes (make one with: openssl rand -base64 32); it encrypts the Честный Знак tokens';

/** ELK_SECRETS_KEY: base64 (or base64url) of exactly 32 bytes. */
export const secretsKey = z
  .string({ error: SECRETS_KEY_HINT })
  .trim()
  .refine((value) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32, { message: SECRETS_KEY_HINT })
  .transform((value) => Buffer.from(value, 'base64'))
  .refine((key) => !isPlaceholderSecret(key), { message: PLACEHOLDER_SECRET_MESSAGE });

/** Environment of the organisation service in distributed mode; keys are the variable names, so errors name them. */
export const OrganisationEnv = z
  .object({
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/elk'),
    ELK_SECRETS_KEY: secretsKey,
  })
  .transform((env): OrganisationConfig => ({ natsUrl: env.NATS_URL, databaseUrl: env.DATABASE_URL, secretsKey: env.ELK_SECRETS_KEY }));

/** Reads the service's configuration; throws ConfigError naming every bad variable. */
export function loadOrganisationConfig(env: NodeJS.ProcessEnv = process.env): OrganisationConfig {
  return loadConfig(OrganisationEnv, env);
}
