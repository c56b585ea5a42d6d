import { WorkplaceList, WorkplaceView, type AddWorkplaceRequest, type IssueActivationCodeRequest, type UpdateWorkplaceRequest } from '@elk/contracts';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useIdempotentWrite } from '../../api/idempotent-write';
import { refetchOnConflict } from '../../api/refetch-on-conflict';
import { useSearchList, type ListRequest } from '../../api/search-list';

const ROOT_KEY = ['workplaces'] as const;

function workplacePath(id: string): string {
  return `/workplaces/${encodeURIComponent(id)}`;
}

function invalidateAll(queryClient: QueryClient) {
  return () => queryClient.invalidateQueries({ queryKey: ROOT_KEY });
}

/** The list, searched on the server by name and number; its first page names the number a new workplace gets. */
export function useWorkplaces(request: ListRequest) {
  return useSearchList<WorkplaceView, WorkplaceList>(ROOT_KEY, '/workplaces', WorkplaceList, request);
}

/** The history of one workplace sits under the root key: every change refreshes it. */
export function workplaceHistorySource(id: string) {
  return { queryKey: [...ROOT_KEY, 'one', id] as const, path: `${workplacePath(id)}/history` };
}

/** «+ Добавить»: the employee gets the activation code by SMS. */
export function useAddWorkplace() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    mutationFn: (body: AddWorkplaceRequest) => write('/workplaces', { method: 'POST', body }, WorkplaceView),
    onSuccess: invalidateAll(queryClient),
  });
}

export function useUpdateWorkplace() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateWorkplaceRequest }) => write(workplacePath(id), { method: 'PUT', body }, WorkplaceView),
    onSuccess: invalidateAll(queryClient),
    onError: refetchOnConflict(queryClient, ROOT_KEY),
  });
}

export function useDeleteWorkplace() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    /** If-Match carries the version the user saw: a workplace changed meanwhile is not deleted blindly. */
    mutationFn: async ({ id, version }: { id: string; version: number }) => {
      await write(workplacePath(id), { method: 'DELETE', headers: { 'If-Match': String(version) } });
    },
    onSuccess: invalidateAll(queryClient),
    onError: refetchOnConflict(queryClient, ROOT_KEY),
  });
}

/** «Получить код активации»: a new code (the previous one dies) by SMS to the chosen employee, bound to the chosen sales point. */
export function useIssueActivationCode() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: IssueActivationCodeRequest }) => write(`${workplacePath(id)}/activation-code`, { method: 'POST', body }, WorkplaceView),
    onSuccess: invalidateAll(queryClient),
  });
}

/** «Деактивировать»: the terminal's credential dies at once. */
export function useDeactivateWorkplace() {
  const queryClient = useQueryClient();
  const write = useIdempotentWrite();
  return useMutation({
    mutationFn: (id: string) => write(`${workplacePath(id)}/deactivate`, { method: 'POST' }, WorkplaceView),
    onSuccess: invalidateAll(queryClient),
  });
}
