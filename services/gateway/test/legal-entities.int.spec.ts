import { randomUUID } from 'node:crypto';
import { OrganisationSubjects, type LegalEntityList, type LegalEntityView } from '@elk/contracts';
import { gatewayAnswering } from './gateway.harness';

const id = randomUUID();
const view: LegalEntityView = {
  id,
  version: 1,
  type: 'ooo',
  name: 'ООО «Ромашка»',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  legalAddress: 'г. Москва',
  taxSystem: 'osn',
  chestnyZnakToken: '••••••3f9a',
  createdAt: '2025-01-15T10:00:00.000Z',
  updatedAt: '2025-01-15T10:00:00.000Z',
};
const { id: _id, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, chestnyZnakToken: _token, ...body } = view;

const { received, request, signedIn } = gatewayAnswering({
  [OrganisationSubjects.GetLegalEntityList]: { items: [view], total: 1, nextCursor: null } satisfies LegalEntityList,
  [OrganisationSubjects.GetLegalEntity]: view,
  [OrganisationSubjects.AddLegalEntity]: view,
  [OrganisationSubjects.UpdateLegalEntity]: { ...view, version: 2 },
  [OrganisationSubjects.DeleteLegalEntity]: null,
  [OrganisationSubjects.GetLegalEntityHistory]: { items: [] },
});

const WRITES = [
  ['POST', '/api/v1/legal-entities', body],
  ['PUT', `/api/v1/legal-entities/${id}`, { ...body, expectedVersion: 1 }],
  ['DELETE', `/api/v1/legal-entities/${id}`, undefined],
] as const;
const READS = [`/api/v1/legal-entities`, `/api/v1/legal-entities/${id}`, `/api/v1/legal-entities/${id}/history`];

describe('legal entities at the gateway', () => {
  it.each(['cashier', 'guest'] as const)('refuses every write of a %s with 403 «Недостаточно прав», asking no service', async (role) => {
    const { token } = await signedIn(role);
    for (const [method, url, payload] of WRITES) {
      const response = await request(method, url, token, payload);
      expect([method, response.statusCode, response.json().detail]).toEqual([method, 403, 'Недостаточно прав']);
    }
    expect(received).toEqual([]);
  });

  it('lets the Guest and the Manager read, and refuses the Cashier', async () => {
    for (const role of ['guest', 'manager'] as const) {
      const { token } = await signedIn(role);
      for (const url of READS) expect([url, (await request('GET', url, token)).statusCode]).toEqual([url, 200]);
    }
    const { token } = await signedIn('cashier');
    for (const url of READS) expect([url, (await request('GET', url, token)).statusCode]).toEqual([url, 403]);
  });

  it.each(['owner', 'admin'] as const)('lets the %s write, naming the actor only in headers', async (role) => {
    const { token, account } = await signedIn(role);
    const added = await request('POST', '/api/v1/legal-entities', token, body);
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual(view);
    expect((await request('PUT', `/api/v1/legal-entities/${id}`, token, { ...body, expectedVersion: 1 })).statusCode).toBe(200);
    expect((await request('DELETE', `/api/v1/legal-entities/${id}`, token, undefined, { 'if-match': '"2"' })).statusCode).toBe(204);
    expect(received.map((call) => call.subject)).toEqual([OrganisationSubjects.AddLegalEntity, OrganisationSubjects.UpdateLegalEntity, OrganisationSubjects.DeleteLegalEntity]);
    expect(received[0]?.data).toEqual({ legalEntityId: expect.any(String), entity: body });
    expect(received[2]?.data).toEqual({ legalEntityId: id, expectedVersion: 2 });
    for (const call of received) expect(call.headers).toMatchObject({ 'elk-organisation-id': account.organisationId, 'elk-actor': account.accountId, 'elk-role': role });
  });

  it('answers an id that is not a uuid with 404 in Russian', async () => {
    const { token } = await signedIn('owner');
    for (const [method, url] of [
      ['GET', '/api/v1/legal-entities/abc'],
      ['PUT', '/api/v1/legal-entities/abc'],
      ['DELETE', '/api/v1/legal-entities/1'],
      ['GET', '/api/v1/legal-entities/abc/history'],
    ] as const) {
      const response = await request(method, url, token, method === 'PUT' ? { ...body, expectedVersion: 1 } : undefined);
      expect([method, url, response.statusCode, response.json().detail]).toEqual([method, url, 404, 'Юридическое лицо не найдено']);
    }
    expect(received).toEqual([]);
  });

  it('refuses bad input with per-field Russian errors before asking the service', async () => {
    const { token } = await signedIn('owner');
    const badInn = await request('POST', '/api/v1/legal-entities', token, { ...body, inn: '7707083894' });
    expect(badInn.statusCode).toBe(400);
    expect(badInn.json().errors).toEqual([{ path: 'inn', message: 'Неверный ИНН: не сходится контрольное число' }]);
    const noVersion = await request('PUT', `/api/v1/legal-entities/${id}`, token, body);
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().errors.map((error: { path: string }) => error.path)).toEqual(['expectedVersion']);
    const badIfMatch = await request('DELETE', `/api/v1/legal-entities/${id}`, token, undefined, { 'if-match': 'latest' });
    expect(badIfMatch.statusCode).toBe(400);
    expect(badIfMatch.json().errors[0].path).toBe('if-match');
    const badQuery = await request('GET', '/api/v1/legal-entities?limit=0', token);
    expect(badQuery.statusCode).toBe(400);
    expect(received).toEqual([]);
  });
});
