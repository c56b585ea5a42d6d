/**
 * Every endpoint behind a session, walked with every role and with another organisation's Owner.
 * The endpoints and the permission each needs come from the gateway's route declarations (API_ROUTES), the
 * expectations from the permission matrix in libs/auth (the one source the gateway and the cabinet use). The
 * routes the running gateway registered are checked against the declarations, and every declared route behind
 * a session must have a probe here, so a new endpoint cannot slip past this walk.
 *
 * A role that may call an endpoint is sent a request that passes the permission check and then fails
 * validation (or only reads), so the walk changes nothing; a role that may not gets 403 whatever it sends.
 * The terminal API /pos/v1 is walked too: no cabinet token opens it, no device credential or cashier session opens
 * the cabinet, every role but the Owner logs in on a terminal, and never on another organisation's.
 */
import { can, type Permission } from '@elk/auth';
import { ROLES, TERMINAL_SESSION_HEADER, type Role } from '@elk/contracts';
import { API_ROUTES, checkRouteTable, isTerminalAccess, routeName } from '@elk/gateway';
import { ROMASHKA as romashka, cabinetApi, type CabinetApi } from './api.harness';
import { startSystem, uniqueContact, type RunningSystem } from './system.harness';
import { ACTIVATION_CODE_IN_SMS, PIN_CODE_IN_SMS, PosTerminal, TerminalRequestError, simulatedBankTerminal, simulatedFiscalRegister } from '../scripts/pos-sim/pos-terminal';
import { SaleGenerator } from '../scripts/pos-sim/sale-generator';

jest.setTimeout(180_000);

interface Fixtures {
  legalEntityId: string;
  salesPointId: string;
  /** A Cashier no acting account is: the target of the employee endpoints. */
  employeeId: string;
  unitId: string;
  categoryId: string;
  productId: string;
  workplaceId: string;
  /** Reported by a terminal of the organisation (activated on a workplace of its own). */
  fiscalRegisterId: string;
  bankTerminalId: string;
  /** A sale that terminal made, by the organisation's Cashier (the acting one, who reads their own sales), paid by card. */
  saleId: string;
  /** Its card payment. */
  transactionId: string;
}

interface Probe {
  body?: unknown;
  headers?: Record<string, string>;
  /** The status a role with the permission gets. */
  allowed: number;
}

/** How to call one declared endpoint. */
interface EndpointProbe {
  probe: Probe;
  /** For paths with {id}: a valid request, which another organisation's Owner must get 404 for. */
  foreign?: (fixtures: Fixtures) => { body?: unknown; headers?: Record<string, string> };
}

interface Endpoint extends EndpointProbe {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** As declared: `/api/v1/employees/{id}`. */
  path: string;
  /** As declared; null: any logged-in account. */
  permission: Permission | null;
}

const notANumber = { 'if-match': 'latest' };

const DEFAULT_GRID = { owner: ['cash', 'card'], admin: ['cash', 'card'], manager: ['cash', 'card'], cashier: ['cash', 'card'], guest: [] };
const employee = (role: Role) => ({ lastName: 'Петрова', firstName: 'Анна', patronymic: 'Сергеевна', ...uniqueContact(), role });
const UNIT = { name: 'упаковка', shortName: 'уп', ffdCode: 255 };
const product = (unitId: string) => ({ name: 'Хлеб ржаной', price: 5_500, unitId, vat: 'vat10' });
const workplace = (salesPointId: string, employeeId: string) => ({ name: 'Касса №1', number: 1, type: 'stationary', salesPointId, employeeId });

