/**
 * A text a spreadsheet would take for a formula ("CSV injection", OWASP): it starts with «=», «+», «-», «@», a tab
 * or a carriage return, perhaps after apostrophes. Every file export writes such a text with one more apostrophe in
 * front, which spreadsheets show as text; the apostrophes in the rule keep that reversible for a text that already
 * started with one.
 */
export const SPREADSHEET_FORMULA_START = /^'*[=+\-@\t\r]/;

/** The text as it was before an export put an apostrophe in front of it; any other text as it is. */
export function withoutFormulaGuard(text: string): string {
  return text.startsWith("'") && SPREADSHEET_FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
