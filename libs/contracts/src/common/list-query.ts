import { z } from 'zod';

/** The query of every cabinet list: `?search=&limit=&cursor=` → `{items, total, nextCursor}`. */
export const ListQuery = z.strictObject({
  search: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /**
   * `nextCursor` of the previous page. It holds the last row's sort value: a name of 255 characters, each escaped
   * twice at worst (a control character as `\\u0001`), is some 2 500 characters of base64.
   */
  cursor: z.string().max(4096).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

/** A page of a list of `item`s, as every list answers. */
export function listPage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe('Всего подходящих под поиск и фильтры: считается для первой страницы, следующие (по `cursor`) повторяют это число'),
    nextCursor: z.string().nullable().describe('`cursor` следующей страницы; null — страница последняя'),
  });
}

/** A list's sort: a field it may be sorted by, ascending (`name`) or with a minus descending (`-name`). */
export type ListSort<F extends string> = F | `-${F}`;

/** Every value `sort` may take for these fields, ascending first. */
export function listSorts<const F extends string>(fields: readonly F[]): ListSort<F>[] {
  return fields.flatMap((field): ListSort<F>[] => [field, `-${field}`]);
}

/**
 * ListQuery with `sort`, checked against the fields the list may be sorted by (the ones its collection indexes, or a
 * small collection's); absent: the list's own order (by name, or the units' most common first).
 */
export function sortedListQuery<const F extends string>(fields: readonly F[]) {
  const sorts = listSorts(fields);
  return ListQuery.extend({
    sort: z
      .enum(sorts as [ListSort<F>, ...ListSort<F>[]], { error: `Неизвестная сортировка: можно ${sorts.join(', ')}` })
      .optional(),
  });
}

/** A sort value as the field and its direction. */
export function parseListSort<F extends string>(sort: ListSort<F>): { field: F; direction: 'asc' | 'desc' } {
  return sort.startsWith('-') ? { field: sort.slice(1) as F, direction: 'desc' } : { field: sort as F, direction: 'asc' };
}
