import { BulkResult, ProductList, ProductView, type AddProductRequest, type BulkProductsRequest, type UpdateProductRequest } from '@elk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../api/api-client';
import { useIdempotentWrite } from '../../api/idempotent-write';
import { resourceMutations } from '../../api/resource-mutations';
import { useSearchList, type ListRequest } from '../../api/search-list';

/** Everything cached about products: an import that wrote invalidates it all. */
export const PRODUCTS_ROOT_KEY = ['catalog', 'products'] as const;
const PATH = '/catalog/products';

const products = resourceMutations<ProductView, AddProductRequest, UpdateProductRequest>(PRODUCTS_ROOT_KEY, PATH, ProductView);
export const useAddProduct = products.useAdd;
export const useUpdateProduct = products.useUpdate;
export const useDeleteProduct = products.useDelete;

/**
 * «Все товары»: found on the server by name, barcode or article; the `categoryId` filter: a category with its
 * subcategories' products, or `none` for the products without one.
 */
export function useProducts(request: ListRequest) {
  return useSearchList(PRODUCTS_ROOT_KEY, PATH, ProductList, request);
}

/** How many products a category (with its subcategories) holds, or a unit measures; null: none asked. */
export function useProductCount(filter: { categoryId: string } | { unitId: string } | null) {
  return useQuery({
    queryKey: [...PRODUCTS_ROOT_KEY, 'count', filter],
    queryFn: async () => (await apiJson(`${PATH}?${new URLSearchParams({ ...filter!, limit: '1' }).toString()}`, ProductList)).total,
    enabled: filter !== null,
  });
}

/** The history of one product sits under the root key: every change refreshes it. */
export function productHistorySource(id: string) {
  return { queryKey: [...PRODUCTS_ROOT_KEY, 'one', id] as const, path: `${products.itemPath(id)}/history` };
}

/** One action on the selected products («Удалить», «Изменить цену», …): what was changed and what refused, and why. */
export function useBulkProducts() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    mutationFn: (body: BulkProductsRequest) => write(`${PATH}/bulk`, { method: 'POST', body }, BulkResult),
    onSettled: () => queryClient.invalidateQueries({ queryKey: PRODUCTS_ROOT_KEY }),
  });
}
