import { CategoryList, CategoryView, type AddCategoryRequest, type UpdateCategoryRequest } from '@elk/contracts';
import { useQuery } from '@tanstack/react-query';
import { fetchAllPages } from '../../api/all-pages';
import { resourceMutations } from '../../api/resource-mutations';

const ROOT_KEY = ['catalog', 'categories'] as const;
const PATH = '/catalog/categories';

const categories = resourceMutations<CategoryView, AddCategoryRequest, UpdateCategoryRequest>(ROOT_KEY, PATH, CategoryView);
export const useAddCategory = categories.useAdd;
export const useUpdateCategory = categories.useUpdate;
export const useDeleteCategory = categories.useDelete;

/** Every category of the organisation (page after page): the tree needs them all. */
export function useCategories() {
  return useQuery({
    queryKey: [...ROOT_KEY, 'all'],
    queryFn: () => fetchAllPages(PATH, CategoryList),
  });
}

/** The history of one category sits under the root key: every change (a move of its parent too) refreshes it. */
export function categoryHistorySource(id: string) {
  return { queryKey: [...ROOT_KEY, 'one', id] as const, path: `${categories.itemPath(id)}/history` };
}
