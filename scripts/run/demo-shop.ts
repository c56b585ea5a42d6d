/**
 * The demo merchant's shop, made through the cabinet API as the Owner would and by simulated terminals (pos-sim) as
 * real ones would: a legal entity, two sales points, two more employees (a Cashier and a Manager), three workplaces
 * activated with the codes from the SMS in the dev outbox, each reporting its fiscal register and bank terminal, and
 * then a week of sales on all three tills — every status, cash, card and СБП, a refund — so that on first start
 * Рабочие места, POS оборудование and both journals are worth looking at. The tills are ready when `seedDemoShop`
 * resolves; the week of sales follows in the background (`sales`), so the cabinet serves at once.
 */
import { DevSmsList, SalesPointView, type AddLegalEntityRequest, type AddSalesPointRequest, type AddWorkplaceRequest, type PushedSaleEvent, type Role, type SetPaymentMethodsRequest } from '@elk/contracts';
import type { z } from 'zod';
import { ACTIVATION_CODE_IN_SMS, PIN_CODE_IN_SMS, PosTerminal, simulatedBankTerminal, simulatedDevice, simulatedFiscalRegister } from '../pos-sim/pos-terminal';
import { SaleGenerator, type SaleScenario } from '../pos-sim/sale-generator';

const SMS_WAIT_MS = 10_000;
const DAYS_OF_SALES = 7;
/** Sales per till and day: a quiet shop's. */
const SALES_PER_DAY = 12;
/** Events per push: as a terminal flushing a day's queue. */
const PUSH_BATCH = 200;

const DEMO_LEGAL_ENTITY: AddLegalEntityRequest = {
  type: 'ooo',
  name: 'ООО «Демо»',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  legalAddress: 'г. Москва, ул. Вавилова, д. 19',
  taxSystem: 'usn-income',
};

interface DemoOwner {
  accountId: string;
  phone: string;
  password: string;
}

interface DemoEmployee {
  lastName: string;
  firstName: string;
  phone: string;
  role: Role;
}

const DEMO_EMPLOYEES: DemoEmployee[] = [
  { lastName: 'Смирнова', firstName: 'Ольга', phone: '+79990000101', role: 'cashier' },
  { lastName: 'Кузнецов', firstName: 'Павел', phone: '+79990000102', role: 'manager' },
];

/** A till of the demo shop: its terminal (a cashier logged in) and what makes its sales. */
export interface DemoTill {
  workplaceId: string;
  terminal: PosTerminal;
  sales: SaleGenerator;
}

export interface DemoShop {
  tills: DemoTill[];
  /** The week of sales, pushed by the tills after `seedDemoShop` resolved: how many sales and events. */
  sales: Promise<{ sales: number; events: number }>;
}

