import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { ApiError } from './api-error';

/** A stale version means the cached cards are stale too: refetch them, so a reopened card shows the current data. */
export function refetchOnConflict(queryClient: QueryClient, queryKey: QueryKey) {
  return (error: unknown) => {
    if (error instanceof ApiError && error.problem.code === 'VERSION_CONFLICT') void queryClient.invalidateQueries({ queryKey });
  };
}
