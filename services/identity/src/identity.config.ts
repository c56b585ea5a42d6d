import { envJwtSecret, loadConfig } from '@elk/service-kit';
import { z } from 'zod';

export interface IdentityConfig {
  natsUrl: string;
  databaseUrl: string;
  redisUrl: string;
  jwtSecret: string;
}

/** Environment of the identity service in distributed mode; keys are the variable names, so errors name them. */
export const IdentityEnv = z
  .object({
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/elk'),
    REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
    JWT_SECRET: envJwtSecret,
  })
  .transform((env): IdentityConfig => ({ natsUrl: env.NATS_URL, databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL, jwtSecret: env.JWT_SECRET }));

/** Reads the service's configuration; throws ConfigError naming every bad variable. */
export function loadIdentityConfig(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  return loadConfig(IdentityEnv, env);
}
