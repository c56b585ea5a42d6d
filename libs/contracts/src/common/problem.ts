import { z } from 'zod';

/** RFC 9457 problem details, as every error of the HTTP API is sent. */
export const FieldError = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

export const ProblemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string(),
  errors: z.array(FieldError).optional(),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;

/**
 * Machine-readable codes of the errors the API sends (problem.code), with the HTTP status of each.
 * Services raise DomainError with one of these codes; the gateway maps it to the status.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  PHONE_TAKEN: 409,
  EMAIL_TAKEN: 409,
  WRONG_PASSWORD: 400,
  RESET_CODE_INVALID: 400,
  RESET_CODE_EXPIRED: 400,
  RESET_CODE_EXHAUSTED: 400,
  PHONE_CODE_INVALID: 400,
  PHONE_CODE_EXPIRED: 400,
  PHONE_CODE_EXHAUSTED: 400,
  ACTIVATION_CODE_INVALID: 400,
  ACTIVATION_CODE_EXPIRED: 400,
  ACTIVATION_CODE_EXHAUSTED: 400,
  PIN_INVALID: 400,
  PIN_LOCKED: 403,
  INVITATION_INVALID: 400,
  INVITATION_USED: 400,
  INVITATION_EXPIRED: 400,
  RULE_VIOLATED: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * A typed error a decider or handler throws. `errors` names fields when the rule is about one
 * (so the cabinet shows the message under that field).
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
  }

  get details(): { errors?: FieldError[] } {
    return this.errors ? { errors: this.errors } : {};
  }
}

/** Turns zod issues into per-field errors: `a.b.0`, and one entry per unknown key. */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: base ? `${base}.${key}` : key, message: `Неизвестное поле «${key}»` }));
    }
    return [{ path: base, message: issue.message }];
  });
}
