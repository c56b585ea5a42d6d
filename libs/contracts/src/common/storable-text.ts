/**
 * Text PostgreSQL can store. It refuses NUL (U+0000) in `text` and `jsonb` alike, and half of a UTF-16 surrogate
 * pair is not Unicode at all: a string holding either cannot be saved, so it is refused where it comes in.
 */
const UNSTORABLE_CHARACTER = /[\0\p{Surrogate}]/u;

export function isStorableText(text: string): boolean {
  return !UNSTORABLE_CHARACTER.test(text);
}

/** What a merchant reads under a field whose text `isStorableText` refuses. */
export const UNSTORABLE_TEXT_MESSAGE = 'Текст содержит недопустимый символ (нулевой или повреждённый): удалите его';