/** A probe for each declared endpoint behind a session, by `METHOD path`. */
const PROBES: Record<string, EndpointProbe> = {
  'GET /api/v1/me': { probe: { allowed: 200 } },
  'POST /api/v1/me/password': { probe: { body: {}, allowed: 400 } },

  'GET /api/v1/legal-entities': { probe: { allowed: 200 } },
  'POST /api/v1/legal-entities': { probe: { body: {}, allowed: 400 } },
  'GET /api/v1/legal-entities/{id}': { probe: { allowed: 200 }, foreign: () => ({}) },
  'PUT /api/v1/legal-entities/{id}': {
    probe: { body: {}, allowed: 400 },
    foreign: () => ({ body: { ...romashka, name: 'ООО «Захват»', expectedVersion: 1 } }),
  },
  'DELETE /api/v1/legal-entities/{id}': {
    probe: { headers: notANumber, allowed: 400 },
    foreign: () => ({ headers: { 'if-match': '1' } }),
  },
  'GET /api/v1/legal-entities/{id}/history': { probe: { allowed: 200 }, foreign: () => ({}) },

  'GET /api/v1/sales-points': { probe: { allowed: 200 } },
  'POST /api/v1/sales-points': { probe: { body: {}, allowed: 400 } },
  'GET /api/v1/sales-points/{id}': { probe: { allowed: 200 }, foreign: () => ({}) },
  'PUT /api/v1/sales-points/{id}': {
    probe: { body: {}, allowed: 400 },
    foreign: ({ legalEntityId }) => ({ body: { name: 'Захват', legalEntityId, address: 'г. Москва', expectedVersion: 1 } }),
  },
  'PUT /api/v1/sales-points/{id}/payment-methods': {
    probe: { body: {}, allowed: 400 },
    foreign: () => ({ body: { paymentMethods: DEFAULT_GRID, expectedVersion: 1 } }),
  },
  'DELETE /api/v1/sales-points/{id}': {
    probe: { headers: notANumber, allowed: 400 },
    foreign: () => ({ headers: { 'if-match': '1' } }),
  },
  'GET /api/v1/sales-points/{id}/history': { probe: { allowed: 200 }, foreign: () => ({}) },

  'GET /api/v1/employees': { probe: { allowed: 200 } },
  'POST /api/v1/employees': { probe: { body: {}, allowed: 400 } },
  'GET /api/v1/employees/{id}': { probe: { allowed: 200 }, foreign: () => ({}) },
  'PUT /api/v1/employees/{id}': {
    probe: { body: {}, allowed: 400 },
    foreign: () => ({ body: { ...employee('admin'), expectedVersion: 1 } }),
  },
  'DELETE /api/v1/employees/{id}': {
    probe: { headers: notANumber, allowed: 400 },
    foreign: () => ({ headers: { 'if-match': '1' } }),
  },
  // The two probes that do something: the target gets a new PIN-code and an invitation to the cabinet by SMS
  // (harmless; another organisation's Owner sends neither, checked below).
  'POST /api/v1/employees/{id}/pin': { probe: { allowed: 200 }, foreign: () => ({}) },
  'POST /api/v1/employees/{id}/invitation': { probe: { allowed: 200 }, foreign: () => ({}) },
  /** Another organisation's ids are refused one by one as not found: see the bulk test below. */
  'POST /api/v1/employees/pin': { probe: { body: {}, allowed: 400 } },
  'POST /api/v1/employees/{id}/phone-confirmation': {
    probe: { body: {}, allowed: 400 },
    foreign: () => ({ body: { phone: '+79120000000', code: '123456' } }),
  },
  'GET /api/v1/employees/{id}/history': { probe: { allowed: 200 }, foreign: () => ({}) },

  'GET /api/v1/workplaces': { probe: { allowed: 200 } },
  'POST /api/v1/workplaces': { probe: { body: {}, allowed: 400 } },
  'GET /api/v1/workplaces/{id}': { probe: { allowed: 200 }, foreign: () => ({}) },
  'PUT /api/v1/workplaces/{id}': {
    probe: { body: {}, allowed: 400 },
    foreign: ({ salesPointId, employeeId }) => ({ body: { ...workplace(salesPointId, employeeId), name: 'Захват', expectedVersion: 1 } }),
  },
  'DELETE /api/v1/workplaces/{id}': {
    probe: { headers: notANumber, allowed: 400 },
    foreign: () => ({ headers: { 'if-match': '1' } }),
  },
  'POST /api/v1/workplaces/{id}/activation-code': {
    probe: { body: {}, allowed: 400 },
    foreign: ({ salesPointId, employeeId }) => ({ body: { salesPointId, employeeId } }),
  },
  /** Not activated yet: 409 once the role may deactivate (nothing changes). */
  'POST /api/v1/workplaces/{id}/deactivate': { probe: { allowed: 409 }, foreign: () => ({}) },
  'GET /api/v1/workplaces/{id}/history': { probe: { allowed: 200 }, foreign: () => ({}) },

  'GET /api/v1/fiscal-registers': { probe: { allowed: 200 } },
  'GET /api/v1/fiscal-registers/{id}': { probe: { allowed: 200 }, foreign: () => ({}) },
  'GET /api/v1/fiscal-registers/{id}/history': { probe: { allowed: 200 }, foreign: () => ({}) },
  'GET /api/v1/bank-terminals': { probe: { allowed: 200 } },
  'GET /api/v1/bank-terminals/{id}': { probe: { allowed: 200 }, foreign: () => ({}) },
  'GET /api/v1/bank-terminals/{id}/history': { probe: { allowed: 200 }, foreign: () => ({}) },

  'GET /api/v1/sales': { probe: { allowed: 200 } },
  'GET /api/v1/sales/export': { probe: { allowed: 200 } },
  'GET /api/v1/sales/{id}': { probe: { allowed: 200 }, foreign: () => ({}) },
  'GET /api/v1/transactions': { probe: { allowed: 200 } },
  'GET /api/v1/transactions/export': { probe: { allowed: 200 } },
  'GET /api/v1/transactions/{id}': { probe: { allowed: 200 }, foreign: () => ({}) },

  'GET /api/v1/catalog/units': { probe: { allowed: 200 } },
  'POST /api/v1/catalog/units': { probe: { body: {}, allowed: 400 } },
  'GET /api/v1/catalog/units/{id}': { probe: { allowed: 200 }, foreign: () => ({}) },
  'PUT /api/v1/catalog/units/{id}': {
    probe: { body: {}, allowed: 400 },
    foreign: () => ({ body: { ...UNIT, name: 'захват', expectedVersion: 1 } }),
  },
  'DELETE /api/v1/catalog/units/{id}': {
    probe: { headers: notANumber, allowed: 400 },
    foreign: () => ({ headers: { 'if-match': '1' } }),
  },
  'GET /api/v1/catalog/units/{id}/history': { probe: { allowed: 200 }, foreign: () => ({}) },

  'GET /api/v1/catalog/categories': { probe: { allowed: 200 } },
  'POST /api/v1/catalog/categories': { probe: { body: {}, allowed: 400 } },
  'GET /api/v1/catalog/categories/{id}': { probe: { allowed: 200 }, foreign: () => ({}) },
  'PUT /api/v1/catalog/categories/{id}': {
    probe: { body: {}, allowed: 400 },
    foreign: () => ({ body: { name: 'Захват', expectedVersion: 1 } }),
  },
  'DELETE /api/v1/catalog/categories/{id}': {
    probe: { headers: notANumber, allowed: 400 },
    foreign: () => ({ headers: { 'if-match': '1' } }),
  },
  'GET /api/v1/catalog/categories/{id}/history': { probe: { allowed: 200 }, foreign: () => ({}) },

  'GET /api/v1/catalog/products': { probe: { allowed: 200 } },
  'POST /api/v1/catalog/products': { probe: { body: {}, allowed: 400 } },
  'GET /api/v1/catalog/products/{id}': { probe: { allowed: 200 }, foreign: () => ({}) },
  'PUT /api/v1/catalog/products/{id}': {
    probe: { body: {}, allowed: 400 },
    foreign: ({ unitId }) => ({ body: { ...product(unitId), name: 'Захват', expectedVersion: 1 } }),
  },
  'DELETE /api/v1/catalog/products/{id}': {
    probe: { headers: notANumber, allowed: 400 },
    foreign: () => ({ headers: { 'if-match': '1' } }),
  },
  'GET /api/v1/catalog/products/{id}/history': { probe: { allowed: 200 }, foreign: () => ({}) },
  /** Another organisation's ids are refused one by one as not found: see the bulk test below. */
  'POST /api/v1/catalog/products/bulk': { probe: { body: {}, allowed: 400 } },
  'GET /api/v1/catalog/products/export': { probe: { allowed: 200 } },
  /** A JSON body is not a product file: 400 once the role may import. */
  'POST /api/v1/catalog/products/import': { probe: { body: {}, allowed: 400 } },
  /** Its {id} is an import's: none has the product's id, so «waiting» once the role may import. */
  'GET /api/v1/catalog/products/import/{id}': { probe: { allowed: 200 } },
  /** Likewise: 404 once the role may undo an import. */
  'POST /api/v1/catalog/products/import/{id}/undo': { probe: { allowed: 404 } },
};
/** Logging out ends the token, so it is walked last, on its own. */
const LOGOUT = 'POST /api/v1/auth/logout';
const LOG_OUT_ON_TERMINAL = 'DELETE /pos/v1/sessions/current';

