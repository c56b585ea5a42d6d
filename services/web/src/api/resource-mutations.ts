import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { type ResponseSchema } from './api-client';
import { useIdempotentWrite } from './idempotent-write';
import { refetchOnConflict } from './refetch-on-conflict';

/**
 * Add (with an Idempotency-Key), update and delete (If-Match: the version the user saw) of a resource under
 * `path`; each success refreshes everything under `rootKey`, a version conflict refetches it.
 */
export function resourceMutations<TView, TAdd, TUpdate>(rootKey: QueryKey, path: string, view: ResponseSchema<TView>) {
  const itemPath = (id: string) => `${path}/${encodeURIComponent(id)}`;
  return {
    itemPath,

    useAdd() {
      const queryClient = useQueryClient();
      const write = useIdempotentWrite();
      return useMutation({
        mutationFn: (body: TAdd) => write(path, { method: 'POST', body }, view),
        onSuccess: () => queryClient.invalidateQueries({ queryKey: rootKey }),
      });
    },

    useUpdate() {
      const queryClient = useQueryClient();
      const write = useIdempotentWrite();
      return useMutation({
        mutationFn: ({ id, body }: { id: string; body: TUpdate }) => write(itemPath(id), { method: 'PUT', body }, view),
        onSuccess: () => queryClient.invalidateQueries({ queryKey: rootKey }),
        onError: refetchOnConflict(queryClient, rootKey),
      });
    },

    /**
     * `params` go into the query string (e.g. how to delete). A refused delete refetches too: what the user
     * saw may be out of date (a subcategory someone added meanwhile).
     */
    useDelete() {
      const queryClient = useQueryClient();
      const write = useIdempotentWrite();
      return useMutation({
        mutationFn: async ({ id, version, params }: { id: string; version: number; params?: Record<string, string> }) => {
          const query = params ? `?${new URLSearchParams(params).toString()}` : '';
          await write(`${itemPath(id)}${query}`, { method: 'DELETE', headers: { 'If-Match': String(version) } });
        },
        onSettled: () => queryClient.invalidateQueries({ queryKey: rootKey }),
      });
    },
  };
}
