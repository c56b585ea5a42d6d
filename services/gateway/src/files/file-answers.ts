/** `attachment` with an ASCII fallback and the Russian name per RFC 5987. */
export function attachment(filename: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Every page of a cursor-paged list, one after the other. The next page is asked for as soon as a page comes, so the
 * service reads it while the file takes this one: at most two pages are held, whatever the list's length.
 */
export async function* allPages<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): AsyncGenerator<T[]> {
  let next = fetchPage(undefined);
  for (;;) {
    const page = await next;
    if (page.nextCursor !== null) {
      next = fetchPage(page.nextCursor);
      // A reader that stops early never awaits it: its failure must not be an unhandled rejection.
      next.catch(() => undefined);
    }
    yield page.items;
    if (page.nextCursor === null) return;
  }
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
