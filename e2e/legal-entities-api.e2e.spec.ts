/**
 * Настройки → Юридические лица over HTTP, in both run modes: add (ООО and ИП), list and search, get, update
 * with the version seen, the one-tax-system and unique-ИНН rules, bad ИНН, the masked Честный Знак token,
 * history, delete, and another organisation seeing nothing.
 */
import { ROMASHKA, useRunningSystem, type CabinetApi, type Reply } from './api.harness';
import type { RunMode } from './system.harness';

jest.setTimeout(120_000);

const TOKEN = 'e2e-chestny-znak-token-0123456789-3f9a';
const romashka = { ...ROMASHKA, chestnyZnakToken: TOKEN };
const ivanov = { type: 'ip', name: 'ИП Иванов Иван Иванович', inn: '500100732259', kpp: null, ogrn: '304500116000157', legalAddress: 'г. Москва, ул. Тверская, д. 1', taxSystem: 'usn-income' };

describe.each<RunMode>(['embedded', 'distributed'])('legal entities API (%s mode)', (mode) => {
  const { api } = useRunningSystem(mode);
  /** Every body the API sent back: none may hold the token in plain text. */
  const bodies: string[] = [];

  /** After the describe's tests, every answer they had. */
  afterAll(() => {
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) expect(body).not.toContain(TOKEN);
  });

  /** Every answer is kept: none may hold the token in plain text. */
  async function call(...args: Parameters<CabinetApi['call']>): Promise<Reply> {
    const reply = await api.call(...args);
    bodies.push(reply.text);
    return reply;
  }
  const signUp = async () => (await api.signUp()).accessToken;

  it('adds an ООО and an ИП, lists, searches, gets, updates with the version seen, shows history and deletes', async () => {
    const owner = await signUp();

    const company = await call('POST', '/api/v1/legal-entities', owner, romashka);
    expect(company.status).toBe(201);
    expect(company.body).toEqual({
      ...romashka,
      id: expect.any(String),
      version: 1,
      chestnyZnakToken: '••••••3f9a',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const entrepreneur = await call('POST', '/api/v1/legal-entities', owner, ivanov);
    expect(entrepreneur.status).toBe(201);
    expect(entrepreneur.body).toMatchObject({ ...ivanov, version: 1, chestnyZnakToken: null });

    const list = await call('GET', '/api/v1/legal-entities', owner);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, nextCursor: null });
    expect(list.body.items.map((item: { name: string }) => item.name)).toEqual([ivanov.name, romashka.name]);
    const byInn = await call('GET', `/api/v1/legal-entities?search=${romashka.inn.slice(0, 6)}`, owner);
    expect(byInn.body.items.map((item: { id: string }) => item.id)).toEqual([company.body.id]);
    const firstPage = await call('GET', '/api/v1/legal-entities?limit=1', owner);
    expect(firstPage.body.items).toHaveLength(1);
    const secondPage = await call('GET', `/api/v1/legal-entities?limit=1&cursor=${encodeURIComponent(firstPage.body.nextCursor)}`, owner);
    expect(secondPage.body.items[0].name).toBe(romashka.name);

    const got = await call('GET', `/api/v1/legal-entities/${company.body.id}`, owner);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(company.body);

    const { chestnyZnakToken: _token, ...withoutToken } = romashka;
    const updated = await call('PUT', `/api/v1/legal-entities/${company.body.id}`, owner, { ...withoutToken, name: 'ООО «Ромашка плюс»', expectedVersion: 1 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'ООО «Ромашка плюс»', version: 2, chestnyZnakToken: '••••••3f9a' });
    const stale = await call('PUT', `/api/v1/legal-entities/${company.body.id}`, owner, { ...withoutToken, name: 'ООО «Старое»', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', detail: expect.stringMatching(/[а-я]/) });

    const newToken = await call('PUT', `/api/v1/legal-entities/${company.body.id}`, owner, { ...romashka, name: 'ООО «Ромашка плюс»', chestnyZnakToken: 'another-token-77aa', expectedVersion: 2 });
    expect(newToken.body).toMatchObject({ version: 3, chestnyZnakToken: '••••••77aa' });

    const history = await call('GET', `/api/v1/legal-entities/${company.body.id}/history`, owner);
    expect(history.status).toBe(200);
    expect(history.body.items.map((entry: { action: string }) => entry.action)).toEqual(['created', 'updated', 'updated']);
    expect(history.body.items[1]).toMatchObject({
      actor: { accountId: expect.any(String), fullName: 'Иванов Иван Иванович' },
      changes: [{ field: 'name', from: 'ООО «Ромашка»', to: 'ООО «Ромашка плюс»' }],
    });
    expect(history.body.items[2].changes).toEqual([{ field: 'chestnyZnakToken', from: null, to: 'изменён' }]);
    expect(history.text).not.toContain('another-token-77aa');

    const staleDelete = await call('DELETE', `/api/v1/legal-entities/${company.body.id}`, owner, undefined, { 'if-match': '2' });
    expect(staleDelete.status).toBe(409);
    const deleted = await call('DELETE', `/api/v1/legal-entities/${company.body.id}`, owner, undefined, { 'if-match': '3' });
    expect(deleted.status).toBe(204);
    expect((await call('GET', `/api/v1/legal-entities/${company.body.id}`, owner)).status).toBe(404);
    expect((await call('GET', '/api/v1/legal-entities', owner)).body.total).toBe(1);
    const afterDelete = await call('GET', `/api/v1/legal-entities/${company.body.id}/history`, owner);
    expect(afterDelete.body.items.at(-1)).toMatchObject({ action: 'deleted' });
  });

  it('refuses a second tax system and a repeated ИНН with Russian field errors, storing nothing', async () => {
    const owner = await signUp();
    expect((await call('POST', '/api/v1/legal-entities', owner, romashka)).status).toBe(201);

    const taxSystem = await call('POST', '/api/v1/legal-entities', owner, { ...ivanov, taxSystem: 'osn' });
    expect(taxSystem.status).toBe(409);
    expect(taxSystem.body).toMatchObject({
      code: 'RULE_VIOLATED',
      errors: [
        {
          path: 'taxSystem',
          message:
            'В организации уже выбрана система налогообложения «УСН доход»: приложение на кассе работает только с одной. Выберите её же или смените её в карточке любого из юридических лиц: она сменится у всех.',
        },
      ],
    });

    const inn = await call('POST', '/api/v1/legal-entities', owner, { ...romashka, name: 'ООО «Двойник»' });
    expect(inn.status).toBe(409);
    expect(inn.body.errors).toEqual([{ path: 'inn', message: expect.stringContaining('ИНН 7707083893 уже есть') }]);

    const checksum = await call('POST', '/api/v1/legal-entities', owner, { ...romashka, inn: '7707083894' });
    expect(checksum.status).toBe(400);
    expect(checksum.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'inn', message: 'Неверный ИНН: не сходится контрольное число' }] });

    expect((await call('GET', '/api/v1/legal-entities', owner)).body.total).toBe(1);
  });

  it('changes the tax system of every legal entity at once, only when asked to, and shows it in each one’s history', async () => {
    const owner = await signUp();
    const company = (await call('POST', '/api/v1/legal-entities', owner, romashka)).body;
    const entrepreneur = (await call('POST', '/api/v1/legal-entities', owner, ivanov)).body;
    const { id: _id, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, chestnyZnakToken: _token, ...card } = company;
    const toOsn = { ...card, taxSystem: 'osn', expectedVersion: 1 };

    const refused = await call('PUT', `/api/v1/legal-entities/${company.id}`, owner, toOsn);
    expect([refused.status, refused.body.errors]).toEqual([
      409,
      [{ path: 'taxSystem', message: expect.stringContaining('Выберите её же или смените её у всех юридических лиц сразу') }],
    ]);
    expect((await call('GET', `/api/v1/legal-entities/${entrepreneur.id}`, owner)).body).toMatchObject({ taxSystem: 'usn-income', version: 1 });

    const changed = await call('PUT', `/api/v1/legal-entities/${company.id}`, owner, { ...toOsn, changeTaxSystemForAll: true });
    expect([changed.status, changed.body.taxSystem, changed.body.chestnyZnakToken]).toEqual([200, 'osn', '••••••3f9a']);
    const list = (await call('GET', '/api/v1/legal-entities', owner)).body.items;
    expect(list.map((entity: { name: string; taxSystem: string }) => [entity.name, entity.taxSystem])).toEqual([
      [ivanov.name, 'osn'],
      [romashka.name, 'osn'],
    ]);
    const history = (await call('GET', `/api/v1/legal-entities/${entrepreneur.id}/history`, owner)).body.items;
    expect(history.at(-1)).toMatchObject({ action: 'updated', changes: [{ field: 'taxSystem', from: 'usn-income', to: 'osn' }] });
    // A legal entity added now must take the new one.
    const late = await call('POST', '/api/v1/legal-entities', owner, { ...ivanov, name: 'ИП Петров', inn: '784806113663' });
    expect([late.status, late.body.errors]).toEqual([409, [{ path: 'taxSystem', message: expect.stringContaining('«ОСН»') }]]);
  });

  it('shows another organisation nothing: 404 on get, update, delete and history', async () => {
    const owner = await signUp();
    const stranger = await signUp();
    const company = await call('POST', '/api/v1/legal-entities', owner, romashka);
    const path = `/api/v1/legal-entities/${company.body.id}`;

    expect((await call('GET', path, stranger)).status).toBe(404);
    expect((await call('PUT', path, stranger, { ...romashka, expectedVersion: 1 })).status).toBe(404);
    expect((await call('DELETE', path, stranger)).status).toBe(404);
    expect((await call('GET', `${path}/history`, stranger)).status).toBe(404);
    expect((await call('GET', '/api/v1/legal-entities', stranger)).body).toEqual({ items: [], total: 0, nextCursor: null });
    expect((await call('GET', path, owner)).body.name).toBe(romashka.name);
  });

  it('masks a token by whole characters: one ending in an emoji keeps it whole, a short one shows at most a quarter of itself', async () => {
    const owner = await signUp();
    const company = await call('POST', '/api/v1/legal-entities', owner, { ...romashka, chestnyZnakToken: 'chestny-znak-token-🔑1🔐' });
    expect([company.status, company.body.chestnyZnakToken]).toEqual([201, '••••••-🔑1🔐']);
    const path = `/api/v1/legal-entities/${company.body.id}`;

    const short = await call('PUT', path, owner, { ...romashka, chestnyZnakToken: 'k7Q2', expectedVersion: 1 });
    expect([short.status, short.body.chestnyZnakToken]).toEqual([200, '••••••2']);
    const shorter = await call('PUT', path, owner, { ...romashka, chestnyZnakToken: 'k7Q', expectedVersion: 2 });
    expect([shorter.status, shorter.body.chestnyZnakToken]).toEqual([200, '••••••']);
    expect((await call('GET', '/api/v1/legal-entities', owner)).body.items[0].chestnyZnakToken).toBe('••••••');
  });

  it('answers a malformed id with 404 in Russian, never 500', async () => {
    const owner = await signUp();
    const reply = await call('GET', '/api/v1/legal-entities/not-a-uuid', owner);
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ code: 'NOT_FOUND', detail: 'Юридическое лицо не найдено' });
    expect((await call('DELETE', '/api/v1/legal-entities/123', owner)).status).toBe(404);
  });
});
