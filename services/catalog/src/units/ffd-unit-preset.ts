import { FFD_MEASURES } from '@elk/contracts';
import type { UnitFields } from './unit.decider';

/** The units of measure of FFD 1.2 (tag 2108), preloaded for every organisation. */
export const FFD_UNIT_PRESET: readonly UnitFields[] = FFD_MEASURES.map(({ code, name, shortName }) => ({ name, shortName, ffdCode: code }));
