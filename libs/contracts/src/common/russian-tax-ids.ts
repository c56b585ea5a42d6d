/**
 * Checksums of Russian registration numbers (ФНС rules): ИНН of an organisation (10 digits) or of an
 * individual entrepreneur (12), ОГРН (13) and ОГРНИП (15).
 */
const digitsOf = (value: string) => [...value].map(Number);

function innControl(digits: number[], weights: number[]): number {
  return (weights.reduce((sum, weight, i) => sum + weight * digits[i]!, 0) % 11) % 10;
}

export function isValidInn(inn: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(inn)) return false;
  const d = digitsOf(inn);
  if (inn.length === 10) return innControl(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  return innControl(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] && innControl(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11];
}

/** ОГРН (13 digits): the last is (the first 12 mod 11) mod 10; ОГРНИП (15): (the first 14 mod 13) mod 10. */
export function isValidOgrn(ogrn: string): boolean {
  if (!/^\d{13}$|^\d{15}$/.test(ogrn)) return false;
  const divisor = ogrn.length === 13 ? 11n : 13n;
  const control = (BigInt(ogrn.slice(0, -1)) % divisor) % 10n;
  return control === BigInt(ogrn.at(-1)!);
}

/** КПП: 4 digits (tax office), 2 digits or capital Latin letters (reason), 3 digits. */
export function isValidKpp(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp);
}
