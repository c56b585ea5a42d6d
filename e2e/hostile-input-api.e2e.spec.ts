/**
 * Input made to break the store, over HTTP in both run modes: text PostgreSQL cannot hold (NUL, half a surrogate
 * pair) in every list's search, in the text fields of each card and of sign-up — refused with a 400 naming each
 * field, nothing stored; list cursors forged to carry such content — refused under `cursor`; and any string a JSON
 * body can carry, as a unit or category name — stored and read back as sent (trimmed) or refused with 400, never 500.
 */
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@elk/contracts';
import fc from 'fast-check';
import { ROMASHKA, useRunningSystem, type Reply } from './api.harness';
import { uniqueContact, type RunMode } from './system.harness';

jest.setTimeout(180_000);

const NUL = '\u0000';
const HALF_PAIR = '\uD83D';
const BAD_CURSOR = { path: 'cursor', message: 'Неверный курсор: начните список сначала' };

/** Each list with the sort its cursors belong to. */
const LISTS = {
  '/api/v1/legal-entities': 'name:asc',
  '/api/v1/sales-points': 'name:asc',
  '/api/v1/employees': 'fullName:asc',
  // Its own order has two keys (the most common measures first): sorted by name, a cursor has one.
  '/api/v1/catalog/units?sort=name': 'name:asc',
  '/api/v1/catalog/categories': 'name:asc',
  '/api/v1/catalog/products': 'name:asc',
};

/** A list's address with more of the query. */
const withQuery = (list: string, query: string) => `${list}${list.includes('?') ? '&' : '?'}${query}`;

/** A cursor as the lists write them (base64url JSON: sort, sort key values as jsonb text, id, total), with hostile content. */
const forgedCursor = (sort: string, sortKey: string, id = '00000000-0000-4000-8000-000000000000') =>
  Buffer.from(JSON.stringify({ s: sort, k: sortKey, i: id, t: 1 })).toString('base64url');

/** The card of each kind with its text fields, made for an organisation with a legal entity and a unit. */
function cards(legalEntityId: string, unitId: string) {
  return {
    '/api/v1/catalog/units': { body: { name: 'упаковка', shortName: 'уп', ffdCode: 255 }, text: ['name', 'shortName'] },
    '/api/v1/catalog/categories': { body: { name: 'Напитки', description: 'Холодные' }, text: ['name', 'description'] },
    '/api/v1/catalog/products': { body: { name: 'Квас', description: 'Хлебный', article: 'KV-1', price: 9_900, unitId, vat: 'vat22' }, text: ['name', 'description', 'article'] },
    '/api/v1/legal-entities': { body: { ...ROMASHKA, inn: '500100732259', type: 'ip', kpp: null, ogrn: '304500116000157', chestnyZnakToken: 'token-0123456789' }, text: ['name', 'legalAddress', 'chestnyZnakToken'] },
    '/api/v1/sales-points': { body: { name: 'Киоск', legalEntityId, address: 'г. Москва, ул. Арбат, д. 2', brand: 'Ромашка' }, text: ['name', 'address', 'brand'] },
  } as const;
}

function expectRefused(reply: Reply, errors: Array<{ path: string; message: unknown }>) {
  expect([reply.status, reply.body?.code]).toEqual([400, 'VALIDATION_FAILED']);
  expect(reply.body.errors).toEqual(errors);
}