/** The declared routes behind a session (the bearer access token; refresh takes the refresh cookie instead, /pos/v1 a device credential). */
const SESSION_ROUTES = API_ROUTES.filter(({ access }) => access !== 'public' && access !== 'refresh-cookie' && !isTerminalAccess(access));
/** The terminal API's routes behind a device credential (and a cashier's session). */
const TERMINAL_ROUTES = API_ROUTES.filter(({ access }) => isTerminalAccess(access));
/** What the terminal itself gets on each of them, a cashier logged in; log-out is walked last. */
const TERMINAL_PROBES: Record<string, Probe> = {
  'GET /pos/v1/settings': { allowed: 200 },
  'POST /pos/v1/sessions': { body: {}, allowed: 400 },
  'GET /pos/v1/sessions/current': { allowed: 200 },
  'GET /pos/v1/catalog': { allowed: 200 },
  'DELETE /pos/v1/sessions/current': { allowed: 204 },
  // A bank terminal of its own: a report that records it.
  'POST /pos/v1/equipment': { body: { bankTerminal: simulatedBankTerminal('role-matrix') }, allowed: 200 },
  'POST /pos/v1/sales/events': { body: {}, allowed: 400 },
};
const ENDPOINTS: Endpoint[] = SESSION_ROUTES.flatMap(({ method, path, access }) => {
  const probe = PROBES[routeName({ method, path })];
  // A route without a probe fails the first test below.
  if (!probe) return [];
  return [{ method: method.toUpperCase() as Endpoint['method'], path, permission: access === 'session' ? null : (access as Permission), ...probe }];
});

