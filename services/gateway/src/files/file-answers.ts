/** `attachment` with an ASCII fallback and the Russian name per RFC 5987. */
export function attachment(filename: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Every page of a cursor-paged list, one after the other. */
export async function* allPages<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/**
 * The pages of a list as rows of a file, the first page read before the answer starts (so that its errors are problems,
 * not a broken download).
 */
export async function firstPageFirst<T, R>(pages: AsyncGenerator<T[]>, toRow: (item: T) => R): Promise<AsyncGenerator<R[]>> {
  const first = await pages.next();
  return (async function* () {
    if (first.done !== true) yield first.value.map(toRow);
    for await (const items of pages) yield items.map(toRow);
  })();
}
