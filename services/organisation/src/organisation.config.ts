import { envSecretsKey, loadConfig } from '@elk/service-kit';
import { z } from 'zod';

export interface OrganisationConfig {
  natsUrl: string;
  databaseUrl: string;
  /** AES-256-GCM key for secrets kept in events (the Честный Знак token): 32 bytes. */
  secretsKey: Buffer;
}

/** Environment of the organisation service in distributed mode; keys are the variable names, so errors name them. */
export const OrganisationEnv = z
  .object({
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/elk'),
    ELK_SECRETS_KEY: envSecretsKey,
  })
  .transform((env): OrganisationConfig => ({ natsUrl: env.NATS_URL, databaseUrl: env.DATABASE_URL, secretsKey: env.ELK_SECRETS_KEY }));

/** Reads the service's configuration; throws ConfigError naming every bad variable. */
export function loadOrganisationConfig(env: NodeJS.ProcessEnv = process.env): OrganisationConfig {
  return loadConfig(OrganisationEnv, env);
}