export async function seedDemoShop(url: string, owner: DemoOwner, now = new Date()): Promise<DemoShop> {
  const api = async <T>(method: string, path: string, schema: z.ZodType<T> | null, body?: unknown, token?: string): Promise<T> => {
    const reply = await fetch(`${url}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!reply.ok) throw new Error(`demo seed: ${method} ${path} answered ${reply.status}: ${await reply.text()}`);
    const json: unknown = await reply.json();
    return schema ? schema.parse(json) : (json as T);
  };
  const { accessToken } = await api<{ accessToken: string }>('POST', '/api/v1/auth/login', null, { login: owner.phone, password: owner.password });
  const add = <T = { id: string }>(path: string, body: unknown) => api<T>('POST', path, null, body, accessToken);
  const outbox = (phone: string) => api('GET', `/api/v1/dev/sms?to=${encodeURIComponent(phone)}`, DevSmsList);

  const legalEntity = await add('/api/v1/legal-entities', DEMO_LEGAL_ENTITY);
  const shop = await add('/api/v1/sales-points', { name: 'Демо-магазин', legalEntityId: legalEntity.id, address: DEMO_LEGAL_ENTITY.legalAddress } satisfies AddSalesPointRequest);
  const cafe = await add('/api/v1/sales-points', { name: 'Демо-кафе', legalEntityId: legalEntity.id, address: 'г. Москва, ул. Арбат, д. 10' } satisfies AddSalesPointRequest);
  // A new sales point's grid has cash and card; the demo's tills take СБП too, so that every method is in the journals
  // (the sales journal refuses a method the cashier's role may not take there).
  for (const point of [shop, cafe]) {
    const { paymentMethods, version } = await api('GET', `/api/v1/sales-points/${point.id}`, SalesPointView, undefined, accessToken);
    const withSbp = Object.fromEntries(Object.entries(paymentMethods).map(([role, methods]) => [role, role === 'guest' ? methods : [...methods, 'sbp']]));
    await api('PUT', `/api/v1/sales-points/${point.id}/payment-methods`, null, { paymentMethods: withSbp, expectedVersion: version } as SetPaymentMethodsRequest, accessToken);
  }
  const [cashier, manager] = await Promise.all(DEMO_EMPLOYEES.map((person) => add('/api/v1/employees', { ...person, patronymic: null, email: null })));

  const tillsToBe = [
    { number: 1, salesPointId: shop.id, employeeId: owner.accountId, phone: owner.phone },
    { number: 2, salesPointId: shop.id, employeeId: cashier!.id, phone: DEMO_EMPLOYEES[0]!.phone },
    { number: 3, salesPointId: cafe.id, employeeId: manager!.id, phone: DEMO_EMPLOYEES[1]!.phone },
  ];
  const tills: DemoTill[] = [];
  for (const till of tillsToBe) {
    const workplace = await add('/api/v1/workplaces', { name: `Касса №${till.number}`, number: till.number, type: 'stationary', salesPointId: till.salesPointId, employeeId: till.employeeId } satisfies AddWorkplaceRequest);
    const serial = `LP000000${till.number}`;
    const terminal = new PosTerminal(url, { device: simulatedDevice(serial) });
    await terminal.activate(await fromSms(() => outbox(till.phone), ACTIVATION_CODE_IN_SMS));
    await terminal.reportEquipment();
    const session = await terminal.logIn(till.phone, await fromSms(() => outbox(till.phone), PIN_CODE_IN_SMS));
    const sales = new SaleGenerator({ seed: serial, bankTerminal: simulatedBankTerminal(serial), fnNumber: simulatedFiscalRegister(serial).fnNumber, paymentMethods: session.paymentMethods });
    tills.push({ workplaceId: workplace.id, terminal, sales });
  }
  return { tills, sales: pushWeekOfSales(tills, now) };
}

/** The first sales of the first till: one of each kind, so every status and method is there whatever the dice say. */
const ONE_OF_EACH: SaleScenario[] = [
  { ending: 'completed', payments: ['cash'] },
  { ending: 'completed', payments: ['card'] },
  { ending: 'completed', payments: ['sbp'] },
  { ending: 'completed', payments: ['card'], refundFirst: true },
  { ending: 'in-progress', payments: ['card'] },
  { ending: 'created', payments: [] },
  { ending: 'cancelled', payments: [] },
];

/** Each till's sales of the last DAYS_OF_SALES days between 9:00 and 21:00 Moscow time, oldest first, in batches. */
async function pushWeekOfSales(tills: DemoTill[], now: Date): Promise<{ sales: number; events: number }> {
  const openingMs = 12 * 3_600_000;
  const firstDay = Math.floor(now.getTime() / 86_400_000) - DAYS_OF_SALES + 1;
  let sales = 0;
  let events = 0;
  await Promise.all(
    tills.map(async (till, index) => {
      const queue: PushedSaleEvent[] = [];
      for (let day = 0; day < DAYS_OF_SALES; day++) {
        // 9:00 in Moscow is 6:00 UTC.
        const opening = (firstDay + day) * 86_400_000 + 6 * 3_600_000;
        for (let sale = 0; sale < SALES_PER_DAY; sale++) {
          const at = opening + Math.round(((sale + 0.5) / SALES_PER_DAY) * openingMs);
          if (at > now.getTime()) break;
          const scenario = index === 0 && day === 0 ? ONE_OF_EACH[sale] : undefined;
          queue.push(...till.sales.sale(new Date(at), scenario));
          sales++;
        }
      }
      for (let from = 0; from < queue.length; from += PUSH_BATCH) await till.terminal.pushSalesUntilAnswered(queue.slice(from, from + PUSH_BATCH));
      events += queue.length;
    }),
  );
  return { sales, events };
}

/** The first match of `pattern` in the phone's SMS, once notifications has sent it (a moment after the cause). */
async function fromSms(outbox: () => Promise<DevSmsList>, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + SMS_WAIT_MS;
  for (;;) {
    const found = (await outbox()).items.map(({ text }) => pattern.exec(text)?.[0]).find(Boolean);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`demo seed: no SMS matching ${pattern} in the dev outbox after ${SMS_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
