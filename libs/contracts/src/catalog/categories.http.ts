import { z } from 'zod';
import { listPage } from '../common/list-query';

/** Bodies of /api/v1/catalog/categories (Каталог → Категории): a tree of any depth. */

const categoryFields = {
  name: z.string().trim().min(1).max(128),
  description: z.string().trim().max(1000).nullable().optional(),
  /** Родительская категория; none (null or omitted) puts the category at the top of the tree. */
  parentId: z.uuid({ error: 'Выберите родительскую категорию из списка' }).nullable().optional(),
};

export const AddCategoryRequest = z.strictObject(categoryFields);
export type AddCategoryRequest = z.infer<typeof AddCategoryRequest>;

/** The whole card again, with the version the client saw (a stale one gets 409); a new parentId moves the category. */
export const UpdateCategoryRequest = z.strictObject({ ...categoryFields, expectedVersion: z.number().int().min(1) });
export type UpdateCategoryRequest = z.infer<typeof UpdateCategoryRequest>;

/**
 * What deleting a category with subcategories or products does: `refuse` (the default) names them and deletes nothing;
 * `move-contents-up` gives them the deleted category's parent (products of a top-level category go to the general list).
 */
export const CATEGORY_DELETE_MODES = ['refuse', 'move-contents-up'] as const;
export const CategoryDeleteMode = z.enum(CATEGORY_DELETE_MODES, { error: 'Как удалить категорию: refuse (отказать, если она не пуста) или move-contents-up (перенести содержимое выше)' });
export type CategoryDeleteMode = z.infer<typeof CategoryDeleteMode>;

export const CategoryView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  parentId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CategoryView = z.infer<typeof CategoryView>;

export const CategoryList = listPage(CategoryView);
export type CategoryList = z.infer<typeof CategoryList>;
