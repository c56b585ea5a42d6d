import { envSecretsKey, loadConfig } from '@elk/service-kit';
import { z } from 'zod';

export interface DevicesConfig {
  natsUrl: string;
  databaseUrl: string;
  /** ELK_SECRETS_KEY: the key activation codes and device credentials are checked with (the same as organisation's). */
  secretsKey: Buffer;
}

/** Environment of the devices service in distributed mode; keys are the variable names, so errors name them. */
export const DevicesEnv = z
  .object({
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/elk'),
    ELK_SECRETS_KEY: envSecretsKey,
  })
  .transform((env): DevicesConfig => ({ natsUrl: env.NATS_URL, databaseUrl: env.DATABASE_URL, secretsKey: env.ELK_SECRETS_KEY }));

/** Reads the service's configuration; throws ConfigError naming every bad variable. */
export function loadDevicesConfig(env: NodeJS.ProcessEnv = process.env): DevicesConfig {
  return loadConfig(DevicesEnv, env);
}
