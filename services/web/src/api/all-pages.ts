import { apiJson, type ResponseSchema } from './api-client';

/** The most the API gives in one page. */
const PAGE_SIZE = 200;

/** Every item of a cabinet list, page after page: for pickers and names that need the whole list. */
export async function fetchAllPages<T>(path: string, schema: ResponseSchema<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (cursor) params.set('cursor', cursor);
    const page: { items: T[]; nextCursor: string | null } = await apiJson(`${path}?${params.toString()}`, schema);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
