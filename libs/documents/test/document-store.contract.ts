/**
 * The DocumentStore contract: every adapter must pass it against a real database.
 */
import {
  CollectionNotReadyError,
  DocumentUniqueViolationError,
  DocumentVersionConflictError,
  InvalidDocumentQueryError,
  defineCollection,
  type DocumentCollection,
  type DocumentStore,
  type FindOptions,
  type StoredDocument,
} from '../src';
import { buildFind, encodeCursor } from '../src/document-sql';
import type { AdapterFixture, TestDatabase } from './document-store-fixtures';

interface Person {
  organisationId: string;
  fullName: string;
  email?: string | null;
  phone?: string;
  age?: number;
  active?: boolean;
  address?: { city: string };
  teamId?: string | null;
}

const people = defineCollection<Person>('people.v1', {
  indexes: [{ fields: ['organisationId', 'email'], unique: true }, { fields: ['organisationId', 'fullName'] }],
  searchFields: ['fullName', 'email', 'phone'],
  indexSearchFields: true,
});

/** Product-shaped: a search over a name, an array of barcodes and an optional article, with trigram indexes. */
interface Good {
  organisationId: string;
  name: string;
  barcodes?: string[] | null;
  article?: string | null;
}
const goods = defineCollection<Good>('goods.v1', {
  indexes: [{ fields: ['organisationId', 'name'] }],
  searchFields: ['name', 'barcodes', 'article'],
  indexSearchFields: true,
});
const GOODS: Record<string, Good> = {
  g1: { organisationId: 'org-1', name: 'Молоко пастеризованное 3,2%', barcodes: ['4607001234566', '4601234567893'], article: 'MLK-001' },
  g2: { organisationId: 'org-1', name: 'МОЛОКО ТОПЛЁНОЕ', barcodes: [], article: null },
  g3: { organisationId: 'org-1', name: 'Ёлочная игрушка', barcodes: null },
  g4: { organisationId: 'org-1', name: 'Кефир', article: 'kef-молок' },
  g5: { organisationId: 'org-1', name: 'Хлеб', barcodes: ['46012345'] },
  g6: { organisationId: 'org-2', name: 'Молоко', barcodes: ['4607001234566'], article: 'MLK-001' },
};

const ORG = 'org-1';
const OTHER_ORG = 'org-2';

/** Ten people of ORG with ties, missing and null fields, Cyrillic names; one person of OTHER_ORG. */
const PEOPLE: Record<string, Person> = {
  p01: { organisationId: ORG, fullName: 'Иван Петров', email: 'ivan@example.com', phone: '+79990000001', age: 30, active: true, address: { city: 'Moscow' } },
  p02: { organisationId: ORG, fullName: 'Anna Smirnova', email: 'anna@example.com', phone: '+79990000002', age: 25, active: true, address: { city: 'Kazan' } },
  p03: { organisationId: ORG, fullName: 'Boris Ivanov', email: null, phone: '+79990000003', age: 30, active: false },
  p04: { organisationId: ORG, fullName: 'anna_100%', email: 'a100@example.com', age: 41, active: true, address: { city: 'Moscow' } },
  p05: { organisationId: ORG, fullName: 'Пётр Иванов', phone: '+79990000005', age: 25, active: true },
  p06: { organisationId: ORG, fullName: 'Clara', email: 'clara@example.com', age: 30 },
  p07: { organisationId: ORG, fullName: 'Dmitry', email: 'dmitry@example.com', phone: '+79990000007', active: false, address: { city: 'Kazan' } },
  p08: { organisationId: ORG, fullName: 'Anna Smirnova', email: 'anna2@example.com', age: 25, active: true },
  p09: { organisationId: ORG, fullName: 'Eve', email: 'eve@example.com', age: 9, active: true },
  p10: { organisationId: ORG, fullName: 'Zoe', age: 100, active: true },
  x01: { organisationId: OTHER_ORG, fullName: 'Anna Smirnova', email: 'anna@example.com', age: 25, active: true },
};

const ids = (documents: StoredDocument<unknown>[]) => documents.map((document) => document.id);

