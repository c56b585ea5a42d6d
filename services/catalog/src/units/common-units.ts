/**
 * The FFD 1.2 measures (tag 2108) a shop sells by, most common first: шт, кг, л, м, г, мл, м², м³, см, т. The units
 * list shows units of these measures first, in this order, and every other unit after them.
 */
const COMMON_FFD_CODES: readonly number[] = [0, 11, 41, 22, 10, 40, 32, 42, 20, 12];

/** Where a unit of this measure stands in the units list's own order: 0 for шт, the same number for every rarer one. */
export function commonUnitRank(ffdCode: number): number {
  const rank = COMMON_FFD_CODES.indexOf(ffdCode);
  return rank === -1 ? COMMON_FFD_CODES.length : rank;
}
