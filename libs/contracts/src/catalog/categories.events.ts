import { z } from 'zod';

/**
 * Events of the category tree of one organisation, all in one stream `catalog-categories-<organisationId>-<organisationId>`
 * (so that the tree rules — no cycles, names unique among siblings — hold without races). Each with the version of its
 * current schema.
 */

const categoryFields = {
  organisationId: z.uuid(),
  categoryId: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  parentId: z.uuid().nullable(),
};

export const CategoryAdded = z.object({ ...categoryFields, addedAt: z.iso.datetime() });
export type CategoryAdded = z.infer<typeof CategoryAdded>;

/** The full new values of every field; a new parentId is a move (also of the children of a deleted category). */
export const CategoryUpdated = z.object({ ...categoryFields, updatedAt: z.iso.datetime() });
export type CategoryUpdated = z.infer<typeof CategoryUpdated>;

export const CategoryDeleted = z.object({ organisationId: z.uuid(), categoryId: z.uuid(), deletedAt: z.iso.datetime() });
export type CategoryDeleted = z.infer<typeof CategoryDeleted>;

export const CategoryEvents = {
  CategoryAdded: { version: 1, schema: CategoryAdded },
  CategoryUpdated: { version: 1, schema: CategoryUpdated },
  CategoryDeleted: { version: 1, schema: CategoryDeleted },
} as const;
