import pino, { type Logger } from 'pino';
import { trace } from '@opentelemetry/api';

export type { Logger } from 'pino';

/**
 * Structured JSON logs (one object per line) with the active trace and span ids, so a log line can be
 * found from a trace and back. Secrets are redacted by key wherever they appear.
 */
export const REDACTED_KEYS = ['password', 'oldPassword', 'newPassword', 'newPasswordRepeat', 'code', 'pin', 'text', 'refreshToken', 'accessToken', 'token', 'authorization', 'cookie'];

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]), censor: '[redacted]' },
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      return span ? { traceId: span.traceId, spanId: span.spanId } : {};
    },
  });
}
