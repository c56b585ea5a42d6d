import { randomUUID } from 'node:crypto';
import { OrganisationSubjects, type EmployeeList, type EmployeeView, type InvitationSent, type PinSent } from '@elk/contracts';
import { gatewayAnswering } from './gateway.harness';

const id = randomUUID();
const view: EmployeeView = {
  id,
  version: 1,
  lastName: 'Сидоров',
  firstName: 'Пётр',
  patronymic: null,
  fullName: 'Сидоров Пётр',
  phone: '+79123456789',
  email: null,
  role: 'cashier',
  pinSentAt: '2025-01-15T10:00:00.000Z',
  createdAt: '2025-01-15T10:00:00.000Z',
  updatedAt: '2025-01-15T10:00:00.000Z',
};
const body = { lastName: 'Сидоров', firstName: 'Пётр', phone: '8 (912) 345-67-89', role: 'cashier' };
/** The body as the service gets it: the phone in its one stored form, the optional fields null. */
const parsed = { lastName: 'Сидоров', firstName: 'Пётр', patronymic: null, phone: '+79123456789', email: null, role: 'cashier' };
const pinSent: PinSent = { phone: '+79123456789', sentAt: '2025-01-16T10:00:00.000Z' };
const invitationSent: InvitationSent = { ...pinSent, expiresAt: '2025-01-17T10:00:00.000Z' };

const { received, request, signedIn } = gatewayAnswering({
  [OrganisationSubjects.GetEmployeeList]: { items: [view], total: 1, nextCursor: null } satisfies EmployeeList,
  [OrganisationSubjects.GetEmployee]: view,
  [OrganisationSubjects.AddEmployee]: view,
  [OrganisationSubjects.UpdateEmployee]: { ...view, version: 2, pendingPhone: null },
  [OrganisationSubjects.ConfirmEmployeePhone]: { ...view, version: 3, phone: '+79120000000' },
  [OrganisationSubjects.SendEmployeePin]: pinSent,
  [OrganisationSubjects.InviteEmployee]: invitationSent,
  [OrganisationSubjects.DeleteEmployee]: null,
  [OrganisationSubjects.GetEmployeeHistory]: { items: [] },
});

const WRITES = [
  ['POST', '/api/v1/employees', body],
  ['PUT', `/api/v1/employees/${id}`, { ...body, expectedVersion: 1 }],
  ['POST', `/api/v1/employees/${id}/pin`, undefined],
  ['POST', `/api/v1/employees/${id}/invitation`, undefined],
  ['POST', `/api/v1/employees/${id}/phone-confirmation`, { phone: '+79120000000', code: '123456' }],
  ['DELETE', `/api/v1/employees/${id}`, undefined],
] as const;
const READS = ['/api/v1/employees', '/api/v1/employees?search=912%20345&limit=10', `/api/v1/employees/${id}`, `/api/v1/employees/${id}/history`];

