import { randomUUID } from 'node:crypto';
import { CatalogSubjects, type CategoryList, type CategoryView, type UnitList, type UnitView } from '@elk/contracts';
import { gatewayAnswering } from './gateway.harness';

const unitId = randomUUID();
const categoryId = randomUUID();
const parentId = randomUUID();
const at = '2025-01-15T10:00:00.000Z';
const unit: UnitView = { id: unitId, version: 1, name: 'упаковка', shortName: 'уп', ffdCode: 255, createdAt: at, updatedAt: at };
const category: CategoryView = { id: categoryId, version: 1, name: 'Молочные продукты', description: 'Молоко и сыр', parentId, createdAt: at, updatedAt: at };
const unitBody = { name: 'упаковка', shortName: 'уп', ffdCode: 255 };
const categoryBody = { name: 'Молочные продукты', description: 'Молоко и сыр', parentId };

const { received, request, signedIn } = gatewayAnswering({
  [CatalogSubjects.GetUnitList]: { items: [unit], total: 1, nextCursor: null } satisfies UnitList,
  [CatalogSubjects.GetUnit]: unit,
  [CatalogSubjects.AddUnit]: unit,
  [CatalogSubjects.UpdateUnit]: { ...unit, version: 2 },
  [CatalogSubjects.DeleteUnit]: null,
  [CatalogSubjects.GetUnitHistory]: { items: [] },
  [CatalogSubjects.GetCategoryList]: { items: [category], total: 1, nextCursor: null } satisfies CategoryList,
  [CatalogSubjects.GetCategory]: category,
  [CatalogSubjects.AddCategory]: category,
  [CatalogSubjects.UpdateCategory]: { ...category, version: 2, parentId: null },
  [CatalogSubjects.DeleteCategory]: null,
  [CatalogSubjects.GetCategoryHistory]: { items: [] },
});

const WRITES = [
  ['POST', '/api/v1/catalog/units', unitBody],
  ['PUT', `/api/v1/catalog/units/${unitId}`, { ...unitBody, expectedVersion: 1 }],
  ['DELETE', `/api/v1/catalog/units/${unitId}`, undefined],
  ['POST', '/api/v1/catalog/categories', categoryBody],
  ['PUT', `/api/v1/catalog/categories/${categoryId}`, { ...categoryBody, parentId: null, expectedVersion: 1 }],
  ['DELETE', `/api/v1/catalog/categories/${categoryId}?mode=move-contents-up`, undefined],
] as const;
const READS = [
  '/api/v1/catalog/units',
  '/api/v1/catalog/units?search=уп&limit=10',
  `/api/v1/catalog/units/${unitId}`,
  `/api/v1/catalog/units/${unitId}/history`,
  '/api/v1/catalog/categories',
  '/api/v1/catalog/categories?search=молоч',
  `/api/v1/catalog/categories/${categoryId}`,
  `/api/v1/catalog/categories/${categoryId}/history`,
];

