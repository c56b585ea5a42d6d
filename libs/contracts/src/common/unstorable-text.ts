/** A UTF-16 half without its other half: no UTF-8 text (so no PostgreSQL text or jsonb) can hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a text cannot be stored as it is, in Russian, or undefined when it can: PostgreSQL refuses the NUL character
 * in text and jsonb, and a lone surrogate in jsonb.
 */
export function unstorableTextProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'недопустимый символ NUL (код 0) — удалите его';
  if (LONE_SURROGATE.test(value)) return 'недопустимый символ (половина пары UTF-16 без второй половины) — удалите его или наберите текст заново';
  return undefined;
}