describe.each<RunMode>(['embedded', 'distributed'])('hostile input (%s mode)', (mode) => {
  const { api } = useRunningSystem(mode);

  /** A new organisation's Owner with one legal entity and the FFD units. */
  async function organisation(): Promise<{ owner: string; legalEntityId: string; unitId: string }> {
    const owner = (await api.signUp()).accessToken;
    const legalEntity = await api.add(owner, '/api/v1/legal-entities', ROMASHKA);
    const [unit] = await api.presetUnits(owner);
    return { owner, legalEntityId: legalEntity.id, unitId: unit!.id };
  }

  const totals = (owner: string) =>
    Promise.all(Object.keys(LISTS).map(async (list) => (await api.call('GET', list, owner)).body.total as number));

  it('refuses a NUL in the search of every list with 400 under search', async () => {
    const { owner } = await organisation();
    for (const list of Object.keys(LISTS)) {
      expectRefused(await api.call('GET', withQuery(list, `search=${encodeURIComponent(`мол${NUL}`)}`), owner), [{ path: 'search', message: UNSTORABLE_TEXT_MESSAGE }]);
    }
  });

  it.each([
    ['a NUL', NUL],
    ['half a surrogate pair', HALF_PAIR],
  ])('refuses %s in the text fields of every card, naming each, and stores nothing', async (_, character) => {
    const { owner, legalEntityId, unitId } = await organisation();
    const before = await totals(owner);
    for (const [path, { body, text }] of Object.entries(cards(legalEntityId, unitId))) {
      const fields: Record<string, unknown> = body;
      const hostile = { ...body, ...Object.fromEntries(text.map((field) => [field, `${String(fields[field])}${character}`])) };
      expectRefused(await api.call('POST', path, owner, hostile), text.map((field) => ({ path: field, message: UNSTORABLE_TEXT_MESSAGE })));
    }
    expect(await totals(owner)).toEqual(before);
  });

  it('refuses a NUL in the sign-up fields, naming each, and signs nobody up', async () => {
    const contact = uniqueContact();
    const reply = await api.call('POST', '/api/v1/auth/sign-up', undefined, { organisationName: `ООО «Ромашка»${NUL}`, fullName: 'Иванов Иван', ...contact, email: `${NUL}${contact.email}`, password: 'Secret123' });
    expectRefused(reply, [
      { path: 'organisationName', message: UNSTORABLE_TEXT_MESSAGE },
      { path: 'email', message: UNSTORABLE_TEXT_MESSAGE },
    ]);
    expect((await api.call('POST', '/api/v1/auth/login', undefined, { login: contact.phone, password: 'Secret123' })).status).toBe(401);
  });

  it.each([
    ['a NUL in a sort key value', '["\\u0000"]', undefined],
    ['half a surrogate pair in a sort key value', '["\\ud83d"]', undefined],
    ['a number PostgreSQL cannot hold', '[1e-99999]', undefined],
    ['a NUL in the id', '["Ромашка"]', `id${NUL}`],
  ])('refuses a forged cursor with %s on every list with 400 under cursor', async (_, sortKey, id) => {
    const { owner } = await organisation();
    for (const [list, sort] of Object.entries(LISTS)) {
      expectRefused(await api.call('GET', withQuery(list, `cursor=${forgedCursor(sort, sortKey, id)}`), owner), [BAD_CURSOR]);
    }
  });

  it('pages through a list with the cursors it hands out', async () => {
    const { owner } = await organisation();
    const first = await api.call('GET', '/api/v1/catalog/units?limit=20', owner);
    const second = await api.call('GET', `/api/v1/catalog/units?limit=20&cursor=${first.body.nextCursor}`, owner);
    expect([second.status, second.body.nextCursor, [...first.body.items, ...second.body.items].length]).toEqual([200, null, 24]);
  });

  /** Any code point, with NUL and halves of surrogate pairs often among them. */
  const anyText = fc.string({ unit: fc.oneof(fc.constantFrom(NUL, '\uD800', '\uDFFF', ' '), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 80 });

  it.each([
    ['unit', '/api/v1/catalog/units', 64, (name: string, n: number) => ({ name, shortName: `e${n}`, ffdCode: 255 })],
    ['category', '/api/v1/catalog/categories', 128, (name: string) => ({ name })],
  ])('stores any %s name a JSON body can carry and reads it back as sent (trimmed), or refuses it with 400', async (_, path, maxLength, bodyOf) => {
    const { owner } = await organisation();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        // A number first keeps names unique: a taken one would be a 409 of its own.
        const name = `${++n}${text}`;
        const added = await api.call('POST', path, owner, bodyOf(name, n));
        if (!isStorableText(name)) return expectRefused(added, [{ path: 'name', message: UNSTORABLE_TEXT_MESSAGE }]);
        if (name.trim().length > maxLength) return expectRefused(added, [{ path: 'name', message: expect.stringMatching(/^Не более \d+ символ/) }]);
        expect([added.status, added.body.name]).toEqual([201, name.trim()]);
        expect((await api.call('GET', `${path}/${added.body.id}`, owner)).body.name).toBe(name.trim());
      }),
      { numRuns: 40 },
    );
  });
});