describe('the catalog (units of measure and categories) at the gateway', () => {
  it.each(['cashier', 'guest'] as const)('lets a %s read the catalog but refuses every write with 403, asking no service', async (role) => {
    const { token } = await signedIn(role);
    for (const url of READS) expect([url, (await request('GET', url, token)).statusCode]).toEqual([url, 200]);
    received.length = 0;
    for (const [method, url, payload] of WRITES) {
      const response = await request(method, url, token, payload);
      expect([method, url, response.statusCode, response.json().detail]).toEqual([method, url, 403, 'Недостаточно прав']);
    }
    expect(received).toEqual([]);
  });

  it.each(['owner', 'admin', 'manager'] as const)('lets the %s edit the catalog, naming the actor only in headers', async (role) => {
    const { token, account } = await signedIn(role);
    const statuses = [];
    for (const [method, url, payload] of WRITES) statuses.push((await request(method, url, token, payload, method === 'DELETE' ? { 'if-match': '2' } : {})).statusCode);
    expect(statuses).toEqual([201, 200, 204, 201, 200, 204]);
    expect(received.map((call) => call.subject)).toEqual([
      CatalogSubjects.AddUnit,
      CatalogSubjects.UpdateUnit,
      CatalogSubjects.DeleteUnit,
      CatalogSubjects.AddCategory,
      CatalogSubjects.UpdateCategory,
      CatalogSubjects.DeleteCategory,
    ]);
    expect(received.map((call) => call.data)).toEqual([
      { unitId: expect.any(String), unit: unitBody },
      { unitId, unit: { ...unitBody, expectedVersion: 1 } },
      { unitId, expectedVersion: 2 },
      { categoryId: expect.any(String), category: categoryBody },
      { categoryId, category: { ...categoryBody, parentId: null, expectedVersion: 1 } },
      { categoryId, expectedVersion: 2, mode: 'move-contents-up' },
    ]);
    for (const call of received) expect(call.headers).toMatchObject({ 'elk-organisation-id': account.organisationId, 'elk-actor': account.accountId, 'elk-role': role });
  });

  it('leaves the delete mode and the version to the service when a category delete names neither', async () => {
    const { token } = await signedIn('owner');
    expect((await request('DELETE', `/api/v1/catalog/categories/${categoryId}`, token)).statusCode).toBe(204);
    expect(received.map((call) => call.data)).toEqual([{ categoryId }]);
  });

  it('adds once for one Idempotency-Key, with the same id on a retry', async () => {
    const { token } = await signedIn('manager');
    for (const [url, payload] of [
      ['/api/v1/catalog/units', unitBody],
      ['/api/v1/catalog/categories', categoryBody],
    ] as const) {
      const key = randomUUID();
      const first = await request('POST', url, token, payload, { 'idempotency-key': key });
      const retry = await request('POST', url, token, payload, { 'idempotency-key': key });
      expect([url, first.statusCode, retry.statusCode, retry.headers['idempotent-replayed']]).toEqual([url, 201, 201, 'true']);
    }
    expect(received.map((call) => call.subject)).toEqual([CatalogSubjects.AddUnit, CatalogSubjects.AddCategory]);
  });

  it('answers an id that is not a uuid with 404 naming what was not found', async () => {
    const { token } = await signedIn('owner');
    for (const [resource, notFound, card] of [
      ['units', 'Единица измерения не найдена', unitBody],
      ['categories', 'Категория не найдена', categoryBody],
    ] as const) {
      for (const [method, url] of [
        ['GET', `/api/v1/catalog/${resource}/abc`],
        ['PUT', `/api/v1/catalog/${resource}/abc`],
        ['DELETE', `/api/v1/catalog/${resource}/1`],
        ['GET', `/api/v1/catalog/${resource}/abc/history`],
      ] as const) {
        const response = await request(method, url, token, method === 'PUT' ? { ...card, expectedVersion: 1 } : undefined);
        expect([method, url, response.statusCode, response.json().detail]).toEqual([method, url, 404, notFound]);
      }
    }
    expect(received).toEqual([]);
  });

  it('refuses bad input with per-field Russian errors before asking the service', async () => {
    const { token } = await signedIn('owner');
    const badUnit = await request('POST', '/api/v1/catalog/units', token, { name: ' ', shortName: 'уп', ffdCode: 256, colour: 'red' });
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'ffdCode', message: 'Выберите меру количества из списка ФФД (тег 2108)' },
        { path: 'colour', message: 'Неизвестное поле «colour»' },
      ]),
    );
    expect(badUnit.json().errors.map((error: { path: string }) => error.path)).toContain('name');
    const textCode = await request('POST', '/api/v1/catalog/units', token, { ...unitBody, ffdCode: '11' });
    expect(textCode.json().errors).toEqual([{ path: 'ffdCode', message: 'Выберите меру количества из списка ФФД (тег 2108)' }]);
    const badParent = await request('POST', '/api/v1/catalog/categories', token, { ...categoryBody, parentId: 'Напитки' });
    expect(badParent.json().errors).toEqual([{ path: 'parentId', message: 'Выберите родительскую категорию из списка' }]);
    const noVersion = await request('PUT', `/api/v1/catalog/categories/${categoryId}`, token, categoryBody);
    expect(noVersion.json().errors.map((error: { path: string }) => error.path)).toEqual(['expectedVersion']);
    const badMode = await request('DELETE', `/api/v1/catalog/categories/${categoryId}?mode=everything`, token);
    expect([badMode.statusCode, badMode.json().errors.map((error: { path: string }) => error.path)]).toEqual([400, ['mode']]);
    const badIfMatch = await request('DELETE', `/api/v1/catalog/units/${unitId}`, token, undefined, { 'if-match': 'latest' });
    expect(badIfMatch.json().errors).toEqual([{ path: 'if-match', message: 'If-Match: версия единицы измерения, которую вы видели (целое число)' }]);
    expect((await request('GET', '/api/v1/catalog/categories?limit=0', token)).statusCode).toBe(400);
    expect(received).toEqual([]);
  });
});
