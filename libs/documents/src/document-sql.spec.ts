import { buildFind, collectionDdl, encodeCursor, fieldExpression, fieldTextExpression, indexedFieldColumn } from './document-sql';
import { InvalidDocumentQueryError, defineCollection } from './document-store';

const people = defineCollection<{ email: string }>('people.v1', {
  indexes: [{ fields: ['organisationId', 'email'], unique: true }],
  searchFields: ['fullName', 'contact.phone'],
});

describe('document SQL', () => {
  it('reads a field path as jsonb with missing and JSON null both NULL', () => {
    expect(fieldExpression('address.city')).toBe(`NULLIF(data->'address'->'city', 'null'::jsonb)`);
  });

  it('keeps each indexed field in a column of its own, which the indexes hold and the queries read', () => {
    const [table, , index] = collectionDdl('crm', people);
    expect(table).toContain(`"data.email" jsonb GENERATED ALWAYS AS (${fieldExpression('email')}) STORED`);
    expect(index).toBe(`CREATE UNIQUE INDEX IF NOT EXISTS "people.v1:organisationId,email" ON "crm"."people.v1" ("data.organisationId", "data.email")`);
    const { items, total } = buildFind('crm', people, { where: { organisationId: 'o', age: 3 }, sort: [{ field: 'email' }] });
    expect(items.text).toContain(`"data.organisationId" = $1::jsonb`);
    expect(items.text).toContain(`${fieldExpression('age')} = $2::jsonb`);
    expect(items.text).toContain(`ORDER BY "data.email" ASC, id ASC`);
    expect('count' in total && total.count.text).toContain(`"data.organisationId" = $1::jsonb`);
  });

  it('keeps a typed field in a column of its type, compared with parameters of that type', () => {
    const typed = defineCollection('sales.v1', {
      indexes: [{ fields: ['organisationId', 'total', 'paid'] }],
      fieldTypes: { organisationId: 'string', total: 'number', paid: 'boolean' },
    });
    const [table] = collectionDdl('crm', typed);
    expect(table).toContain(`"data.organisationId" text COLLATE "C" GENERATED ALWAYS AS (CASE WHEN jsonb_typeof(data->'organisationId') = 'string' THEN data->'organisationId' #>> '{}' END) STORED`);
    expect(table).toContain(`"data.total" numeric GENERATED ALWAYS AS (CASE WHEN jsonb_typeof(data->'total') = 'number' THEN (data->'total')::numeric END) STORED`);
    expect(table).toContain(`"data.paid" boolean GENERATED ALWAYS AS (CASE WHEN jsonb_typeof(data->'paid') = 'boolean' THEN (data->'paid')::boolean END) STORED`);
    const { items } = buildFind('crm', typed, { where: { organisationId: 'o', total: { gte: 100 }, paid: { in: [true] } } });
    expect(items.text).toContain(`"data.organisationId" = $1::text AND "data.total" >= $2::numeric AND ("data.paid" = ANY($3::boolean[]))`);
    expect(items.values.slice(0, 3)).toEqual(['o', 100, [true]]);
    expect(() => defineCollection('sales.v2', { indexes: [{ fields: ['total'] }], fieldTypes: { number: 'number' } })).toThrow(InvalidDocumentQueryError);
  });

  it('names the column of a long field path by its hash, within PostgreSQL\'s 63 bytes', () => {
    const long = `${'a'.repeat(40)}.${'b'.repeat(40)}`;
    expect(indexedFieldColumn(long)).toMatch(/^"data\.#[0-9a-f]{24}"$/);
    expect(indexedFieldColumn(long)).not.toBe(indexedFieldColumn(`${long}c`));
  });

  it('counts no total when the reader asks for none, on the first page and after it', () => {
    const first = buildFind('crm', people, { where: { organisationId: 'o' }, count: false });
    const none = { carried: { total: 0, capped: false } };
    expect(first.total).toEqual(none);
    expect(buildFind('crm', people, { where: { organisationId: 'o' }, count: false, cursor: first.cursorFor('id', '[]', none.carried) }).total).toEqual(none);
    expect('count' in buildFind('crm', people, { where: { organisationId: 'o' } }).total).toBe(true);
  });

  it('gives indexed search fields trigram indexes on the very text the search reads', () => {
    const indexed = defineCollection('people.v2', { searchFields: ['fullName', 'contact.phone'], indexSearchFields: true });
    expect(collectionDdl('crm', indexed).slice(1)).toEqual([
      `CREATE INDEX IF NOT EXISTS "people.v2:trgm:fullName" ON "crm"."people.v2" USING gin ((data->>'fullName') gin_trgm_ops)`,
      `CREATE INDEX IF NOT EXISTS "people.v2:trgm:contact.phone" ON "crm"."people.v2" USING gin ((data->'contact'->>'phone') gin_trgm_ops)`,
    ]);
    const { total } = buildFind('crm', indexed, { search: 'x' });
    const count = 'count' in total ? total.count : null;
    expect(count?.text).toContain(`${fieldTextExpression('fullName')} ILIKE $1`);
    expect(count?.text).toContain(`${fieldTextExpression('contact.phone')} ILIKE $1`);
    expect(collectionDdl('crm', people).join('\n')).not.toContain('gin');
  });

  it('finds the matches of an indexed search first and sorts them after, unless the search is too short for trigrams', () => {
    const indexed = defineCollection('people.v2', { searchFields: ['fullName'], indexSearchFields: true });
    const sort = [{ field: 'fullName' }];
    expect(buildFind('crm', indexed, { search: 'Пет', sort }).items.text).toContain('OFFSET 0) AS matches ORDER BY');
    expect(buildFind('crm', indexed, { search: ' Пе ', sort }).items.text).not.toContain('matches');
    expect(buildFind('crm', people, { search: 'Петров', sort }).items.text).not.toContain('matches');
  });

  it('binds every value and search term as a parameter', () => {
    const hostile = "x' OR '1'='1";
    const { items, total } = buildFind('crm', people, { where: { email: hostile, age: { in: [1, hostile] } }, search: hostile });
    expect(items.text).not.toContain(hostile);
    expect('count' in total && total.count.values).toEqual([JSON.stringify(hostile), [JSON.stringify(1), JSON.stringify(hostile)], `%x' OR '1'='1%`]);
  });

  it('rejects field paths that are not plain names, wherever they appear', () => {
    for (const field of ['', 'a..b', 'a.1b', "a'b", 'a b', 'a->b', 'a"']) {
      expect(() => buildFind('crm', people, { where: { [field]: 1 } })).toThrow(InvalidDocumentQueryError);
      expect(() => buildFind('crm', people, { sort: [{ field }] })).toThrow(InvalidDocumentQueryError);
    }
  });

  it('rejects a cursor whose keys do not match the sort', () => {
    const cursor = encodeCursor({ s: 'email:asc', k: '[]', i: 'p1', t: 1 });
    expect(() => buildFind('crm', people, { sort: [{ field: 'email' }], cursor })).toThrow('Invalid cursor');
    expect(() => buildFind('crm', people, { cursor })).toThrow('Cursor belongs to a different sort');
  });

  it('refuses a search on a collection without search fields', () => {
    expect(() => buildFind('crm', defineCollection('plain.v1'), { search: 'x' })).toThrow(InvalidDocumentQueryError);
  });
});