describe('employees at the gateway', () => {
  it.each(['manager', 'cashier', 'guest'] as const)('lets a %s read but refuses every write with 403, asking no service', async (role) => {
    const { token } = await signedIn(role);
    for (const url of READS) expect([url, (await request('GET', url, token)).statusCode]).toEqual([url, 200]);
    received.length = 0;
    for (const [method, url, payload] of WRITES) {
      const response = await request(method, url, token, payload);
      expect([method, url, response.statusCode, response.json().detail]).toEqual([method, url, 403, 'Недостаточно прав']);
    }
    expect(received).toEqual([]);
  });

  it.each(['owner', 'admin'] as const)('lets the %s write, naming the actor only in headers', async (role) => {
    const { token, account } = await signedIn(role);
    const added = await request('POST', '/api/v1/employees', token, body);
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual(view);
    expect((await request('PUT', `/api/v1/employees/${id}`, token, { ...body, expectedVersion: 1 })).statusCode).toBe(200);
    const pin = await request('POST', `/api/v1/employees/${id}/pin`, token);
    expect([pin.statusCode, pin.json()]).toEqual([200, pinSent]);
    const invitation = await request('POST', `/api/v1/employees/${id}/invitation`, token, undefined, { host: 'elk.example.ru:8443', 'x-forwarded-proto': 'https' });
    expect([invitation.statusCode, invitation.json()]).toEqual([200, invitationSent]);
    const confirmed = await request('POST', `/api/v1/employees/${id}/phone-confirmation`, token, { phone: '8 912 000-00-00', code: ' 123456 ' });
    expect([confirmed.statusCode, confirmed.json().phone]).toEqual([200, '+79120000000']);
    expect((await request('DELETE', `/api/v1/employees/${id}`, token, undefined, { 'if-match': '2' })).statusCode).toBe(204);
    expect(received.map((call) => call.subject)).toEqual([
      OrganisationSubjects.AddEmployee,
      OrganisationSubjects.UpdateEmployee,
      OrganisationSubjects.SendEmployeePin,
      OrganisationSubjects.InviteEmployee,
      OrganisationSubjects.ConfirmEmployeePhone,
      OrganisationSubjects.DeleteEmployee,
    ]);
    expect(received[0]?.data).toEqual({ employeeId: expect.any(String), employee: parsed });
    expect(received[1]?.data).toEqual({ employeeId: id, employee: { ...parsed, expectedVersion: 1 } });
    // The link in the SMS starts with the address the admin's browser used (no CABINET_URL here; no proxy trusted).
    expect(received[3]?.data).toEqual({ employeeId: id, cabinetUrl: 'http://elk.example.ru:8443' });
    expect(received[4]?.data).toEqual({ employeeId: id, confirmation: { phone: '+79120000000', code: '123456' } });
    expect(received[5]?.data).toEqual({ employeeId: id, expectedVersion: 2 });
    for (const call of received) expect(call.headers).toMatchObject({ 'elk-organisation-id': account.organisationId, 'elk-actor': account.accountId, 'elk-role': role });
  });

  it('adds once for one Idempotency-Key, with the same employee id on a retry', async () => {
    const { token } = await signedIn('owner');
    const key = randomUUID();
    const first = await request('POST', '/api/v1/employees', token, body, { 'idempotency-key': key });
    const retry = await request('POST', '/api/v1/employees', token, body, { 'idempotency-key': key });
    expect([first.statusCode, retry.statusCode, retry.headers['idempotent-replayed']]).toEqual([201, 201, 'true']);
    expect(received).toHaveLength(1);
  });

  it('sends at most 5 invitations an hour to one employee, counted per organisation', async () => {
    const { token } = await signedIn('owner');
    const invite = (employeeId = id, as = token) => request('POST', `/api/v1/employees/${employeeId}/invitation`, as);
    for (let sent = 0; sent < 5; sent++) expect((await invite()).statusCode).toBe(200);

    const refused = await invite();
    expect([refused.statusCode, refused.json().detail]).toEqual([429, 'Приглашение этому сотруднику уже отправляли несколько раз. Попробуйте через 60 мин.']);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
    expect(received).toHaveLength(5);
    expect((await invite(randomUUID())).statusCode).toBe(200);
    expect((await invite(id, (await signedIn('owner')).token)).statusCode).toBe(200);
  });

  it('answers an id that is not a uuid with 404 «Сотрудник не найден»', async () => {
    const { token } = await signedIn('owner');
    for (const [method, url] of [
      ['GET', '/api/v1/employees/abc'],
      ['DELETE', '/api/v1/employees/1'],
      ['POST', '/api/v1/employees/abc/pin'],
      ['POST', '/api/v1/employees/abc/invitation'],
      ['GET', '/api/v1/employees/abc/history'],
    ] as const) {
      const response = await request(method, url, token);
      expect([method, url, response.statusCode, response.json().detail]).toEqual([method, url, 404, 'Сотрудник не найден']);
    }
    expect(received).toEqual([]);
  });

  it('refuses bad input with per-field Russian errors before asking the service', async () => {
    const { token } = await signedIn('owner');
    const bad = await request('POST', '/api/v1/employees', token, { ...body, firstName: 'Иван1', phone: '123', role: 'boss', extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'firstName', message: 'Только буквы, пробелы, дефис и апостроф' },
        { path: 'phone', message: 'Введите мобильный номер в формате +7 9XX XXX-XX-XX' },
        { path: 'extra', message: 'Неизвестное поле «extra»' },
      ]),
    );
    expect(bad.json().errors.map((error: { path: string }) => error.path)).toContain('role');
    const noVersion = await request('PUT', `/api/v1/employees/${id}`, token, body);
    expect(noVersion.json().errors.map((error: { path: string }) => error.path)).toEqual(['expectedVersion']);
    const badIfMatch = await request('DELETE', `/api/v1/employees/${id}`, token, undefined, { 'if-match': 'latest' });
    expect(badIfMatch.json().errors).toEqual([{ path: 'if-match', message: 'If-Match: версия карточки сотрудника, которую вы видели (целое число)' }]);
    expect(received).toEqual([]);
  });
});