/** Which fixture an endpoint's {id} is, by the path's resource. */
const FIXTURE_OF: Record<string, keyof Fixtures> = {
  '/api/v1/legal-entities': 'legalEntityId',
  '/api/v1/sales-points': 'salesPointId',
  '/api/v1/employees': 'employeeId',
  '/api/v1/workplaces': 'workplaceId',
  '/api/v1/fiscal-registers': 'fiscalRegisterId',
  '/api/v1/bank-terminals': 'bankTerminalId',
  '/api/v1/sales': 'saleId',
  '/api/v1/transactions': 'transactionId',
  '/api/v1/catalog/units': 'unitId',
  '/api/v1/catalog/categories': 'categoryId',
  '/api/v1/catalog/products': 'productId',
  '/api/v1/catalog/products/import': 'productId',
};
const resourceOf = (path: string, fixtures: Fixtures) => fixtures[FIXTURE_OF[path.slice(0, path.indexOf('/{id}'))]!];
const urlOf = (endpoint: Endpoint, fixtures: Fixtures) => endpoint.path.replace('{id}', resourceOf(endpoint.path, fixtures));
const nameOf = (endpoint: Endpoint) => `${endpoint.method} ${endpoint.path}`;

describe('roles × endpoints × tenants (embedded mode)', () => {
  let system: RunningSystem;
  let api: CabinetApi;
  const tokens = {} as Record<Role, string>;
  const phones = {} as Record<Role, string>;
  let fixtures: Fixtures;
  let targetPhone: string;
  /** The terminal that reported the fixtures' equipment. */
  let terminal: PosTerminal;
  let stranger: string;
  /** What the other organisation has (its product, category, unit, …): no terminal of this one may see it. */
  let strangerIds: string[];
  let strangerLegalEntityId: string;
  /** The other organisation's activated terminal. */
  let strangerTerminal: PosTerminal;

  /**
   * A legal entity, a sales point using it, the Cashier who is the employee endpoints' target, a unit, a category, a
   * product, a workplace, the fiscal register and bank terminal a terminal reported, and a sale `seller` made on it.
   */
  async function fixturesOf(token: string, seller?: string): Promise<Fixtures & { phone: string; terminal: PosTerminal }> {
    const legalEntity = await api.call('POST', '/api/v1/legal-entities', token, romashka);
    expect(legalEntity.status).toBe(201);
    const salesPoint = await api.call('POST', '/api/v1/sales-points', token, { name: 'Магазин у дома', legalEntityId: legalEntity.body.id, address: 'г. Москва, ул. Тверская, д. 1' });
    expect(salesPoint.status).toBe(201);
    const target = employee('cashier');
    const added = await api.call('POST', '/api/v1/employees', token, target);
    expect(added.status).toBe(201);
    const unit = await api.call('POST', '/api/v1/catalog/units', token, UNIT);
    expect(unit.status).toBe(201);
    const category = await api.call('POST', '/api/v1/catalog/categories', token, { name: 'Продукты' });
    expect(category.status).toBe(201);
    const kassa = await api.call('POST', '/api/v1/workplaces', token, workplace(salesPoint.body.id, added.body.id));
    expect(kassa.status).toBe(201);
    const [presetUnit] = await api.presetUnits(token);
    const bread = await api.add(token, '/api/v1/catalog/products', { ...product(presetUnit!.id), categoryId: category.body.id });
    // The terminal stands at a workplace of its own: the fixture's stays not activated, so deactivating it changes nothing.
    await api.add(token, '/api/v1/workplaces', { ...workplace(salesPoint.body.id, added.body.id), name: 'Касса №2', number: 2 });
    const till = new PosTerminal(system.url);
    await till.activate(await api.waitForSms(target.phone, ACTIVATION_CODE_IN_SMS, 1));
    const equipment = await till.reportEquipment();
    const sellerPhone = seller ?? target.phone;
    await till.logIn(sellerPhone, await api.waitForSms(sellerPhone, PIN_CODE_IN_SMS));
    const sale = new SaleGenerator({ bankTerminal: simulatedBankTerminal(till.device.serial), fnNumber: simulatedFiscalRegister(till.device.serial).fnNumber }).sale(new Date(), { ending: 'completed', payments: ['card'] });
    expect((await till.pushSales(sale)).results.every((result) => result.outcome === 'accepted')).toBe(true);
    const payment = sale.find((event) => event.paymentReceived)!;
    // The journals catch up with the push a moment later.
    await api.eventually(`/api/v1/transactions/${payment.eventId}`, token, (reply) => reply.status === 200);
    return {
      legalEntityId: legalEntity.body.id,
      salesPointId: salesPoint.body.id,
      employeeId: added.body.id,
      unitId: unit.body.id,
      categoryId: category.body.id,
      productId: bread.id,
      workplaceId: kassa.body.id,
      fiscalRegisterId: equipment.fiscalRegister!.id,
      bankTerminalId: equipment.bankTerminal!.id,
      saleId: sale[0]!.saleId,
      transactionId: payment.eventId,
      phone: target.phone,
      terminal: till,
    };
  }

  beforeAll(async () => {
    system = await startSystem('embedded');
    api = cabinetApi(system.url);
    tokens.owner = (await api.signUp()).accessToken;
    for (const role of ROLES.filter((role) => role !== 'owner')) {
      const person = employee(role);
      expect((await api.call('POST', '/api/v1/employees', tokens.owner, person)).status).toBe(201);
      tokens[role] = await api.setPasswordAndLogIn(person.phone);
      phones[role] = person.phone;
    }
    const { phone, terminal: till, ...ids } = await fixturesOf(tokens.owner, phones.cashier);
    fixtures = ids;
    targetPhone = phone;
    terminal = till;

    stranger = (await api.signUp('ООО «Чужая»')).accessToken;
    const { phone: _phone, terminal: strangerTill, ...strangerFixtures } = await fixturesOf(stranger);
    strangerLegalEntityId = strangerFixtures.legalEntityId;
    strangerTerminal = strangerTill;
    strangerIds = Object.values(strangerFixtures);
  });

  it('walks every declared endpoint behind a session, which the gateway serves and the OpenAPI document lists', async () => {
    expect(checkRouteTable(system.routes!)).toEqual({ undeclared: [], unregistered: [] });
    expect(SESSION_ROUTES.map(routeName).sort()).toEqual([...Object.keys(PROBES), LOGOUT].sort());
    const document = (await api.call('GET', '/api/docs/openapi.json')).body;
    // Behind a session: the bearer access token (refresh takes the refresh cookie instead).
    const secured = Object.entries<Record<string, { security?: Array<Record<string, unknown>> }>>(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => (operation.security ?? []).some((requirement) => 'bearer' in requirement))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(secured.sort()).toEqual([...ENDPOINTS.map(nameOf), LOGOUT].sort());
  });

  it('knows every role and gives each a working session', async () => {
    for (const role of ROLES) {
      const me = await api.call('GET', '/api/v1/me', tokens[role]);
      expect(me.body.role).toBe(role);
    }
  });

  it.each(ROLES)('refuses the %s with 403 exactly where the permission matrix says no, and lets it through everywhere else', async (role) => {
    const seen: string[] = [];
    for (const endpoint of ENDPOINTS) {
      const { body, headers, allowed } = endpoint.probe;
      const reply = await api.call(endpoint.method, urlOf(endpoint, fixtures), tokens[role], body, headers);
      const permitted = endpoint.permission === null || can(role, endpoint.permission);
      seen.push(`${nameOf(endpoint)} → ${reply.status}`);
      if (permitted) {
        expect({ endpoint: nameOf(endpoint), status: reply.status }).toEqual({ endpoint: nameOf(endpoint), status: allowed });
      } else {
        expect({ endpoint: nameOf(endpoint), status: reply.status, code: reply.body?.code }).toEqual({ endpoint: nameOf(endpoint), status: 403, code: 'FORBIDDEN' });
        expect(reply.body.detail).toMatch(/[а-яё]/i);
      }
    }
    expect(seen).toHaveLength(ENDPOINTS.length);
  });

  it("gives another organisation's Owner 404 for every id of this organisation, changing and showing nothing", async () => {
    const snapshot = async () =>
      Promise.all(
        ENDPOINTS.filter((endpoint) => endpoint.method === 'GET' && endpoint.path.endsWith('{id}')).map(async (endpoint) => (await api.call('GET', urlOf(endpoint, fixtures), tokens.owner)).body),
      );
    const before = await snapshot();
    const smsBefore = (await api.smsTo(targetPhone)).length;

    for (const endpoint of ENDPOINTS.filter((candidate) => candidate.foreign)) {
      const { body, headers } = endpoint.foreign!({ ...fixtures, legalEntityId: strangerLegalEntityId });
      const reply = await api.call(endpoint.method, urlOf(endpoint, fixtures), stranger, body, headers);
      expect({ endpoint: nameOf(endpoint), status: reply.status, code: reply.body?.code }).toEqual({ endpoint: nameOf(endpoint), status: 404, code: 'NOT_FOUND' });
      for (const id of Object.values(fixtures)) expect(reply.text).not.toContain(id);
    }

    expect(await snapshot()).toEqual(before);
    expect(await api.smsTo(targetPhone)).toHaveLength(smsBefore);
    for (const endpoint of ENDPOINTS.filter((candidate) => candidate.method === 'GET' && !candidate.path.includes('{id}') && candidate.permission)) {
      const list = await api.call('GET', endpoint.path, stranger);
      expect(list.status).toBe(200);
      for (const id of Object.values(fixtures)) expect(list.text).not.toContain(id);
      expect(list.text).not.toContain(targetPhone);
    }
  });

  it('keeps terminals and the cabinet apart: a device credential or a cashier session opens no cabinet route, a cabinet token no /pos/v1 route', async () => {
    await terminal.logIn(targetPhone, await api.waitForSms(targetPhone, PIN_CODE_IN_SMS));
    const { credential, sessionToken } = terminal;
    expect(TERMINAL_ROUTES.map(routeName).sort()).toEqual(Object.keys(TERMINAL_PROBES).sort());
    for (const endpoint of ENDPOINTS) {
      for (const terminalToken of [credential!, sessionToken!]) {
        const reply = await api.call(endpoint.method, urlOf(endpoint, fixtures), terminalToken, endpoint.probe.body, endpoint.probe.headers);
        expect({ endpoint: nameOf(endpoint), status: reply.status }).toEqual({ endpoint: nameOf(endpoint), status: 401 });
      }
    }
    const byTheTerminal = TERMINAL_ROUTES.map(routeName).sort((a, b) => Number(a === LOG_OUT_ON_TERMINAL) - Number(b === LOG_OUT_ON_TERMINAL));
    for (const name of byTheTerminal) {
      const route = TERMINAL_ROUTES.find((candidate) => routeName(candidate) === name)!;
      const method = route.method.toUpperCase();
      for (const role of ROLES) {
        const reply = await api.call(method, route.path, tokens[role]);
        expect({ name, role, status: reply.status }).toEqual({ name, role, status: 401 });
        // A cabinet token is no cashier session either, even with the device credential.
        if (route.access === 'terminal-session') {
          const withCredential = await fetch(`${system.url}${route.path}`, { method, headers: { authorization: `Bearer ${credential}`, [TERMINAL_SESSION_HEADER]: tokens[role] } });
          expect({ name, role, status: withCredential.status }).toEqual({ name, role, status: 401 });
        }
      }
      const { body, allowed } = TERMINAL_PROBES[name]!;
      const own = await terminal.send(method, route.path, body === undefined ? {} : { body });
      expect({ name, status: own.status }).toEqual({ name, status: allowed });
      const text = await own.text();
      for (const id of strangerIds) expect({ name, leaks: text.includes(id) }).toEqual({ name, leaks: false });
    }
    expect((await terminal.send('GET', '/pos/v1/sessions/current')).status).toBe(401);
  });

  it('lets every role but the Owner (no PIN-code until a workplace is theirs) log in on a terminal, a Guest without sales; never on another organisation\'s', async () => {
    // The workplace's first code was used above: a new one.
    const codes = (await api.smsTo(targetPhone)).filter((text) => ACTIVATION_CODE_IN_SMS.test(text)).length;
    expect((await api.call('POST', `/api/v1/workplaces/${fixtures.workplaceId}/activation-code`, tokens.owner, { employeeId: fixtures.employeeId, salesPointId: fixtures.salesPointId })).status).toBe(200);
    const terminal = new PosTerminal(system.url);
    await terminal.activate(await api.waitForSms(targetPhone, ACTIVATION_CODE_IN_SMS, codes));
    for (const role of ROLES.filter((candidate) => candidate !== 'owner')) {
      const pin = await api.waitForSms(phones[role], PIN_CODE_IN_SMS);
      const session = await terminal.logIn(phones[role], pin);
      expect({ role: session.role, canSell: session.canSell, paymentMethods: session.paymentMethods }).toEqual({ role, canSell: role !== 'guest', paymentMethods: DEFAULT_GRID[role] });
      const foreign = await strangerTerminal.logIn(phones[role], pin).catch((error: unknown) => error);
      expect({ role, status: (foreign as TerminalRequestError).status, code: (foreign as TerminalRequestError).problem?.code }).toEqual({ role, status: 400, code: 'PIN_INVALID' });
      // This organisation's session is this device's: the other organisation's terminal cannot present it.
      strangerTerminal.sessionToken = terminal.sessionToken;
      expect({ role, status: (await strangerTerminal.send('GET', '/pos/v1/sessions/current')).status }).toEqual({ role, status: 401 });
    }
    await terminal.syncCatalog();
    expect([...terminal.catalog.products.keys()]).toEqual([fixtures.productId]);
    expect([...terminal.catalog.categories.keys()]).toEqual([fixtures.categoryId]);
  });

  it("refuses this organisation's ids to another organisation's bulk actions as not found, changing nothing", async () => {
    const smsBefore = (await api.smsTo(targetPhone)).length;
    const pins = await api.call('POST', '/api/v1/employees/pin', stranger, { employeeIds: [fixtures.employeeId] });
    expect(pins.status).toBe(200);
    expect(pins.body).toEqual({ applied: [], refused: [{ id: fixtures.employeeId, name: null, reason: 'Сотрудник не найден' }] });
    expect(await api.smsTo(targetPhone)).toHaveLength(smsBefore);

    const product = await api.call('GET', `/api/v1/catalog/products/${fixtures.productId}`, tokens.owner);
    const reply = await api.call('POST', '/api/v1/catalog/products/bulk', stranger, { action: { type: 'delete' }, products: [{ id: fixtures.productId, version: product.body.version }] });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ applied: [], refused: [{ id: fixtures.productId, name: null, reason: 'Товар не найден' }] });
    expect((await api.call('GET', `/api/v1/catalog/products/${fixtures.productId}`, tokens.owner)).body).toEqual(product.body);
  });

  it('lets every role log out, after which its token is refused', async () => {
    for (const role of ROLES) {
      expect((await api.call('POST', '/api/v1/auth/logout', tokens[role])).status).toBe(204);
      expect((await api.call('GET', '/api/v1/me', tokens[role])).status).toBe(401);
    }
  });
});
