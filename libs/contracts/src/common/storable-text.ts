/**
 * Text PostgreSQL can store. It refuses NUL (U+0000) in `text` and `jsonb` alike, and half of a UTF-16 surrogate
 * pair is not Unicode at all: a string holding either cannot be saved, so it is refused where it comes in (the
 * gateway's edge for JSON, queries and paths; the importers for file cells).
 */
export function isStorableText(text: string): boolean {
  // isWellFormed: no lone surrogate. Both native, twice as fast as a /[\0\p{Surrogate}]/u test: the gateway checks every
  // string and key of every body.
  return text.isWellFormed() && !text.includes('\0');
}

/** What a merchant reads under a field whose text `isStorableText` refuses. */
export const UNSTORABLE_TEXT_MESSAGE = 'Текст содержит недопустимый символ (нулевой или повреждённый): удалите его';

/**
 * Which character keeps a text from being stored, in Russian, to follow «Строка 3, столбец «Описание»: »; undefined
 * when `isStorableText` takes it.
 */
export function unstorableTextProblem(text: string): string | undefined {
  if (isStorableText(text)) return undefined;
  if (text.includes('\0')) return 'недопустимый символ NUL (код 0) — удалите его';
  return 'недопустимый символ (половина пары UTF-16 без второй половины) — удалите его или наберите текст заново';
}
