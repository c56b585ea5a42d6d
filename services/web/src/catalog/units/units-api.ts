import { UnitList, UnitView, type AddUnitRequest, type UpdateUnitRequest } from '@elk/contracts';
import { useQuery } from '@tanstack/react-query';
import { fetchAllPages } from '../../api/all-pages';
import { resourceMutations } from '../../api/resource-mutations';
import { useSearchList, type ListRequest } from '../../api/search-list';

const ROOT_KEY = ['catalog', 'units'] as const;
const PATH = '/catalog/units';

const units = resourceMutations<UnitView, AddUnitRequest, UpdateUnitRequest>(ROOT_KEY, PATH, UnitView);
export const useAddUnit = units.useAdd;
export const useUpdateUnit = units.useUpdate;
export const useDeleteUnit = units.useDelete;

/** The units, the most common FFD measures first unless sorted, filtered on the server by name or short name. */
export function useUnits(request: ListRequest) {
  return useSearchList(ROOT_KEY, PATH, UnitList, request);
}

/** Every unit of the organisation: the product card's choice and the names in the products table. */
export function useAllUnits() {
  return useQuery({ queryKey: [...ROOT_KEY, 'all'], queryFn: () => fetchAllPages(PATH, UnitList) });
}

/** The history of one unit sits under the root key: every change refreshes it. */
export function unitHistorySource(id: string) {
  return { queryKey: [...ROOT_KEY, 'one', id] as const, path: `${units.itemPath(id)}/history` };
}
