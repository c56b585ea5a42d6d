/**
 * Настройки → Точки продаж over HTTP, in both run modes: a legal entity then a sales point, list and search by
 * address, update with the version seen, the default payment methods and the grid (nothing for the Guest), the
 * legal entity that cannot be deleted while a sales point uses it, history, delete, and another organisation
 * seeing nothing.
 */
import { ROMASHKA as romashka, useRunningSystem } from './api.harness';
import type { RunMode } from './system.harness';

jest.setTimeout(120_000);

const DEFAULT_GRID = { owner: ['cash', 'card'], admin: ['cash', 'card'], manager: ['cash', 'card'], cashier: ['cash', 'card'], guest: [] };
const GRID = { owner: ['cash', 'card', 'sbp', 'prepayment'], admin: ['cash', 'card', 'sbp'], manager: ['cash'], cashier: ['cash', 'card'], guest: [] };

describe.each<RunMode>(['embedded', 'distributed'])('sales points API (%s mode)', (mode) => {
  const { api } = useRunningSystem(mode);

  const call = api.call;
  const signUp = async () => (await api.signUp()).accessToken;

  async function withLegalEntity(owner: string): Promise<string> {
    const company = await call('POST', '/api/v1/legal-entities', owner, romashka);
    expect(company.status).toBe(201);
    return company.body.id as string;
  }

  it('adds a sales point to a legal entity, lists, searches by address, updates with the version seen, sets the payment methods and shows history', async () => {
    const owner = await signUp();
    const legalEntityId = await withLegalEntity(owner);

    const shop = await call('POST', '/api/v1/sales-points', owner, { name: 'Магазин у дома', legalEntityId, address: 'г. Москва, ул. Тверская, д. 1', brand: 'Ромашка' });
    expect(shop.status).toBe(201);
    expect(shop.body).toEqual({
      id: expect.any(String),
      version: 1,
      name: 'Магазин у дома',
      legalEntityId,
      legalEntityName: romashka.name,
      address: 'г. Москва, ул. Тверская, д. 1',
      brand: 'Ромашка',
      paymentMethods: DEFAULT_GRID,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const kiosk = await call('POST', '/api/v1/sales-points', owner, { name: 'Киоск', legalEntityId, address: 'г. Москва, ул. Арбат, д. 2' });
    expect(kiosk.status).toBe(201);
    expect(kiosk.body.brand).toBeNull();

    const list = await call('GET', '/api/v1/sales-points', owner);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, nextCursor: null });
    expect(list.body.items.map((item: { name: string }) => item.name)).toEqual(['Киоск', 'Магазин у дома']);
    const byAddress = await call('GET', `/api/v1/sales-points?search=${encodeURIComponent('ТВЕРСКАЯ')}`, owner);
    expect(byAddress.body.items.map((item: { id: string }) => item.id)).toEqual([shop.body.id]);
    const firstPage = await call('GET', '/api/v1/sales-points?limit=1', owner);
    const secondPage = await call('GET', `/api/v1/sales-points?limit=1&cursor=${encodeURIComponent(firstPage.body.nextCursor)}`, owner);
    expect(secondPage.body.items[0].name).toBe('Магазин у дома');

    const path = `/api/v1/sales-points/${shop.body.id}`;
    expect((await call('GET', path, owner)).body).toEqual(shop.body);
    const updated = await call('PUT', path, owner, { name: 'Магазин у дома', legalEntityId, address: 'г. Москва, ул. Тверская, д. 3', brand: 'Ромашка', expectedVersion: 1 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, address: 'г. Москва, ул. Тверская, д. 3' });
    const stale = await call('PUT', path, owner, { name: 'Старое', legalEntityId, address: 'г. Москва', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', detail: expect.stringMatching(/[а-я]/) });

    const set = await call('PUT', `${path}/payment-methods`, owner, { paymentMethods: GRID, expectedVersion: 2 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ version: 3, paymentMethods: GRID });
    const guest = await call('PUT', `${path}/payment-methods`, owner, { paymentMethods: { ...GRID, guest: ['cash'] }, expectedVersion: 3 });
    expect(guest.status).toBe(400);
    expect(guest.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'paymentMethods.guest', message: 'Гость не проводит продажи: способы оплаты ему не назначаются' }] });
    expect((await call('GET', path, owner)).body.paymentMethods).toEqual(GRID);

    const history = await call('GET', `${path}/history`, owner);
    expect(history.status).toBe(200);
    expect(history.body.items.map((entry: { action: string }) => entry.action)).toEqual(['created', 'updated', 'updated']);
    expect(history.body.items[1]).toMatchObject({
      actor: { accountId: expect.any(String), fullName: 'Иванов Иван Иванович' },
      changes: [{ field: 'address', from: 'г. Москва, ул. Тверская, д. 1', to: 'г. Москва, ул. Тверская, д. 3' }],
    });
    expect(history.body.items[2].changes).toEqual([{ field: 'paymentMethods', from: DEFAULT_GRID, to: GRID }]);
  });

  it('pages past sales points with the longest names, quotes and backslashes in them', async () => {
    const owner = await signUp();
    const legalEntityId = await withLegalEntity(owner);
    const names = ['А', 'Б'].map((letter) => `${letter} магазин "Ромашка" \\ у дома `.padEnd(255, 'ё'));
    for (const name of names) await api.add(owner, '/api/v1/sales-points', { name, legalEntityId, address: 'г. Москва' });

    const firstPage = await call('GET', '/api/v1/sales-points?limit=1', owner);
    const secondPage = await call('GET', `/api/v1/sales-points?limit=1&cursor=${encodeURIComponent(firstPage.body.nextCursor)}`, owner);
    expect([secondPage.status, secondPage.body.items?.[0]?.name, secondPage.body.nextCursor]).toEqual([200, names[1], null]);
  });

  it('refuses a legal entity the organisation does not have, under legalEntityId', async () => {
    const owner = await signUp();
    const stranger = await signUp();
    const theirs = await withLegalEntity(stranger);
    const refused = await call('POST', '/api/v1/sales-points', owner, { name: 'Магазин', legalEntityId: theirs, address: 'г. Москва' });
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([{ path: 'legalEntityId', message: 'Юридическое лицо не найдено' }]);
    expect((await call('GET', '/api/v1/sales-points', owner)).body.total).toBe(0);
  });

  it('refuses deleting a legal entity a sales point uses, naming it; deletes the sales point, then the legal entity', async () => {
    const owner = await signUp();
    const legalEntityId = await withLegalEntity(owner);
    const shop = await call('POST', '/api/v1/sales-points', owner, { name: 'Магазин у дома', legalEntityId, address: 'г. Москва' });

    const renamed = await call('PUT', `/api/v1/legal-entities/${legalEntityId}`, owner, { ...romashka, name: 'ООО «Ромашка плюс»', expectedVersion: 1 });
    expect(renamed.status).toBe(200);
    expect((await call('GET', `/api/v1/sales-points/${shop.body.id}`, owner)).body.legalEntityName).toBe('ООО «Ромашка плюс»');

    const inUse = await call('DELETE', `/api/v1/legal-entities/${legalEntityId}`, owner);
    expect(inUse.status).toBe(409);
    expect(inUse.body).toMatchObject({ code: 'RULE_VIOLATED', detail: expect.stringContaining('«Магазин у дома»') });

    expect((await call('DELETE', `/api/v1/sales-points/${shop.body.id}`, owner, undefined, { 'if-match': '2' })).status).toBe(409);
    expect((await call('DELETE', `/api/v1/sales-points/${shop.body.id}`, owner, undefined, { 'if-match': '1' })).status).toBe(204);
    expect((await call('GET', `/api/v1/sales-points/${shop.body.id}`, owner)).status).toBe(404);
    expect((await call('GET', `/api/v1/sales-points/${shop.body.id}/history`, owner)).body.items.at(-1)).toMatchObject({ action: 'deleted' });
    expect((await call('DELETE', `/api/v1/legal-entities/${legalEntityId}`, owner)).status).toBe(204);
  });

  it('shows another organisation nothing: 404 on get, update, payment methods, delete and history', async () => {
    const owner = await signUp();
    const stranger = await signUp();
    const legalEntityId = await withLegalEntity(owner);
    const shop = await call('POST', '/api/v1/sales-points', owner, { name: 'Магазин', legalEntityId, address: 'г. Москва' });
    const path = `/api/v1/sales-points/${shop.body.id}`;

    expect((await call('GET', path, stranger)).status).toBe(404);
    expect((await call('PUT', path, stranger, { name: 'Чужой', legalEntityId, address: 'г. Москва', expectedVersion: 1 })).status).toBe(404);
    expect((await call('PUT', `${path}/payment-methods`, stranger, { paymentMethods: GRID, expectedVersion: 1 })).status).toBe(404);
    expect((await call('DELETE', path, stranger)).status).toBe(404);
    expect((await call('GET', `${path}/history`, stranger)).status).toBe(404);
    expect((await call('GET', '/api/v1/sales-points', stranger)).body).toEqual({ items: [], total: 0, nextCursor: null });
    const notFound = await call('GET', '/api/v1/sales-points/not-a-uuid', owner);
    expect(notFound.body).toMatchObject({ code: 'NOT_FOUND', detail: 'Точка продаж не найдена' });
    expect((await call('GET', path, owner)).body.name).toBe('Магазин');
  });
});
