import { useEffect, useState } from 'react';
import { SearchBox } from '../forms/search-box';
import { useDebounced } from '../forms/use-debounced';
import type { ListParams } from './use-list-params';

const SEARCH_DELAY_MS = 300;

/** A list's search box: what is typed goes to the address once the user pauses; the address (a reload, «Назад») fills it. */
export function ListSearch({ params, placeholder }: { params: ListParams; placeholder: string }) {
  const [text, setText] = useState(params.search);
  const typed = useDebounced(text.trim(), SEARCH_DELAY_MS);
  // Only a new pause in typing writes the address, so that an address changed by «Назад» is not overwritten.
  useEffect(() => {
    if (typed !== params.search) params.change({ search: typed });
  }, [typed]);
  useEffect(() => {
    if (params.search !== typed) setText(params.search);
  }, [params.search]);
  return <SearchBox value={text} onChange={setText} placeholder={placeholder} />;
}
