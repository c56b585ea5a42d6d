import { allPages } from './file-answers';

/** A list of `pages` pages of two numbers each, recording which cursors were asked for. */
function pagedList(pages: number, failAt?: number) {
  const asked: Array<string | undefined> = [];
  const fetchPage = async (cursor: string | undefined) => {
    asked.push(cursor);
    const page = cursor === undefined ? 0 : Number(cursor);
    if (page === failAt) throw new Error(`page ${page} failed`);
    return { items: [page * 2, page * 2 + 1], nextCursor: page + 1 < pages ? String(page + 1) : null };
  };
  return { asked, fetchPage };
}

describe('allPages', () => {
  it('yields every page in order and stops after the last', async () => {
    const { fetchPage } = pagedList(3);
    const items: number[] = [];
    for await (const page of allPages(fetchPage)) items.push(...page);
    expect(items).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('asks for the next page before the current one is taken, and never for more than one ahead', async () => {
    const { asked, fetchPage } = pagedList(3);
    const pages = allPages(fetchPage);
    await pages.next();
    expect(asked).toEqual([undefined, '1']);
    await pages.next();
    expect(asked).toEqual([undefined, '1', '2']);
  });

  it('throws a failed page where it is read, and a reader that stops first leaves no unhandled rejection', async () => {
    const read = async () => {
      for await (const _ of allPages(pagedList(3, 1).fetchPage));
    };
    await expect(read()).rejects.toThrow('page 1 failed');

    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      for await (const _ of allPages(pagedList(3, 1).fetchPage)) break;
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
