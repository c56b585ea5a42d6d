import { MeResponse } from '@elk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiJson } from './api-client';

/** The signed-in account (GET /api/v1/me): its personal data and role. */
export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => apiJson('/me', MeResponse) });
}
