import { LegalEntityList, LegalEntityView, type AddLegalEntityRequest, type UpdateLegalEntityRequest } from '@elk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages } from '../../api/all-pages';
import { useIdempotentWrite } from '../../api/idempotent-write';
import { useSearchList, type ListRequest } from '../../api/search-list';
import { refetchOnConflict } from '../../api/refetch-on-conflict';

const LIST_KEY = ['legal-entities'] as const;

/** Every legal entity of the organisation (usually a handful): the page, the pickers and the tax-system confirm need them all. */
export function useLegalEntities() {
  return useQuery({ queryKey: LIST_KEY, queryFn: () => fetchAllPages('/legal-entities', LegalEntityList) });
}

/** The page's list: searched by name and ИНН, sorted, page by page. */
export function useLegalEntityList(request: ListRequest) {
  return useSearchList(LIST_KEY, '/legal-entities', LegalEntityList, request);
}

/** The history of one legal entity sits under the list key: every change of the list refreshes it. */
export function legalEntityHistoryKey(id: string) {
  return [...LIST_KEY, id] as const;
}

export function useAddLegalEntity() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    mutationFn: (body: AddLegalEntityRequest) => write('/legal-entities', { method: 'POST', body }, LegalEntityView),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: LIST_KEY }),
  });
}

export function useUpdateLegalEntity() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateLegalEntityRequest }) =>
      write(`/legal-entities/${encodeURIComponent(id)}`, { method: 'PUT', body }, LegalEntityView),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: LIST_KEY }),
    onError: refetchOnConflict(queryClient, LIST_KEY),
  });
}

export function useDeleteLegalEntity() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    /** If-Match carries the version the user saw: a card changed meanwhile is not deleted blindly. */
    mutationFn: async ({ id, version }: { id: string; version: number }) => {
      await write(`/legal-entities/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { 'If-Match': String(version) } });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: LIST_KEY }),
    onError: refetchOnConflict(queryClient, LIST_KEY),
  });
}
