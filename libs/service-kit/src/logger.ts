import pino, { type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { trace } from '@opentelemetry/api';

export type { Logger } from 'pino';

/** Where log lines go: stdout, or a test's stream. */
export interface LogOutput {
  readonly isTTY?: boolean;
  write(line: string): unknown;
}

export const REDACTED_KEYS = ['password', 'oldPassword', 'newPassword', 'newPasswordRepeat', 'code', 'pin', 'text', 'refreshToken', 'accessToken', 'token', 'authorization', 'cookie'];

/**
 * Structured JSON logs (one object per line) with the active trace and span ids, so a log line can be found from a
 * trace and back; on a terminal (`npm start` in a person's shell), one readable line per entry instead. Secrets are
 * redacted by key wherever they appear.
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info', output: LogOutput = process.stdout): Logger {
  const options = {
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]), censor: '[redacted]' },
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      return span ? { traceId: span.traceId, spanId: span.spanId } : {};
    },
  };
  return pino(options, output.isTTY ? readableLines(output) : output);
}

/**
 * pino-pretty's formatter called in line, not its stream: a line logged just before `process.exit` (a service that
 * cannot reach NATS) is on the screen, not lost in a stream's buffer.
 */
function readableLines(output: LogOutput): LogOutput {
  const prettify = prettyFactory({ translateTime: 'SYS:HH:MM:ss.l', ignore: 'service,traceId,spanId', singleLine: true });
  return { write: (line) => output.write(prettify(line)) };
}
