import { z } from 'zod';
import { listPage, sortedListQuery } from '../common/list-query';
import { FFD_MEASURES } from './ffd-measures';

/** Bodies of /api/v1/catalog/units (Каталог → Единицы измерения). */

const FFD_CODE_MESSAGE = 'Выберите меру количества из списка ФФД (тег 2108)';
const FFD_CODES = new Set(FFD_MEASURES.map((measure) => measure.code));
/** Anything but a missing value gets the one message that says what is expected. */
const ffdCodeError = (issue: { input?: unknown }) => (issue.input === undefined ? undefined : FFD_CODE_MESSAGE);

const unitFields = {
  name: z.string().trim().min(1).max(64),
  /** As printed after the quantity: «кг», «м²». */
  shortName: z.string().trim().min(1).max(16),
  /** The measure's code in fiscal receipts: FFD 1.2 tag 2108. */
  ffdCode: z.int({ error: ffdCodeError }).refine((code) => FFD_CODES.has(code), { error: FFD_CODE_MESSAGE }),
};

export const AddUnitRequest = z.strictObject(unitFields);
export type AddUnitRequest = z.infer<typeof AddUnitRequest>;

/** The whole card again, with the version the client saw (a stale one gets 409). */
export const UpdateUnitRequest = z.strictObject({ ...unitFields, expectedVersion: z.number().int().min(1) });
export type UpdateUnitRequest = z.infer<typeof UpdateUnitRequest>;

export const UnitView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  shortName: z.string(),
  ffdCode: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UnitView = z.infer<typeof UnitView>;

export const UnitList = listPage(UnitView);
export type UnitList = z.infer<typeof UnitList>;

/** Unsorted, the units come in the order of how common their FFD measure is (шт, кг, л, м …), then by name. */
export const UNIT_SORTS = ['name', 'shortName', 'ffdCode'] as const;
export const UnitListQuery = sortedListQuery(UNIT_SORTS);
export type UnitListQuery = z.infer<typeof UnitListQuery>;
