import { ProductList, ProductView, type AddProductRequest, type UpdateProductRequest } from '@elk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiJson } from '../../api/api-client';
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

/** How many products a category (null: none asked) and its subcategories hold. */
export function useProductCount(categoryId: string | null) {
  return useQuery({
    queryKey: [...PRODUCTS_ROOT_KEY, 'count', categoryId],
    queryFn: async () => (await apiJson(`${PATH}?${new URLSearchParams({ categoryId: categoryId!, limit: '1' }).toString()}`, ProductList)).total,
    enabled: categoryId !== null,
  });
}

/** The history of one product sits under the root key: every change refreshes it. */
export function productHistorySource(id: string) {
  return { queryKey: [...PRODUCTS_ROOT_KEY, 'one', id] as const, path: `${products.itemPath(id)}/history` };
}
