import { useSearchParams } from 'react-router';
import type { ListRequest } from '../api/search-list';

/** The page sizes a list offers; the API gives at most 200 a page. */
export const PAGE_SIZES = [20, 50, 100, 200] as const;
const DEFAULT_PAGE_SIZE = 50;

/** A list's search, sort, page size and filters, and how to change them. */
export interface ListParams extends ListRequest {
  /** Sets or (with undefined or '') removes values: `search`, `sort`, `pageSize` or a filter's name. */
  change(values: Readonly<Record<string, string | number | undefined>>): void;
  /** A sortable header clicked: sorts by `field` ascending, then descending, then not at all. */
  toggleSort(field: string): void;
}

/** Where each value lives in the address: `?q=&sort=&size=` and the filters by their own names. */
const PARAM_OF: Readonly<Record<string, string>> = { search: 'q', sort: 'sort', pageSize: 'size' };

/**
 * The address as it is now. The list's own `params` are those of its last render, and a change made a moment ago
 * may not have rendered yet (the router renders navigations as transitions): a second click on a header, or a
 * filter picked right after typing a search, must build on the first change, not undo it.
 */
const currentParams = () => new URLSearchParams(window.location.search);

/**
 * A list's state kept in the address, so that a reload, a shared link and «Назад» from a card's page show the same
 * list. Changes replace the history entry: typing a search leaves no trail of entries to step back through.
 */
export function useListParams(filterNames: readonly string[] = []): ListParams {
  const [params, setParams] = useSearchParams();
  const size = Number(params.get('size'));
  const change: ListParams['change'] = (values) => {
    const next = currentParams();
    for (const [name, value] of Object.entries(values)) {
      const param = PARAM_OF[name] ?? name;
      if (value === undefined || value === '') next.delete(param);
      else next.set(param, String(value));
    }
    setParams(next, { replace: true });
  };
  return {
    search: params.get('q') ?? '',
    sort: params.get('sort') ?? undefined,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
    filters: Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? undefined])),
    change,
    toggleSort(field) {
      const sort = currentParams().get('sort');
      change({ sort: sort === field ? `-${field}` : sort === `-${field}` ? undefined : field });
    },
  };
}
