import { loadConfig } from '@elk/service-kit';
import { z } from 'zod';

export interface CatalogConfig {
  natsUrl: string;
  databaseUrl: string;
}

/** Environment of the catalog service in distributed mode; keys are the variable names, so errors name them. */
export const CatalogEnv = z
  .object({
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/elk'),
  })
  .transform((env): CatalogConfig => ({ natsUrl: env.NATS_URL, databaseUrl: env.DATABASE_URL }));

/** Reads the service's configuration; throws ConfigError naming every bad variable. */
export function loadCatalogConfig(env: NodeJS.ProcessEnv = process.env): CatalogConfig {
  return loadConfig(CatalogEnv, env);
}
