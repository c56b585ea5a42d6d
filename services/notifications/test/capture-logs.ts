import { REDACTED_KEYS, type Logger } from '@elk/service-kit';
import pino from 'pino';

export interface CapturedLogs {
  logger: Logger;
  /** Every line written so far, parsed. */
  readonly entries: Array<Record<string, unknown> & { msg?: string }>;
  /** Everything written so far, as raw text, to search for what must not be there. */
  text(): string;
}

/** A logger configured like createLogger (same redaction) that writes to memory. */
export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  const logger = pino(
    { level: 'debug', redact: { paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]), censor: '[redacted]' } },
    { write: (line: string) => void lines.push(line) },
  );
  return {
    logger,
    get entries() {
      return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    text: () => lines.join(''),
  };
}
