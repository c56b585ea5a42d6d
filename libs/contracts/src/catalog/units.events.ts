import { z } from 'zod';

/**
 * Events of the units of measure of one organisation, all in one stream `catalog-units-<organisationId>-<organisationId>`
 * (so that names stay unique without races). Each with the version of its current schema.
 */

const unitFields = {
  organisationId: z.uuid(),
  unitId: z.uuid(),
  name: z.string(),
  shortName: z.string(),
  ffdCode: z.number().int().min(0).max(255),
};

export const UnitAdded = z.object({ ...unitFields, addedAt: z.iso.datetime() });
export type UnitAdded = z.infer<typeof UnitAdded>;

/** The full new values of every field. */
export const UnitUpdated = z.object({ ...unitFields, updatedAt: z.iso.datetime() });
export type UnitUpdated = z.infer<typeof UnitUpdated>;

export const UnitDeleted = z.object({ organisationId: z.uuid(), unitId: z.uuid(), deletedAt: z.iso.datetime() });
export type UnitDeleted = z.infer<typeof UnitDeleted>;

/** The FFD 1.2 units were preloaded for the organisation (once); a UnitAdded per unit follows in the same append. */
export const UnitPresetLoaded = z.object({ organisationId: z.uuid(), loadedAt: z.iso.datetime() });
export type UnitPresetLoaded = z.infer<typeof UnitPresetLoaded>;

export const UnitEvents = {
  UnitAdded: { version: 1, schema: UnitAdded },
  UnitUpdated: { version: 1, schema: UnitUpdated },
  UnitDeleted: { version: 1, schema: UnitDeleted },
  UnitPresetLoaded: { version: 1, schema: UnitPresetLoaded },
} as const;
