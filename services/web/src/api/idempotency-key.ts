/**
 * A random v4 uuid for the Idempotency-Key header. crypto.randomUUID exists only in secure contexts
 * (https, localhost); getRandomValues works everywhere.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The Idempotency-Key of one write the user means: sending the same request again after it got no answer
 * (Повторить, or the submit button pressed again) reuses the key, so the server does it once; any answer, or another
 * request, starts a new key.
 */
export class RetryKey {
  private last: { request: string; key: string } | null = null;

  /** `target` names the write (method and path), `content` what it sends (body, headers). */
  for(target: string, content: unknown): string {
    const request = `${target} ${JSON.stringify(content ?? null)}`;
    if (this.last?.request !== request) this.last = { request, key: newIdempotencyKey() };
    return this.last.key;
  }

  answered(): void {
    this.last = null;
  }
}