export function documentStoreContract(fixture: AdapterFixture): void {
  describe(`DocumentStore contract: ${fixture.name}`, () => {
    let database: TestDatabase;
    let store: DocumentStore;
    let docs: DocumentCollection<Person>;

    beforeEach(async () => {
      database = await fixture.open();
      store = database.documentStore;
      await store.ensureCollections([people]);
      docs = store.collection(people);
    });

    async function seed(): Promise<void> {
      for (const [id, person] of Object.entries(PEOPLE)) await docs.upsert(id, person);
    }

    /** Ids of ORG's people matching `options`, across every page. */
    async function findIds(options: FindOptions): Promise<string[]> {
      const page = await docs.find({ ...options, where: { organisationId: ORG, ...options.where }, limit: 100 });
      expect(page.nextCursor).toBeNull();
      return ids(page.items);
    }

    describe('get, upsert, delete', () => {
      it('returns null for a document that does not exist', async () => {
        expect(await docs.get('missing')).toBeNull();
      });

      it('stores a document at version 1 and counts every write', async () => {
        const first = await docs.upsert('p01', PEOPLE['p01'] as Person);
        expect(first).toEqual({ id: 'p01', version: 1, data: PEOPLE['p01'], checkpoint: null });
        await docs.upsert('p01', { ...(PEOPLE['p01'] as Person), age: 31 });
        expect(await docs.get('p01')).toEqual({ id: 'p01', version: 2, data: { ...PEOPLE['p01'], age: 31 }, checkpoint: null });
      });

      it("inserts with expectedVersion 'absent' and rejects it when the document exists", async () => {
        await docs.upsert('p01', PEOPLE['p01'] as Person, { expectedVersion: 'absent' });
        const attempt = docs.upsert('p01', PEOPLE['p02'] as Person, { expectedVersion: 'absent' });
        await expect(attempt).rejects.toThrow(DocumentVersionConflictError);
        await expect(attempt).rejects.toMatchObject({ collection: 'people.v1', id: 'p01', expected: 'absent', actual: 1 });
        expect((await docs.get('p01'))?.data).toEqual(PEOPLE['p01']);
      });

      it('updates with the current version and rejects a stale or absent one', async () => {
        await docs.upsert('p01', PEOPLE['p01'] as Person);
        expect((await docs.upsert('p01', { ...(PEOPLE['p01'] as Person), age: 31 }, { expectedVersion: 1 })).version).toBe(2);
        await expect(docs.upsert('p01', PEOPLE['p01'] as Person, { expectedVersion: 1 })).rejects.toMatchObject({
          name: 'DocumentVersionConflictError',
          expected: 1,
          actual: 2,
        });
        await expect(docs.upsert('p02', PEOPLE['p02'] as Person, { expectedVersion: 1 })).rejects.toMatchObject({ expected: 1, actual: 0 });
        expect(await docs.get('p02')).toBeNull();
      });

      it('deletes a document, reporting whether one was there', async () => {
        await docs.upsert('p01', PEOPLE['p01'] as Person);
        expect(await docs.delete('p01')).toBe(true);
        expect(await docs.delete('p01')).toBe(false);
        expect(await docs.get('p01')).toBeNull();
        expect((await docs.upsert('p01', PEOPLE['p01'] as Person, { expectedVersion: 'absent' })).version).toBe(1);
      });

      it('deletes only at the expected version', async () => {
        await docs.upsert('p01', PEOPLE['p01'] as Person);
        await docs.upsert('p01', PEOPLE['p01'] as Person);
        await expect(docs.delete('p01', { expectedVersion: 1 })).rejects.toMatchObject({ name: 'DocumentVersionConflictError', actual: 2 });
        await expect(docs.delete('nobody', { expectedVersion: 1 })).rejects.toMatchObject({ actual: 0 });
        expect(await docs.delete('p01', { expectedVersion: 2 })).toBe(true);
      });

      it('records the checkpoint of a write and keeps it through a write without one', async () => {
        const checkpoint = { transactionId: 2n ** 63n + 5n, globalPosition: 2n ** 53n + 1n };
        expect((await docs.upsert('p01', PEOPLE['p01'] as Person, { checkpoint })).checkpoint).toEqual(checkpoint);
        expect((await docs.upsert('p01', PEOPLE['p01'] as Person)).checkpoint).toEqual(checkpoint);
        expect((await docs.get('p01'))?.checkpoint).toEqual(checkpoint);
      });

      it('keeps a document of a few kilobytes uncompressed in its row, a larger one compressed', async () => {
        // The bulk in a field no index holds: an indexed one is also kept in a column of its own.
        await docs.upsert('small', { organisationId: ORG, fullName: 'Иван Петров', phone: 'Иван Петров '.repeat(300) });
        await docs.upsert('large', { organisationId: ORG, fullName: 'Иван Петров', phone: 'Иван Петров '.repeat(2_000) });
        const rows = await database.query<{ id: string; compression: string | null }>(
          `SELECT id, pg_column_compression(data) AS compression FROM "${database.schema}"."${people.name}" ORDER BY id`,
        );
        expect(rows).toEqual([
          { id: 'large', compression: expect.any(String) },
          { id: 'small', compression: null },
        ]);
        expect((await docs.get('small'))?.data.phone).toBe('Иван Петров '.repeat(300));
      });

      it('reads many documents by id in one call, leaving out the missing ones', async () => {
        await seed();
        const found = await docs.getMany(['p01', 'missing', 'p03']);
        expect([...found.keys()].sort()).toEqual(['p01', 'p03']);
        expect(found.get('p03')).toEqual({ id: 'p03', version: 1, data: PEOPLE['p03'], checkpoint: null });
        expect((await docs.getMany([])).size).toBe(0);
      });

      it('inserts and replaces many documents in one call, counting versions and keeping checkpoints as upsert does', async () => {
        const first = { transactionId: 2n ** 63n + 5n, globalPosition: 2n ** 53n + 1n };
        const later = { transactionId: 2n ** 63n + 6n, globalPosition: 2n ** 53n + 2n };
        await docs.upsert('p01', PEOPLE['p01'] as Person, { checkpoint: first });
        await docs.upsertMany([
          { id: 'p01', data: { ...(PEOPLE['p01'] as Person), age: 31 } },
          { id: 'p02', data: PEOPLE['p02'] as Person, checkpoint: later },
          { id: 'p03', data: PEOPLE['p03'] as Person },
        ]);
        const stored = await docs.getMany(['p01', 'p02', 'p03']);
        expect(stored.get('p01')).toEqual({ id: 'p01', version: 2, data: { ...PEOPLE['p01'], age: 31 }, checkpoint: first });
        expect(stored.get('p02')).toEqual({ id: 'p02', version: 1, data: PEOPLE['p02'], checkpoint: later });
        expect(stored.get('p03')?.checkpoint).toBeNull();
        await docs.upsertMany([]);
      });

      it('stores large upsertMany and insertMany writes exactly as given, whatever their text', async () => {
        // Past 128 KiB of JSON (PostgreSQL gets it in parts, see @elk/eventstore's jsonb-array.ts), with every kind of text JSON escapes.
        const texts = ['Иванова «Мария» Петровна', 'emoji 🧾☕', 'quote " backslash \\ slash /', 'tab\tnew line\nreturn\r', '\u0001\u001f\u007f\u2028\u2029', ''];
        const personOf = (index: number): Person => ({
          organisationId: 'org-text',
          fullName: `${texts[index % texts.length]} ${index}`,
          email: null,
          phone: texts.join(' ').repeat(20),
          address: { city: texts[(index + 1) % texts.length]! },
        });
        const upserted = Array.from({ length: 60 }, (_, index) => ({ id: `u${index}`, data: personOf(index) }));
        const inserted = Array.from({ length: 60 }, (_, index) => ({ id: `i${index}`, data: personOf(index + 60) }));

        await docs.upsertMany(upserted);
        await docs.insertMany(inserted);

        const stored = await docs.getMany([...upserted, ...inserted].map(({ id }) => id));
        expect([...upserted, ...inserted].map(({ id }) => stored.get(id)?.data)).toEqual([...upserted, ...inserted].map(({ data }) => data));
      });

      it('refuses an id twice in one upsertMany and writes nothing of it', async () => {
        const twice = docs.upsertMany([
          { id: 'p01', data: PEOPLE['p01'] as Person },
          { id: 'p01', data: PEOPLE['p02'] as Person },
        ]);
        await expect(twice).rejects.toThrow(InvalidDocumentQueryError);
        expect(await docs.get('p01')).toBeNull();
      });

      it('writes none of an upsertMany that breaks a unique index, naming the index', async () => {
        await docs.upsert('p01', PEOPLE['p01'] as Person);
        const clash = docs.upsertMany([
          { id: 'p02', data: PEOPLE['p02'] as Person },
          { id: 'p03', data: { ...(PEOPLE['p03'] as Person), email: PEOPLE['p01']!.email } },
        ]);
        await expect(clash).rejects.toMatchObject({ name: 'DocumentUniqueViolationError', indexName: 'people.v1:organisationId,email' });
        expect((await docs.getMany(['p02', 'p03'])).size).toBe(0);
      });

      it('inserts many new documents in one call, and writes none of them when one exists', async () => {
        const at = { transactionId: 2n ** 63n + 5n, globalPosition: 2n ** 53n + 1n };
        await docs.insertMany([
          { id: 'p01', data: PEOPLE['p01'] as Person, checkpoint: at },
          { id: 'p02', data: PEOPLE['p02'] as Person },
        ]);
        const stored = await docs.getMany(['p01', 'p02']);
        expect(stored.get('p01')).toEqual({ id: 'p01', version: 1, data: PEOPLE['p01'], checkpoint: at });
        expect(stored.get('p02')).toEqual({ id: 'p02', version: 1, data: PEOPLE['p02'], checkpoint: null });
        await expect(docs.insertMany([{ id: 'p03', data: PEOPLE['p03'] as Person }, { id: 'p01', data: PEOPLE['p04'] as Person }])).rejects.toThrow(/duplicate key/);
        expect(await docs.get('p03')).toBeNull();
        expect((await docs.get('p01'))?.data).toEqual(PEOPLE['p01']);
        await expect(docs.insertMany([{ id: 'p05', data: PEOPLE['p05'] as Person }, { id: 'p05', data: PEOPLE['p06'] as Person }])).rejects.toThrow(InvalidDocumentQueryError);
        await docs.insertMany([]);
      });

      it('deletes many documents by id in one call, counting those that were there', async () => {
        await seed();
        expect(await docs.deleteMany(['p01', 'missing', 'p02'])).toBe(2);
        expect((await docs.getMany(['p01', 'p02', 'p03'])).size).toBe(1);
        expect(await docs.deleteMany([])).toBe(0);
      });

      it('empties the collection with deleteAll', async () => {
        await seed();
        await docs.deleteAll();
        expect((await docs.find()).total).toBe(0);
      });
    });

    describe('find', () => {
      beforeEach(seed);

      it('filters by equality, with a bare value or eq, on top-level and nested fields', async () => {
        expect(await findIds({ where: { age: 25, email: undefined } })).toEqual(['p02', 'p05', 'p08']);
        expect(await findIds({ where: { active: { eq: false } } })).toEqual(['p03', 'p07']);
        expect(await findIds({ where: { 'address.city': 'Moscow' } })).toEqual(['p01', 'p04']);
      });

      it('treats a missing field and a null one alike', async () => {
        expect(await findIds({ where: { email: null } })).toEqual(['p03', 'p05', 'p10']);
        expect(await findIds({ where: { email: { exists: false } } })).toEqual(['p03', 'p05', 'p10']);
        expect(await findIds({ where: { age: { exists: true }, 'address.city': { exists: true } } })).toEqual(['p01', 'p02', 'p04']);
      });

      it('filters by ne, including documents without the field', async () => {
        expect(await findIds({ where: { active: { ne: true } } })).toEqual(['p03', 'p06', 'p07']);
        expect(await findIds({ where: { email: { ne: null }, age: { ne: 30 } } })).toEqual(['p02', 'p04', 'p07', 'p08', 'p09']);
      });

      it('filters by in, with null matching missing fields', async () => {
        expect(await findIds({ where: { age: { in: [9, 41] } } })).toEqual(['p04', 'p09']);
        expect(await findIds({ where: { 'address.city': { in: ['Kazan', null] }, active: true } })).toEqual(['p02', 'p05', 'p08', 'p09', 'p10']);
        expect(await findIds({ where: { age: { in: [] } } })).toEqual([]);
      });

      it('compares numbers numerically and strings by collation', async () => {
        expect(await findIds({ where: { age: { gt: 25, lte: 41 } } })).toEqual(['p01', 'p03', 'p04', 'p06']);
        expect(await findIds({ where: { age: { gte: 41 } } })).toEqual(['p04', 'p10']);
        expect(await findIds({ where: { age: { lt: 25, gte: undefined } } })).toEqual(['p09']);
        expect(await findIds({ where: { fullName: { gte: 'C', lt: 'E' } } })).toEqual(['p06', 'p07']);
      });

      it('keeps tenants apart by the organisationId filter', async () => {
        const page = await docs.find({ where: { organisationId: OTHER_ORG } });
        expect(ids(page.items)).toEqual(['x01']);
        expect(page.total).toBe(1);
      });

      it('searches full name, email and phone case-insensitively, Cyrillic included', async () => {
        expect(await findIds({ search: 'ANNA' })).toEqual(['p02', 'p04', 'p08']);
        expect(await findIds({ search: 'иванов' })).toEqual(['p05']);
        expect(await findIds({ search: 'иван' })).toEqual(['p01', 'p05']);
        expect(await findIds({ search: 'Clara@Example' })).toEqual(['p06']);
        expect(await findIds({ search: '0000007' })).toEqual(['p07']);
        expect(await findIds({ search: '  ', where: { age: 9 } })).toEqual(['p09']);
      });

      it('searches an array of strings, whole values and fragments, and fields missing or null, with trigram indexes', async () => {
        await store.ensureCollections([goods]);
        const collection = store.collection(goods);
        for (const [id, good] of Object.entries(GOODS)) await collection.upsert(id, good);
        const search = async (text: string) => {
          const page = await collection.find({ where: { organisationId: ORG }, search: text, sort: [{ field: 'name' }] });
          expect(page.total).toBe(page.items.length);
          return ids(page.items).sort();
        };
        expect(await search('молок')).toEqual(['g1', 'g2', 'g4']);
        expect(await search('МОЛОКО')).toEqual(['g1', 'g2']);
        expect(await search('топлёное')).toEqual(['g2']);
        expect(await search('ЁЛОЧ')).toEqual(['g3']);
        expect(await search('4601234567893')).toEqual(['g1']);
        expect(await search('4607001234566')).toEqual(['g1']);
        expect(await search('0012345')).toEqual(['g1']);
        expect(await search('4601234')).toEqual(['g1', 'g5']);
        expect(await search('mlk-0')).toEqual(['g1']);
        expect(await search('ке')).toEqual(['g4']);
        expect(await search('46')).toEqual(['g1', 'g5']);
        expect(await search('4')).toEqual(['g1', 'g5']);
        expect(await search('null')).toEqual([]);
        const paged: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<typeof collection.find>> = await collection.find({
            where: { organisationId: ORG },
            search: 'молок',
            sort: [{ field: 'name', direction: 'desc' }],
            limit: 1,
            cursor,
          });
          expect(page.total).toBe(3);
          paged.push(...ids(page.items));
          cursor = page.nextCursor;
        } while (cursor);
        expect(paged).toEqual(['g1', 'g2', 'g4']); // byte order: «Мо» after «МО»
      });

      it('can serve a search from the trigram indexes, the items and the count', async () => {
        // Without the organisationId filter, so that its b-tree index cannot stand in for them.
        const { items, total } = buildFind(database.schema, people, { search: 'Петров', sort: [{ field: 'fullName' }] });
        if (!('count' in total)) throw new Error('a first page counts');
        for (const statement of [items, total.count]) {
          const plan = await database.explainWithoutSeqScan(statement.text, statement.values);
          for (const field of ['fullName', 'email', 'phone']) expect(plan).toContain(`Bitmap Index Scan on "people.v1:trgm:${field}"`);
        }
        expect(await findIds({ search: 'петров' })).toEqual(['p01']);
      });

      it('matches %, _ and \\ in a search literally', async () => {
        expect(await findIds({ search: '100%' })).toEqual(['p04']);
        expect(await findIds({ search: '_' })).toEqual(['p04']);
        expect(await findIds({ search: '%' })).toEqual(['p04']);
        expect(await findIds({ search: '\\' })).toEqual([]);
      });

      it('sorts by several fields with the id as tie-breaker, missing values last ascending and first descending', async () => {
        expect(await findIds({ sort: [{ field: 'age' }] })).toEqual(['p09', 'p02', 'p05', 'p08', 'p01', 'p03', 'p06', 'p04', 'p10', 'p07']);
        expect(await findIds({ sort: [{ field: 'age', direction: 'desc' }] })).toEqual(['p07', 'p10', 'p04', 'p06', 'p03', 'p01', 'p08', 'p05', 'p02', 'p09']);
        expect(await findIds({ sort: [{ field: 'age', direction: 'desc' }, { field: 'fullName' }], where: { age: { lte: 30 } } })).toEqual([
          'p03',
          'p06',
          'p01',
          'p02',
          'p08',
          'p05',
          'p09',
        ]);
      });

      it('counts every match whatever the page size', async () => {
        const page = await docs.find({ where: { organisationId: ORG, active: true }, limit: 2 });
        expect(page.items).toHaveLength(2);
        expect(page.total).toBe(7);
        expect((await docs.find({ where: { organisationId: ORG }, search: 'anna', limit: 1 })).total).toBe(3);
      });

      it('counts for the first page only: the cursor carries that total to the pages after it', async () => {
        const first = await docs.find({ where: { organisationId: ORG }, sort: [{ field: 'fullName' }], limit: 4 });
        expect(first.total).toBe(10);
        await docs.upsert('p11', { organisationId: ORG, fullName: 'Zoe Late' });
        const second = await docs.find({ where: { organisationId: ORG }, sort: [{ field: 'fullName' }], limit: 4, cursor: first.nextCursor });
        expect(second.total).toBe(10);
        expect((await docs.find({ where: { organisationId: ORG }, limit: 4 })).total).toBe(11);
        expect(buildFind(database.schema, people, { sort: [{ field: 'fullName' }], cursor: first.nextCursor }).total).toEqual({ carried: { total: 10, capped: false } });
      });

      it('counts up to countUpTo and says so when there are more, on the first page and after it', async () => {
        const first = await docs.find({ where: { organisationId: ORG }, sort: [{ field: 'fullName' }], limit: 4, countUpTo: 6 });
        expect([first.total, first.totalCapped]).toEqual([6, true]);
        const second = await docs.find({ where: { organisationId: ORG }, sort: [{ field: 'fullName' }], limit: 4, countUpTo: 6, cursor: first.nextCursor });
        expect([second.total, second.totalCapped]).toEqual([6, true]);
        const exact = await docs.find({ where: { organisationId: ORG }, limit: 4, countUpTo: 10 });
        expect([exact.total, exact.totalCapped]).toEqual([10, undefined]);
        await expect(docs.find({ countUpTo: 0 })).rejects.toThrow(InvalidDocumentQueryError);
      });

      it.each([['negative', -1], ['fractional', 1.5], ['text', '10'], ['missing', undefined]])('refuses a cursor whose total is %s', async (_, total) => {
        const [id, sortKey] = ['p01', '["Anna"]'];
        const cursor = encodeCursor({ s: 'fullName:asc', k: sortKey, i: id, t: total as number });
        await expect(docs.find({ sort: [{ field: 'fullName' }], cursor })).rejects.toThrow(InvalidDocumentQueryError);
      });

      const pagedSorts: Array<FindOptions['sort']> = [
        undefined,
        [{ field: 'fullName' }],
        [{ field: 'age' }],
        [{ field: 'age', direction: 'desc' }],
        [{ field: 'email', direction: 'desc' }, { field: 'age' }],
        [{ field: 'active' }, { field: 'address.city', direction: 'desc' }, { field: 'age', direction: 'desc' }],
      ];
      it.each(pagedSorts.map((sort) => [JSON.stringify(sort ?? 'id'), sort] as const))(
        'pages by cursor without loss or repeat, ties and missing values included (sort %s)',
        async (_, sort) => {
          const all = await docs.find({ where: { organisationId: ORG }, sort, limit: 100 });
          for (const limit of [1, 3, 4]) {
            const seen: string[] = [];
            let cursor: string | null = null;
            do {
              const page: Awaited<ReturnType<typeof docs.find>> = await docs.find({ where: { organisationId: ORG }, sort, limit, cursor });
              expect(page.total).toBe(10);
              expect(page.items.length).toBeLessThanOrEqual(limit);
              seen.push(...ids(page.items));
              cursor = page.nextCursor;
            } while (cursor);
            expect(seen).toEqual(ids(all.items));
          }
        },
      );

      it('starts the index scan of a later page at its cursor, newest first, instead of reading the earlier rows again', async () => {
        const first = await docs.find({ where: { organisationId: ORG }, sort: [{ field: 'fullName', direction: 'desc' }], limit: 3 });
        const { items } = buildFind(database.schema, people, { where: { organisationId: ORG }, sort: [{ field: 'fullName', direction: 'desc' }], limit: 3, cursor: first.nextCursor });
        const plan = await database.explainWithoutSeqScan(items.text, items.values);
        expect(plan).toContain('Index Scan Backward using "people.v1:organisationId,fullName"');
        expect(plan).toMatch(/Index Cond: \(.*"data\.fullName" <=/);
      });

      it('counts up to the cap from the index alone, reading no document', async () => {
        const { total } = buildFind(database.schema, people, { where: { organisationId: ORG, fullName: { gte: 'A' } }, countUpTo: 5 });
        if (!('count' in total)) throw new Error('a first page counts');
        await database.query(`VACUUM "${database.schema}"."${people.name}"`);
        expect(await database.explainWithoutSeqScan(total.count.text, total.count.values)).toContain('Index Only Scan using "people.v1:organisationId,fullName"');
      });

      it('reads only the fields asked for, a missing one as null, and pages through them by the sort', async () => {
        const where = { organisationId: ORG, active: true };
        const whole = await docs.find({ where, sort: [{ field: 'fullName', direction: 'desc' }], limit: 100 });
        const first = await docs.find({ where, sort: [{ field: 'fullName', direction: 'desc' }], limit: 4, fields: ['fullName', 'address'] });
        const second = await docs.find({ where, sort: [{ field: 'fullName', direction: 'desc' }], limit: 4, fields: ['fullName', 'address'], cursor: first.nextCursor });
        expect([...first.items, ...second.items].map(({ id, data }) => [id, data])).toEqual(whole.items.map(({ id, data }) => [id, { fullName: data.fullName, address: data.address ?? null }]));
        expect(second.nextCursor).toBeNull();
        for (const fields of [[], ['address.city'], ["x', data) --"]]) await expect(docs.find({ fields })).rejects.toThrow(InvalidDocumentQueryError);
      });

      it('reads each match as the array of the values asked for, nested or missing ones as null, and pages through them by the sort', async () => {
        const where = { organisationId: ORG, active: true };
        const sort = [{ field: 'fullName', direction: 'desc' as const }];
        const whole = await docs.find({ where, sort, limit: 100 });
        const values = ['fullName', 'address.city', 'age', 'address'];
        const first = await docs.findValues({ where, sort, limit: 4, values });
        const second = await docs.findValues({ where, sort, limit: 4, values, cursor: first.nextCursor });
        expect([...first.rows, ...second.rows]).toEqual(whole.items.map(({ data }) => [data.fullName, data.address?.city ?? null, data.age ?? null, data.address ?? null]));
        expect([first.rows.length, second.nextCursor]).toEqual([4, null]);
        for (const paths of [[], ['address..city'], ["x', data) --"], Array.from({ length: 51 }, () => 'age')]) {
          await expect(docs.findValues({ values: paths })).rejects.toThrow(InvalidDocumentQueryError);
        }
      });

      it('returns no next cursor when the last page is exactly full', async () => {
        const first = await docs.find({ where: { organisationId: ORG }, limit: 5 });
        const second = await docs.find({ where: { organisationId: ORG }, limit: 5, cursor: first.nextCursor });
        expect(second.items).toHaveLength(5);
        expect(second.nextCursor).toBeNull();
      });

      it('rejects field paths, operators, cursors and limits it cannot trust', async () => {
        const rejected: FindOptions[] = [
          { where: { "email') OR true --": 'x' } },
          { where: { 'address..city': 'x' } },
          { sort: [{ field: 'age; DROP TABLE x' }] },
          { sort: [{ field: 'age', direction: 'sideways' as 'asc' }] },
          { where: { age: { like: 3 } as never } },
          { where: { age: { gt: null } as never } },
          { where: { age: { in: 'x' } as never } },
          { cursor: 'not-a-cursor' },
          { cursor: (await docs.find({ limit: 1, sort: [{ field: 'age' }] })).nextCursor },
          { limit: 0 },
          { limit: 1.5 },
        ];
        for (const options of rejected) await expect(docs.find(options)).rejects.toThrow(InvalidDocumentQueryError);
        expect((await docs.find()).total).toBe(11);
      });

      it.each([
        ['a NUL in a sort key value', '["\\u0000"]', 'p1'],
        ['half a surrogate pair in a sort key value', '["\\ud800"]', 'p1'],
        ['a number PostgreSQL cannot hold', '[1e-99999]', 'p1'],
        ['a number past a double', '[1e999]', 'p1'],
        ['a NUL in a key of an object', '[{"\\u0000": 1}]', 'p1'],
        ['a NUL in the id', '["Иванов"]', 'p1\u0000'],
      ])('rejects a forged cursor with %s, as the database would', async (_, sortKey, id) => {
        const cursor = encodeCursor({ s: 'fullName:asc', k: sortKey, i: id, t: 1 });
        await expect(docs.find({ sort: [{ field: 'fullName' }], cursor })).rejects.toThrow(InvalidDocumentQueryError);
      });

      it('takes a forged cursor it can read: a page after that place, of the rows the filters allow', async () => {
        const after = (sortKey: string) =>
          docs.find({ where: { organisationId: ORG }, sort: [{ field: 'fullName' }], limit: 50, cursor: encodeCursor({ s: 'fullName:asc', k: sortKey, i: '', t: 1 }) });
        // jsonb orders objects after numbers, and numbers after strings: no name comes after those.
        expect((await after('[{"any": ["json", 1.5, true, null]}]')).items).toEqual([]);
        expect((await after('[-12345678901234567890.5]')).items).toEqual([]);
        expect((await after('[""]')).items).toHaveLength(10);
      });
    });

    describe('typed fields', () => {
      const typedIndexes = [
        { fields: ['organisationId', 'age'] },
        { fields: ['organisationId', 'active', 'fullName'] },
        { fields: ['organisationId', 'fullName'] },
      ];
      const typedPeople = defineCollection<Person>('people.typed', {
        indexes: typedIndexes,
        fieldTypes: { organisationId: 'string', fullName: 'string', age: 'number', active: 'boolean' },
      });
      const jsonbPeople = defineCollection<Person>('people.jsonb', { indexes: typedIndexes });

      async function collections(): Promise<[DocumentCollection<Person>, DocumentCollection<Person>]> {
        await store.ensureCollections([typedPeople, jsonbPeople]);
        const pair = [store.collection(typedPeople), store.collection(jsonbPeople)] as [DocumentCollection<Person>, DocumentCollection<Person>];
        for (const collection of pair) for (const [id, person] of Object.entries(PEOPLE)) await collection.upsert(id, person);
        return pair;
      }

      /** Every page of `options`, three at a time: ids and the total. */
      async function pages(collection: DocumentCollection<Person>, options: FindOptions): Promise<{ ids: string[]; total: number }> {
        const found: string[] = [];
        let cursor: string | null = null;
        let total = 0;
        do {
          const page: Awaited<ReturnType<typeof collection.find>> = await collection.find({ ...options, where: { organisationId: ORG, ...options.where }, limit: 3, cursor });
          found.push(...ids(page.items));
          total = page.total;
          cursor = page.nextCursor;
        } while (cursor);
        return { ids: found, total };
      }

      it('filters, sorts and pages on typed columns exactly as on jsonb ones', async () => {
        const [typed, jsonb] = await collections();
        const queries: FindOptions[] = [
          { sort: [{ field: 'age' }] },
          { sort: [{ field: 'age', direction: 'desc' }] },
          { sort: [{ field: 'fullName', direction: 'desc' }] },
          { sort: [{ field: 'active' }, { field: 'fullName' }] },
          { sort: [{ field: 'active', direction: 'desc' }, { field: 'age', direction: 'desc' }] },
          { where: { age: { gte: 25, lt: 41 } }, sort: [{ field: 'age', direction: 'desc' }] },
          { where: { age: { in: [9, 100, null] } } },
          { where: { age: { ne: 30 } }, sort: [{ field: 'fullName' }] },
          { where: { age: { exists: false } } },
          { where: { active: false } },
          { where: { active: { ne: true } }, sort: [{ field: 'age' }] },
          { where: { fullName: { gt: 'Anna Smirnova', lte: 'Иван Петров' } }, sort: [{ field: 'fullName' }] },
          { where: { fullName: { in: ['Clara', 'Eve'] } } },
        ];
        for (const query of queries) expect([query, await pages(typed, query)]).toEqual([query, await pages(jsonb, query)]);
      });

      it('refuses a condition or a cursor value of another type than the field holds', async () => {
        const [typed] = await collections();
        for (const where of [{ age: '30' }, { age: { gte: '3' } }, { active: { in: [true, 'yes'] } }, { fullName: { ne: 1 } }]) {
          await expect(typed.find({ where })).rejects.toThrow(InvalidDocumentQueryError);
        }
        const cursor = encodeCursor({ s: 'age:asc', k: '["30"]', i: 'p01', t: 10 });
        await expect(typed.find({ sort: [{ field: 'age' }], cursor })).rejects.toThrow('Invalid cursor');
      });

      it('reads a stored value of another type as missing', async () => {
        const [typed] = await collections();
        await typed.upsert('p99', { organisationId: ORG, fullName: 'Old', age: 'old' as unknown as number });
        expect((await pages(typed, { where: { age: { exists: false } } })).ids).toEqual(['p07', 'p99']);
        expect((await typed.get('p99'))?.data.age).toBe('old');
      });

      describe('uuid', () => {
        const TEAMS = ['0b6e3a52-9d1f-4c3e-8a27-5f0c1d2e3b4a', '7a9d2c41-1e5b-4f6a-9c3d-2b8e7f6a5d4c', 'f3c1b7e9-6a2d-4b8c-a1e5-9d7f3c2b1a06'];
        /** PEOPLE with a team each: one of three, null or none. */
        const TEAM_PEOPLE = Object.fromEntries(
          Object.entries(PEOPLE).map(([id, person], index) => [id, index % 4 === 3 ? { ...person, teamId: null } : index === 5 ? person : { ...person, teamId: TEAMS[index % 3] }]),
        );
        const teamIndexes = [{ fields: ['organisationId', 'teamId', 'fullName'] }, { fields: ['teamId'] }];
        const uuidTeams = defineCollection<Person>('people.uuid', { indexes: teamIndexes, fieldTypes: { organisationId: 'string', teamId: 'uuid' } });
        const jsonbTeams = defineCollection<Person>('people.teams', { indexes: teamIndexes });

        async function teamCollections(): Promise<[DocumentCollection<Person>, DocumentCollection<Person>]> {
          await store.ensureCollections([uuidTeams, jsonbTeams]);
          const pair = [store.collection(uuidTeams), store.collection(jsonbTeams)] as [DocumentCollection<Person>, DocumentCollection<Person>];
          for (const collection of pair) for (const [id, person] of Object.entries(TEAM_PEOPLE)) await collection.upsert(id, person);
          return pair;
        }

        it('filters, sorts and pages on a uuid column exactly as on jsonb', async () => {
          const [typed, jsonb] = await teamCollections();
          const [uuidType] = await database.query<{ type: string }>(
            `SELECT format_type(atttypid, NULL) AS type FROM pg_attribute WHERE attrelid = '"${database.schema}"."people.uuid"'::regclass AND attname = 'data.teamId'`,
          );
          expect(uuidType?.type).toBe('uuid');
          const queries: FindOptions[] = [
            { sort: [{ field: 'teamId' }] },
            { sort: [{ field: 'teamId', direction: 'desc' }, { field: 'fullName' }] },
            { where: { teamId: TEAMS[0] } },
            { where: { teamId: TEAMS[1]!.toUpperCase() } },
            { where: { teamId: { in: [TEAMS[1]!, null] } }, sort: [{ field: 'fullName' }] },
            { where: { teamId: { ne: TEAMS[2] } }, sort: [{ field: 'teamId' }] },
            { where: { teamId: { gt: TEAMS[0] } }, sort: [{ field: 'teamId', direction: 'desc' }] },
            { where: { teamId: { exists: false } } },
          ];
          for (const query of queries) {
            // jsonb compares text as it is; a uuid matches whatever the case of its hex digits.
            const expected = await pages(jsonb, query.where?.['teamId'] === TEAMS[1]!.toUpperCase() ? { where: { teamId: TEAMS[1] } } : query);
            expect([query, await pages(typed, query)]).toEqual([query, expected]);
          }
        });

        it('refuses a condition, a cursor or a document whose value is not a UUID', async () => {
          const [typed] = await teamCollections();
          for (const where of [{ teamId: 'team-1' }, { teamId: { in: [TEAMS[0]!, 'team-1'] } }, { teamId: { gte: 1 } }]) {
            await expect(typed.find({ where })).rejects.toThrow(InvalidDocumentQueryError);
          }
          const cursor = encodeCursor({ s: 'teamId:asc', k: '["team-1"]', i: 'p01', t: 10 });
          await expect(typed.find({ sort: [{ field: 'teamId' }], cursor })).rejects.toThrow('Invalid cursor');
          await expect(typed.upsert('p98', { organisationId: ORG, fullName: 'Team', teamId: 'team-1' })).rejects.toThrow(/uuid/);
          await typed.upsert('p99', { organisationId: ORG, fullName: 'Numbered', teamId: 7 as unknown as string });
          expect((await pages(typed, { where: { teamId: { exists: false } } })).ids).toContain('p99');
        });

        it('makes the text column of a field typed uuid since a uuid one, keeping the documents', async () => {
          const before = defineCollection<Person>('people.reteamed', { indexes: teamIndexes, fieldTypes: { teamId: 'string' } });
          await store.ensureCollections([before]);
          for (const [id, person] of Object.entries(TEAM_PEOPLE)) await store.collection(before).upsert(id, person);
          const query: FindOptions = { where: { teamId: TEAMS[0] }, sort: [{ field: 'fullName' }] };
          const found = await pages(store.collection(before), query);
          const after = defineCollection<Person>('people.reteamed', { indexes: teamIndexes, fieldTypes: { teamId: 'uuid' } });
          await store.ensureCollections([after]);
          await store.ensureCollections([after]);
          const [column] = await database.query<{ type: string }>(
            `SELECT format_type(atttypid, NULL) AS type FROM pg_attribute WHERE attrelid = '"${database.schema}"."people.reteamed"'::regclass AND attname = 'data.teamId' AND NOT attisdropped`,
          );
          expect(column?.type).toBe('uuid');
          const indexes = await database.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 ORDER BY indexname', [database.schema, 'people.reteamed']);
          expect(indexes.map(({ indexname }) => indexname)).toEqual(expect.arrayContaining(['people.reteamed:organisationId,teamId,fullName', 'people.reteamed:teamId']));
          expect(found.ids).toHaveLength(3);
          expect(await pages(store.collection(after), query)).toEqual(found);
        });
      });

      it('serves a typed filter and sort from its index', async () => {
        await collections();
        const { items } = buildFind(database.schema, typedPeople, { where: { organisationId: ORG, age: { gte: 25 } }, sort: [{ field: 'age', direction: 'desc' }] });
        expect(await database.explainWithoutSeqScan(items.text, items.values)).toContain('Index Scan Backward using "people.typed:organisationId,age"');
      });

      it('makes the jsonb column of a field typed since a typed one, with its indexes, keeping the documents', async () => {
        const before = defineCollection<Person>('people.retyped', { indexes: typedIndexes });
        await store.ensureCollections([before]);
        for (const [id, person] of Object.entries(PEOPLE)) await store.collection(before).upsert(id, person);
        const after = defineCollection<Person>('people.retyped', { indexes: typedIndexes, fieldTypes: { age: 'number', active: 'boolean' } });
        await store.ensureCollections([after]);
        await store.ensureCollections([after]);
        const columns = await database.query<{ attname: string; type: string }>(
          `SELECT attname, format_type(atttypid, NULL) AS type FROM pg_attribute WHERE attrelid = '"${database.schema}"."people.retyped"'::regclass AND attname LIKE 'data.%' ORDER BY attname`,
        );
        expect(columns).toEqual([
          { attname: 'data.active', type: 'boolean' },
          { attname: 'data.age', type: 'numeric' },
          { attname: 'data.fullName', type: 'jsonb' },
          { attname: 'data.organisationId', type: 'jsonb' },
        ]);
        const indexes = await database.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 ORDER BY indexname', [database.schema, 'people.retyped']);
        expect(indexes.map(({ indexname }) => indexname)).toEqual(expect.arrayContaining(['people.retyped:organisationId,active,fullName', 'people.retyped:organisationId,age']));
        expect((await pages(store.collection(after), { where: { age: { gte: 41 } }, sort: [{ field: 'age' }] })).ids).toEqual(['p04', 'p10']);
      });
    });

    describe('indexes', () => {
      it("gives a table made before indexed fields were columns its columns, and its indexes on them, keeping its documents", async () => {
        const legacy = defineCollection<Person>('legacy.v1', { indexes: [{ fields: ['organisationId', 'fullName'] }] });
        const table = `"${database.schema}"."legacy.v1"`;
        const expression = (field: string) => `NULLIF(data->'${field}', 'null'::jsonb)`;
        await database.query(`CREATE TABLE ${table} (id text PRIMARY KEY, data jsonb NOT NULL, version integer NOT NULL,
          checkpoint_transaction_id numeric(20, 0), checkpoint_global_position numeric(20, 0))`);
        await database.query(`CREATE INDEX "legacy.v1:organisationId,fullName" ON ${table} ((${expression('organisationId')}), (${expression('fullName')}))`);
        await database.query(`INSERT INTO ${table} (id, data, version) VALUES ('p01', $1, 1)`, [JSON.stringify(PEOPLE['p01'])]);

        await store.ensureCollections([legacy]);
        await store.ensureCollections([legacy]);
        const [index] = await database.query<{ indexdef: string }>('SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 AND indexname <> $3', [database.schema, 'legacy.v1', 'legacy.v1_pkey']);
        expect(index?.indexdef).toContain('("data.organisationId", "data.fullName")');
        const found = await store.collection(legacy).find({ where: { organisationId: ORG, fullName: 'Иван Петров' } });
        expect(ids(found.items)).toEqual(['p01']);
      });

      it('creates the declared indexes, idempotently and concurrently', async () => {
        const other = await fixture.open();
        await Promise.all([
          store.ensureCollections([people, goods]),
          store.ensureCollections([people, goods]),
          other.documentStore.ensureCollections([goods]),
          other.documentStore.ensureCollections([people]),
        ]);
        await store.ensureCollections([people, goods]);
        for (const { schema } of [database, other]) {
          const rows = await database.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname', [schema]);
          expect(rows.map((row) => row.indexname)).toEqual(
            expect.arrayContaining([
              'people.v1:organisationId,email',
              'people.v1:organisationId,fullName',
              'people.v1:trgm:fullName',
              'people.v1:trgm:email',
              'people.v1:trgm:phone',
              'goods.v1:trgm:barcodes',
              '_projection_checkpoints_pkey',
            ]),
          );
        }
      });

      it('rejects a write that breaks a unique index, naming the index', async () => {
        await docs.upsert('p01', PEOPLE['p01'] as Person);
        const attempt = docs.upsert('p99', { organisationId: ORG, fullName: 'Copy', email: 'ivan@example.com' });
        await expect(attempt).rejects.toThrow(DocumentUniqueViolationError);
        await expect(attempt).rejects.toMatchObject({ indexName: 'people.v1:organisationId,email', fields: ['organisationId', 'email'] });
        expect(await docs.get('p99')).toBeNull();
      });

      it('lets documents without the unique field, and other organisations, share values', async () => {
        await docs.upsert('a', { organisationId: ORG, fullName: 'A' });
        await docs.upsert('b', { organisationId: ORG, fullName: 'B', email: null });
        await docs.upsert('c', { organisationId: ORG, fullName: 'C' });
        await docs.upsert('d', { organisationId: ORG, fullName: 'D', email: 'same@example.com' });
        await docs.upsert('e', { organisationId: OTHER_ORG, fullName: 'E', email: 'same@example.com' });
        expect((await docs.find()).total).toBe(5);
      });

      it('refuses a collection that was not set up', async () => {
        expect(() => store.collection(defineCollection('people.v2'))).toThrow(CollectionNotReadyError);
      });
    });

    describe('rebuilds', () => {
      it('fills a next version nobody sees until the switch, which replaces the live one, indexes included, in one transaction', async () => {
        await docs.upsert('p01', PEOPLE['p01'] as Person);
        const rebuild = await store.startRebuild([people]);
        await rebuild.transaction((session) => session.collection(people).upsertMany([{ id: 'p02', data: PEOPLE['p02'] as Person }]));
        expect(await docs.get('p02')).toBeNull();
        await rebuild.createIndexes();

        await expect(rebuild.switchOver(() => Promise.reject(new Error('not now')))).rejects.toThrow('not now');
        expect((await docs.find()).items.map((document) => document.id)).toEqual(['p01']);
        await rebuild.switchOver((session) => session.collection(people).upsert('p03', PEOPLE['p03'] as Person));
        expect((await docs.find()).items.map((document) => document.id)).toEqual(['p02', 'p03']);

        // The indexes came along under their declared names.
        await expect(docs.upsert('p99', { organisationId: ORG, fullName: 'Copy', email: PEOPLE['p02']!.email })).rejects.toMatchObject({
          name: 'DocumentUniqueViolationError',
          indexName: 'people.v1:organisationId,email',
        });
        expect((await docs.find({ where: { organisationId: ORG }, search: 'smirn' })).items.map((document) => document.id)).toEqual(['p02']);
        // Their names are free again for the next rebuild.
        const next = await store.startRebuild([people]);
        await next.createIndexes();
        await next.switchOver(async () => undefined);
        expect((await docs.find()).total).toBe(0);
      });

      it('creates the indexes a projection reads by with the next version, the others once it is filled', async () => {
        const badges = defineCollection<{ code: string; serial: string }>('badges.v1', {
          indexes: [
            { fields: ['code'], unique: true, neededWhileRebuilding: true },
            { fields: ['serial'], unique: true },
          ],
        });
        const rebuild = await store.startRebuild([badges]);
        const write = (id: string, code: string, serial: string) => rebuild.transaction((session) => session.collection(badges).upsert(id, { code, serial }));
        await write('a', 'A', '1');
        await write('b', 'B', '1');
        await expect(write('c', 'A', '2')).rejects.toThrow(/duplicate key/);
        await rebuild.transaction((session) => session.collection(badges).delete('b'));
        await rebuild.createIndexes();
        await expect(write('d', 'D', '1')).rejects.toThrow(/duplicate key/);
        await rebuild.switchOver(async () => undefined);
        await expect(store.collection(badges).upsert('e', { code: 'A', serial: '5' })).rejects.toMatchObject({ name: 'DocumentUniqueViolationError', indexName: 'badges.v1:code' });
      });

      it('discards a rebuild, and a new one replaces what an abandoned one left', async () => {
        const abandoned = await store.startRebuild([people]);
        await abandoned.transaction((session) => session.collection(people).upsert('p01', PEOPLE['p01'] as Person));
        const rebuild = await store.startRebuild([people]);
        expect(await rebuild.transaction((session) => session.collection(people).get('p01'))).toBeNull();
        await rebuild.discard();
        await docs.upsert('p02', PEOPLE['p02'] as Person);
        expect((await docs.find()).items.map((document) => document.id)).toEqual(['p02']);
      });
    });

    describe('transactions and checkpoints', () => {
      const checkpoint = { transactionId: 812n, globalPosition: 40n };

      it('commits documents and checkpoint together', async () => {
        const result = await store.transaction(async (session) => {
          await session.collection(people).upsert('p01', PEOPLE['p01'] as Person, { checkpoint });
          await session.saveCheckpoint('people.directory.v1', checkpoint);
          return 'done';
        });
        expect(result).toBe('done');
        expect((await docs.get('p01'))?.checkpoint).toEqual(checkpoint);
        expect(await store.getCheckpoint('people.directory.v1')).toEqual(checkpoint);
      });

      it('holds the writes of a transaction with writesLast to its end, reading what it wrote before anything else', async () => {
        await docs.upsert('p02', PEOPLE['p02'] as Person);
        await store.transaction(
          async (session) => {
            const held = session.collection(people);
            await held.insertMany([{ id: 'p01', data: PEOPLE['p01'] as Person, checkpoint }]);
            // The same document again: the first write goes first, in a statement of its own.
            await held.upsertMany([{ id: 'p01', data: { ...(PEOPLE['p01'] as Person), fullName: 'Иван Сидоров' }, checkpoint }]);
            await held.upsertMany([{ id: 'p02', data: { ...(PEOPLE['p02'] as Person), age: 26 } }]);
            expect((await held.getMany(['p01', 'p02'])).get('p02')?.data.age).toBe(26);
            await held.upsertMany([{ id: 'p03', data: PEOPLE['p03'] as Person }]);
            await session.saveCheckpoints(new Map([['people.directory.v1', checkpoint]]));
          },
          { writesLast: true },
        );
        expect((await docs.get('p01'))?.data.fullName).toBe('Иван Сидоров');
        expect((await docs.get('p01'))?.checkpoint).toEqual(checkpoint);
        expect((await docs.get('p02'))?.version).toBe(2);
        expect(await docs.get('p03')).not.toBeNull();
        expect(await store.getCheckpoint('people.directory.v1')).toEqual(checkpoint);
      });

      it('fails a transaction with writesLast on a held write that violates a unique index, writing nothing', async () => {
        await docs.upsert('p01', PEOPLE['p01'] as Person);
        await expect(
          store.transaction(
            async (session) => {
              await session.collection(people).insertMany([{ id: 'p02', data: PEOPLE['p02'] as Person }]);
              await session.collection(people).upsertMany([{ id: 'p99', data: { organisationId: ORG, fullName: 'Copy', email: 'ivan@example.com' } }]);
              await session.saveCheckpoint('people.directory.v1', checkpoint);
            },
            { writesLast: true },
          ),
        ).rejects.toThrow(DocumentUniqueViolationError);
        expect(await docs.get('p02')).toBeNull();
        expect(await store.getCheckpoint('people.directory.v1')).toBeNull();
      });

      it('leaves nothing behind when the transaction throws', async () => {
        await docs.upsert('p02', PEOPLE['p02'] as Person);
        const failure = new Error('boom');
        await expect(
          store.transaction(async (session) => {
            await session.collection(people).upsert('p01', PEOPLE['p01'] as Person);
            await session.collection(people).delete('p02');
            await session.saveCheckpoint('people.directory.v1', checkpoint);
            expect(await session.collection(people).get('p01')).not.toBeNull();
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await docs.get('p01')).toBeNull();
        expect(await docs.get('p02')).not.toBeNull();
        expect(await store.getCheckpoint('people.directory.v1')).toBeNull();
      });

      it('rolls back the whole transaction on a conflict inside it', async () => {
        await docs.upsert('p01', PEOPLE['p01'] as Person);
        await expect(
          store.transaction(async (session) => {
            await session.collection(people).upsert('p02', PEOPLE['p02'] as Person);
            await session.collection(people).upsert('p99', { organisationId: ORG, fullName: 'Copy', email: 'ivan@example.com' });
          }),
        ).rejects.toThrow(DocumentUniqueViolationError);
        expect(await docs.get('p02')).toBeNull();
      });

      it('loads the checkpoint it saved last, per projection', async () => {
        expect(await store.getCheckpoint('a.v1')).toBeNull();
        await store.saveCheckpoint('a.v1', checkpoint);
        await store.saveCheckpoint('a.v1', { transactionId: 2n ** 64n - 1n, globalPosition: 41n });
        await store.saveCheckpoint('b.v1', checkpoint);
        expect(await store.getCheckpoint('a.v1')).toEqual({ transactionId: 2n ** 64n - 1n, globalPosition: 41n });
        expect(await store.getCheckpoint('b.v1')).toEqual(checkpoint);
      });

      it('locks a checkpoint with what is stored: nothing at first, and a lock alone stores no checkpoint', async () => {
        expect(await store.transaction((session) => session.lockCheckpoint('a.v1'))).toBeNull();
        expect(await store.getCheckpoint('a.v1')).toBeNull();
        await store.transaction(async (session) => {
          expect(await session.lockCheckpoint('a.v1')).toBeNull();
          await session.saveCheckpoint('a.v1', checkpoint);
        });
        expect(await store.transaction((session) => session.lockCheckpoint('a.v1'))).toEqual(checkpoint);
        expect(await store.getCheckpoint('a.v1')).toEqual(checkpoint);
      });

      it('locks checkpoints in a checkpoint table made before the lock moved into it (positions NOT NULL)', async () => {
        const table = `"${database.schema}"."_projection_checkpoints"`;
        await database.query(`ALTER TABLE ${table} ALTER COLUMN transaction_id SET NOT NULL, ALTER COLUMN global_position SET NOT NULL`);
        await store.ensureCollections([people]);
        expect(await store.transaction((session) => session.lockCheckpoint('a.v1'))).toBeNull();
        expect(await store.getCheckpoint('a.v1')).toBeNull();
      });

      it('makes a second holder of a checkpoint lock wait for the first and see what it committed', async () => {
        const moved = { transactionId: 900n, globalPosition: 41n };
        await store.saveCheckpoint('a.v1', checkpoint);
        let second: Promise<unknown> | undefined;
        await store.transaction(async (session) => {
          expect(await session.lockCheckpoint('a.v1')).toEqual(checkpoint);
          second = store.transaction((other) => other.lockCheckpoint('a.v1'));
          await session.saveCheckpoint('a.v1', moved);
        });
        expect(await second).toEqual(moved);
        // The first lock ever, taken by both at once: the second sees the first one's checkpoint too.
        let late: Promise<unknown> | undefined;
        await store.transaction(async (session) => {
          expect(await session.lockCheckpoint('b.v1')).toBeNull();
          late = store.transaction((other) => other.lockCheckpoint('b.v1'));
          await session.saveCheckpoint('b.v1', moved);
        });
        expect(await late).toEqual(moved);
      });
    });
  });
}
