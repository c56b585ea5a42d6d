/** Prices are integer kopecks on the wire and rubles with kopecks on the screen. */

const RUBLES = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });

/** 123450 → «1 234,50 ₽». */
export function formatRubles(kopecks: number): string {
  const rubles = Math.trunc(kopecks / 100);
  const rest = String(Math.abs(kopecks % 100)).padStart(2, '0');
  return `${RUBLES.format(rubles)},${rest} ₽`;
}

/** The price as typed back into the card: 12345 → «123,45». */
export function rublesText(kopecks: number): string {
  return `${Math.trunc(kopecks / 100)},${String(kopecks % 100).padStart(2, '0')}`;
}

/**
 * What the user typed in rubles as integer kopecks, without floating point: «123,45» → 12345, «1 234.5» → 123450,
 * «149» → 14900. Blank is undefined (the price is missing); anything else that is not an amount is NaN.
 */
export function kopecksOf(text: string): number | undefined {
  const amount = text.replace(/[\s\u00a0\u202f₽]/g, '');
  if (amount === '') return undefined;
  const match = /^(\d+)(?:[.,](\d{0,2}))?$/.exec(amount);
  if (!match) return Number.NaN;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
