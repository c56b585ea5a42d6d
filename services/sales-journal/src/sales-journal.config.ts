import { loadConfig } from '@elk/service-kit';
import { z } from 'zod';

export interface SalesJournalConfig {
  natsUrl: string;
  databaseUrl: string;
}

/** Environment of the sales-journal service in distributed mode; keys are the variable names, so errors name them. */
export const SalesJournalEnv = z
  .object({
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/elk'),
  })
  .transform((env): SalesJournalConfig => ({ natsUrl: env.NATS_URL, databaseUrl: env.DATABASE_URL }));

/** Reads the service's configuration; throws ConfigError naming every bad variable. */
export function loadSalesJournalConfig(env: NodeJS.ProcessEnv = process.env): SalesJournalConfig {
  return loadConfig(SalesJournalEnv, env);
}
