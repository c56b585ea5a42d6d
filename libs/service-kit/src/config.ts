import { z } from 'zod';

/** Raised at startup when the environment does not fit the service's config schema. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Parses environment variables with a zod schema whose keys are the variable names. Every problem is
 * reported at once, naming the variable, so a bad deployment fails at startup with a clear message.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`));
}

/** Env flags such as ELK_DEV_OUTBOX=1 / true / yes. */
export const envFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

export const envPort = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/**
 * The example values a deployment is shipped with (k8s/config.yaml: «change-me-…», in plain text or base64) — a
 * service that started with one would sign tokens or encrypt secrets with a key anyone can read in this repository.
 */
const PLACEHOLDER = /change[-_ ]?me/i;

export function isPlaceholderSecret(secret: string | Uint8Array): boolean {
  return PLACEHOLDER.test(Buffer.from(secret).toString('latin1'));
}

export const PLACEHOLDER_SECRET_MESSAGE = 'это образец из примера конфигурации, а не секрет: задайте свой, случайный (openssl rand -base64 32)';

/** JWT_SECRET, shared by the gateway (verifies tokens) and identity (signs them): 32 characters or more, not an example. */
export const envJwtSecret = z
  .string({ error: 'Задайте JWT_SECRET — один и тот же у gateway и identity, не короче 32 случайных символов' })
  .min(32, { error: 'не короче 32 символов' })
  .refine((secret) => !isPlaceholderSecret(secret), { error: PLACEHOLDER_SECRET_MESSAGE });

const SECRETS_KEY_HINT = 'must be base64 of 32 random bytes (make one with: openssl rand -base64 32); it encrypts the Честный Знак tokens and keys the terminals\' activation codes and credentials';

/** ELK_SECRETS_KEY (organisation, devices): base64 (or base64url) of exactly 32 bytes, not an example. */
export const envSecretsKey = z
  .string({ error: SECRETS_KEY_HINT })
  .trim()
  .refine((value) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32, { message: SECRETS_KEY_HINT })
  .transform((value) => Buffer.from(value, 'base64'))
  .refine((key) => !isPlaceholderSecret(key), { message: PLACEHOLDER_SECRET_MESSAGE });
