import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { apiJson, type ResponseSchema } from './api-client';

const PAGE_SIZE = 50;

/** A page of a cabinet list: `?search=&limit=&cursor=` → `{items, total, nextCursor}`. */
interface ListPage<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** A list filtered on the server by `search` and any other `filters` (unset ones left out); «Показать ещё» follows nextCursor. */
export function useSearchList<T>(
  queryKey: QueryKey,
  path: string,
  schema: ResponseSchema<ListPage<T>>,
  search: string,
  filters: Readonly<Record<string, string | undefined>> = {},
) {
  return useInfiniteQuery({
    queryKey: [...queryKey, 'list', search, filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (search) params.set('search', search);
      for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
      if (pageParam) params.set('cursor', pageParam);
      return apiJson(`${path}?${params.toString()}`, schema);
    },
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });
}
