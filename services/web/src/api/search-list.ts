import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { apiJson, type ResponseSchema } from './api-client';

/** A page of a cabinet list: `?search=&sort=&limit=&cursor=` → `{items, total, nextCursor}`. */
export interface ListPage<T> {
  items: T[];
  /** Every match, counted by the server for the first page and repeated on the next ones. */
  total: number;
  /** True when the server stopped counting at `total` (a journal of millions): there are more. */
  totalCapped?: boolean;
  nextCursor: string | null;
}

/** What a list asks the server for: unset values are left out. */
export interface ListRequest {
  search: string;
  /** A field the list may be sorted by, `-field` descending; undefined: the list's own order. */
  sort: string | undefined;
  pageSize: number;
  filters: Readonly<Record<string, string | undefined>>;
}

/** A list filtered and sorted on the server; «Показать ещё» follows nextCursor. A page may tell more than its items (`P`). */
export function useSearchList<T, P extends ListPage<T> = ListPage<T>>(queryKey: QueryKey, path: string, schema: ResponseSchema<P>, request: ListRequest) {
  const { search, sort, pageSize, filters } = request;
  return useInfiniteQuery({
    queryKey: [...queryKey, 'list', search, sort, pageSize, filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(pageSize) });
      if (search) params.set('search', search);
      if (sort) params.set('sort', sort);
      for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
      if (pageParam) params.set('cursor', pageParam);
      return apiJson(`${path}?${params.toString()}`, schema);
    },
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });
}

/** The list the hook above answers. */
export type SearchList<T> = ReturnType<typeof useSearchList<T>>;
