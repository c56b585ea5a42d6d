import { randomUUID } from 'node:crypto';
import { DEFAULT_PAYMENT_METHODS, OrganisationSubjects, type SalesPointList, type SalesPointView } from '@elk/contracts';
import { gatewayAnswering } from './gateway.harness';

const id = randomUUID();
const legalEntityId = randomUUID();
const view: SalesPointView = {
  id,
  version: 1,
  name: 'Магазин на Тверской',
  legalEntityId,
  legalEntityName: 'ООО «Ромашка»',
  address: 'г. Москва, ул. Тверская, д. 1',
  brand: 'Ромашка',
  paymentMethods: DEFAULT_PAYMENT_METHODS,
  createdAt: '2025-01-15T10:00:00.000Z',
  updatedAt: '2025-01-15T10:00:00.000Z',
};
const body = { name: view.name, legalEntityId, address: view.address, brand: view.brand };
const grid = { paymentMethods: { ...DEFAULT_PAYMENT_METHODS, owner: ['cash', 'card', 'sbp'] }, expectedVersion: 1 };

const { received, request, signedIn } = gatewayAnswering({
  [OrganisationSubjects.GetSalesPointList]: { items: [view], total: 1, nextCursor: null } satisfies SalesPointList,
  [OrganisationSubjects.GetSalesPoint]: view,
  [OrganisationSubjects.AddSalesPoint]: view,
  [OrganisationSubjects.UpdateSalesPoint]: { ...view, version: 2 },
  [OrganisationSubjects.SetSalesPointPaymentMethods]: { ...view, version: 3, paymentMethods: grid.paymentMethods },
  [OrganisationSubjects.DeleteSalesPoint]: null,
  [OrganisationSubjects.GetSalesPointHistory]: { items: [] },
});

const WRITES = [
  ['POST', '/api/v1/sales-points', body],
  ['PUT', `/api/v1/sales-points/${id}`, { ...body, expectedVersion: 1 }],
  ['PUT', `/api/v1/sales-points/${id}/payment-methods`, grid],
  ['DELETE', `/api/v1/sales-points/${id}`, undefined],
] as const;
const READS = [`/api/v1/sales-points`, `/api/v1/sales-points?search=тверская&limit=10`, `/api/v1/sales-points/${id}`, `/api/v1/sales-points/${id}/history`];

describe('sales points at the gateway', () => {
  it.each(['manager', 'cashier', 'guest'] as const)('refuses every write of a %s with 403 «Недостаточно прав», asking no service', async (role) => {
    const { token } = await signedIn(role);
    for (const [method, url, payload] of WRITES) {
      const response = await request(method, url, token, payload);
      expect([method, url, response.statusCode, response.json().detail]).toEqual([method, url, 403, 'Недостаточно прав']);
    }
    expect(received).toEqual([]);
  });

  it('lets the Guest and the Manager read, and refuses the Cashier', async () => {
    for (const role of ['guest', 'manager'] as const) {
      const { token } = await signedIn(role);
      for (const url of READS) expect([role, url, (await request('GET', url, token)).statusCode]).toEqual([role, url, 200]);
    }
    const { token } = await signedIn('cashier');
    for (const url of READS) expect([url, (await request('GET', url, token)).statusCode]).toEqual([url, 403]);
  });

  it.each(['owner', 'admin'] as const)('lets the %s write, naming the actor only in headers', async (role) => {
    const { token, account } = await signedIn(role);
    const added = await request('POST', '/api/v1/sales-points', token, body);
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual(view);
    expect((await request('PUT', `/api/v1/sales-points/${id}`, token, { ...body, expectedVersion: 1 })).statusCode).toBe(200);
    const set = await request('PUT', `/api/v1/sales-points/${id}/payment-methods`, token, grid);
    expect(set.statusCode).toBe(200);
    expect(set.json().paymentMethods).toEqual(grid.paymentMethods);
    expect((await request('DELETE', `/api/v1/sales-points/${id}`, token, undefined, { 'if-match': '"3"' })).statusCode).toBe(204);
    expect(received.map((call) => call.subject)).toEqual([
      OrganisationSubjects.AddSalesPoint,
      OrganisationSubjects.UpdateSalesPoint,
      OrganisationSubjects.SetSalesPointPaymentMethods,
      OrganisationSubjects.DeleteSalesPoint,
    ]);
    expect(received[0]?.data).toEqual({ salesPointId: expect.any(String), point: body });
    expect(received[2]?.data).toEqual({ salesPointId: id, grid });
    expect(received[3]?.data).toEqual({ salesPointId: id, expectedVersion: 3 });
    for (const call of received) expect(call.headers).toMatchObject({ 'elk-organisation-id': account.organisationId, 'elk-actor': account.accountId, 'elk-role': role });
  });

  it('answers an id that is not a uuid with 404 in Russian', async () => {
    const { token } = await signedIn('owner');
    for (const [method, url, payload] of [
      ['GET', '/api/v1/sales-points/abc', undefined],
      ['PUT', '/api/v1/sales-points/abc', { ...body, expectedVersion: 1 }],
      ['PUT', '/api/v1/sales-points/abc/payment-methods', grid],
      ['DELETE', '/api/v1/sales-points/1', undefined],
      ['GET', '/api/v1/sales-points/abc/history', undefined],
    ] as const) {
      const response = await request(method, url, token, payload);
      expect([method, url, response.statusCode, response.json().detail]).toEqual([method, url, 404, 'Точка продаж не найдена']);
    }
    expect(received).toEqual([]);
  });

  it('refuses bad input with per-field Russian errors before asking the service', async () => {
    const { token } = await signedIn('owner');
    const noLegalEntity = await request('POST', '/api/v1/sales-points', token, { ...body, legalEntityId: '' });
    expect(noLegalEntity.statusCode).toBe(400);
    expect(noLegalEntity.json().errors).toEqual([{ path: 'legalEntityId', message: 'Выберите юридическое лицо' }]);
    const noName = await request('POST', '/api/v1/sales-points', token, { ...body, name: '  ' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().errors.map((error: { path: string }) => error.path)).toEqual(['name']);
    const noVersion = await request('PUT', `/api/v1/sales-points/${id}`, token, body);
    expect(noVersion.json().errors.map((error: { path: string }) => error.path)).toEqual(['expectedVersion']);
    const guest = await request('PUT', `/api/v1/sales-points/${id}/payment-methods`, token, { ...grid, paymentMethods: { ...grid.paymentMethods, guest: ['cash'] } });
    expect(guest.statusCode).toBe(400);
    expect(guest.json().errors).toEqual([{ path: 'paymentMethods.guest', message: 'Гость не проводит продажи: способы оплаты ему не назначаются' }]);
    const unknownMethod = await request('PUT', `/api/v1/sales-points/${id}/payment-methods`, token, { ...grid, paymentMethods: { ...grid.paymentMethods, owner: ['barter'] } });
    expect(unknownMethod.statusCode).toBe(400);
    expect(unknownMethod.json().errors[0].path).toBe('paymentMethods.owner.0');
    const badIfMatch = await request('DELETE', `/api/v1/sales-points/${id}`, token, undefined, { 'if-match': 'latest' });
    expect(badIfMatch.statusCode).toBe(400);
    expect(badIfMatch.json().errors[0]).toEqual({ path: 'if-match', message: 'If-Match: версия точки продаж, которую вы видели (целое число)' });
    expect((await request('GET', '/api/v1/sales-points?limit=0', token)).statusCode).toBe(400);
    expect(received).toEqual([]);
  });
});
