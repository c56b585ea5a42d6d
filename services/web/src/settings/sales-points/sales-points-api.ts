import {
  SalesPointList,
  SalesPointView,
  type AddSalesPointRequest,
  type SetPaymentMethodsRequest,
  type UpdateSalesPointRequest,
} from '@elk/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { fetchAllPages } from '../../api/all-pages';
import { apiJson } from '../../api/api-client';
import { useIdempotentWrite } from '../../api/idempotent-write';
import { refetchOnConflict } from '../../api/refetch-on-conflict';
import { useSearchList, type ListRequest } from '../../api/search-list';

const ROOT_KEY = ['sales-points'] as const;

export const SALES_POINTS_PATH = '/settings/sales-points';

/** The page of one sales point. */
export function salesPointPath(id: string): string {
  return `${SALES_POINTS_PATH}/${encodeURIComponent(id)}`;
}

function invalidateAll(queryClient: QueryClient) {
  return () => queryClient.invalidateQueries({ queryKey: ROOT_KEY });
}

/** The list, filtered on the server by name or address. */
export function useSalesPoints(request: ListRequest) {
  return useSearchList(ROOT_KEY, '/sales-points', SalesPointList, request);
}

/** Every sales point of the organisation: for the pickers of other cards. */
export function useAllSalesPoints() {
  return useQuery({ queryKey: [...ROOT_KEY, 'all'], queryFn: () => fetchAllPages('/sales-points', SalesPointList) });
}

/** The key of one sales point; its history sits under it, so every change refreshes the history too. */
export function salesPointKey(id: string) {
  return [...ROOT_KEY, 'one', id] as const;
}

export function useSalesPoint(id: string) {
  return useQuery({ queryKey: salesPointKey(id), queryFn: () => apiJson(`/sales-points/${encodeURIComponent(id)}`, SalesPointView) });
}

export function useAddSalesPoint() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    mutationFn: (body: AddSalesPointRequest) => write('/sales-points', { method: 'POST', body }, SalesPointView),
    onSuccess: invalidateAll(queryClient),
  });
}

export function useUpdateSalesPoint() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateSalesPointRequest }) =>
      write(`/sales-points/${encodeURIComponent(id)}`, { method: 'PUT', body }, SalesPointView),
    onSuccess: invalidateAll(queryClient),
    onError: refetchOnConflict(queryClient, ROOT_KEY),
  });
}

/** «Способы оплаты» → «Сохранить»: the whole grid as one change. */
export function useSetPaymentMethods() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: SetPaymentMethodsRequest }) =>
      write(`/sales-points/${encodeURIComponent(id)}/payment-methods`, { method: 'PUT', body }, SalesPointView),
    onSuccess: invalidateAll(queryClient),
    onError: refetchOnConflict(queryClient, ROOT_KEY),
  });
}

export function useDeleteSalesPoint() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    /** If-Match carries the version the user saw: a card changed meanwhile is not deleted blindly. */
    mutationFn: async ({ id, version }: { id: string; version: number }) => {
      await write(`/sales-points/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { 'If-Match': String(version) } });
    },
    onSuccess: invalidateAll(queryClient),
    onError: refetchOnConflict(queryClient, ROOT_KEY),
  });
}
