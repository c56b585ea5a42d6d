import { CATALOG_FEED_START, TerminalCatalogQuery, catalogFeedKey, decodeCatalogCursor, encodeCatalogCursor } from './terminal-catalog';

describe("the terminals' catalog cursor", () => {
  it('orders feed keys as the log orders positions: by transaction, then position, whatever their digits', () => {
    const keys = [
      { transactionId: 10n, globalPosition: 2n },
      { transactionId: 9n, globalPosition: 100n },
      { transactionId: 10n, globalPosition: 11n },
      { transactionId: 18_446_744_073_709_551_615n, globalPosition: 1n },
    ].map(catalogFeedKey);
    expect([...keys].sort()).toEqual([keys[1], keys[0], keys[2], keys[3]]);
    expect(CATALOG_FEED_START < keys[1]!).toBe(true);
  });

  it('gives back the very key it was made from, the start and the largest positions included', () => {
    for (const key of [CATALOG_FEED_START, catalogFeedKey({ transactionId: 758n, globalPosition: 12_345n }), catalogFeedKey({ transactionId: 2n ** 64n - 1n, globalPosition: 2n ** 64n - 1n })]) {
      expect(decodeCatalogCursor(encodeCatalogCursor(key))).toBe(key);
    }
  });

  it('refuses a cursor it could not have written', () => {
    for (const forged of ['', 'c1.', 'c1.1', 'c1.1.', 'c2.1.1', 'c1.1.g', 'c1.1.1.1', 'c1.10000000000000000.1', ' c1.1.1', 'c1.1.1\n']) {
      expect(decodeCatalogCursor(forged)).toBeNull();
    }
  });

  it('reads the query with a Russian message per field: a forged cursor, a page size out of range', () => {
    expect(TerminalCatalogQuery.parse({})).toEqual({ limit: 1000 });
    // `?cursor=` as a first call may send it: from the start too.
    expect(TerminalCatalogQuery.parse({ cursor: '' })).toEqual({ cursor: '', limit: 1000 });
    expect(TerminalCatalogQuery.parse({ cursor: 'c1.1.2', limit: '5000' })).toEqual({ cursor: 'c1.1.2', limit: 5000 });
    const refused = TerminalCatalogQuery.safeParse({ cursor: 'c1.x', limit: '5001' });
    expect(refused.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['cursor', 'Неверный курсор каталога: начните синхронизацию заново без cursor'],
      ['limit', 'Размер страницы — целое число от 1 до 5000'],
    ]);
    expect(TerminalCatalogQuery.safeParse({ limit: 'много' }).error?.issues[0]?.message).toBe('Размер страницы — целое число от 1 до 5000');
  });
});
