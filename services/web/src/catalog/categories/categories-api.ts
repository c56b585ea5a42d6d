import { CategoryList, CategoryView, type AddCategoryRequest, type UpdateCategoryRequest } from '@elk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiJson } from '../../api/api-client';
import { resourceMutations } from '../../api/resource-mutations';

const ROOT_KEY = ['catalog', 'categories'] as const;
const PATH = '/catalog/categories';
/** The most the API gives in one page. */
const PAGE_SIZE = 200;

const categories = resourceMutations<CategoryView, AddCategoryRequest, UpdateCategoryRequest>(ROOT_KEY, PATH, CategoryView);
export const useAddCategory = categories.useAdd;
export const useUpdateCategory = categories.useUpdate;
export const useDeleteCategory = categories.useDelete;

/** Every category of the organisation (page after page): the tree needs them all. */
export function useCategories() {
  return useQuery({
    queryKey: [...ROOT_KEY, 'all'],
    queryFn: async () => {
      const all: CategoryView[] = [];
      let cursor: string | null = null;
      do {
        const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
        if (cursor) params.set('cursor', cursor);
        const page: CategoryList = await apiJson(`${PATH}?${params.toString()}`, CategoryList);
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    },
  });
}

/** The history of one category sits under the root key: every change (a move of its parent too) refreshes it. */
export function categoryHistorySource(id: string) {
  return { queryKey: [...ROOT_KEY, 'one', id] as const, path: `${categories.itemPath(id)}/history` };
}
