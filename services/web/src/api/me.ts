import { MeResponse } from '@elk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiJson } from './api-client';

export const ME_KEY = ['me'] as const;

/** The signed-in account (GET /api/v1/me): its personal data and role. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: () => apiJson('/me', MeResponse) });
}
