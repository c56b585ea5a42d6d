/**
 * A merchant with terminals ready to sell, made through the cabinet API as an Owner would and activated by pos-sim as
 * real terminals are (e2e/pos-terminal.harness.ts does the same for the tests): a legal entity and a sales point, then
 * per terminal a Cashier and a workplace of theirs, the terminal activated with the code from the SMS in the dev
 * outbox and the Cashier logged in with the PIN-code from it.
 */
import { randomInt } from 'node:crypto';
import { ACTIVATION_CODE_IN_SMS, PIN_CODE_IN_SMS, PosTerminal, simulatedBankTerminal, simulatedFiscalRegister } from '../pos-sim/pos-terminal';
import { SaleGenerator } from '../pos-sim/sale-generator';

const SMS_WAIT_MS = 10_000;
/** Workplace numbers are 1–99 in an organisation. */
export const MAX_TERMINALS = 99;

export interface Merchant {
  url: string;
  organisationId: string;
  phone: string;
  password: string;
  /** The Owner's access token (valid 15 minutes: `logIn` makes a new one). */
  accessToken: string;
}

export interface BenchTerminal {
  workplaceId: string;
  terminal: PosTerminal;
  /** The terminal's sales, paid only with what its Cashier may take. */
  sales: SaleGenerator;
}

const FIRST_NAMES = ['Анна', 'Мария', 'Ольга', 'Елена', 'Ирина', 'Наталья', 'Светлана', 'Татьяна', 'Алексей', 'Дмитрий', 'Сергей', 'Андрей', 'Павел', 'Иван', 'Михаил', 'Николай'];

const uniquePhone = () => `+79${String(randomInt(0, 1e9)).padStart(9, '0')}`;

async function call<T>(url: string, method: string, path: string, { token, body }: { token?: string; body?: unknown } = {}): Promise<T> {
  const reply = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await reply.text();
  if (!reply.ok) throw new Error(`${method} ${path} answered ${reply.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Signs a new merchant up: the Owner, logged in. */
export async function signUpMerchant(url: string, organisationName: string): Promise<Merchant> {
  const phone = uniquePhone();
  const password = 'Secret123';
  const email = `owner-${phone.slice(3)}@example.ru`;
  const signedUp = await call<{ accessToken: string; organisationId: string }>(url, 'POST', '/api/v1/auth/sign-up', {
    body: { organisationName, fullName: 'Иванов Иван Иванович', phone, email, password },
  });
  return { url, organisationId: signedUp.organisationId, phone, password, accessToken: signedUp.accessToken };
}

/** A new access token for the Owner. */
export async function logIn(merchant: Merchant): Promise<string> {
  const { accessToken } = await call<{ accessToken: string }>(merchant.url, 'POST', '/api/v1/auth/login', { body: { login: merchant.phone, password: merchant.password } });
  return accessToken;
}

/** The first match of `pattern` in the SMS to `phone`, once notifications has sent it. */
async function fromSms(url: string, phone: string, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + SMS_WAIT_MS;
  for (;;) {
    const outbox = await call<{ items: Array<{ text: string }> }>(url, 'GET', `/api/v1/dev/sms?to=${encodeURIComponent(phone)}`);
    const found = outbox.items.map(({ text }) => pattern.exec(text)?.[0]).find(Boolean);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no SMS matching ${pattern} to ${phone} in the dev outbox after ${SMS_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `count` terminals of one sales point of the merchant, each its own workplace (numbers 1…count) and Cashier, logged in. */
export async function sellingTerminals(merchant: Merchant, count: number): Promise<BenchTerminal[]> {
  if (count < 1 || count > MAX_TERMINALS) throw new Error(`an organisation has 1 to ${MAX_TERMINALS} workplaces, not ${count}`);
  const { url, accessToken: token } = merchant;
  const legalEntity = await call<{ id: string }>(url, 'POST', '/api/v1/legal-entities', {
    token,
    body: { type: 'ooo', name: 'ООО «Бенчмарк»', inn: '7707083893', kpp: '773601001', ogrn: '1027700132195', legalAddress: 'г. Москва, ул. Вавилова, д. 19', taxSystem: 'usn-income' },
  });
  const salesPoint = await call<{ id: string }>(url, 'POST', '/api/v1/sales-points', { token, body: { name: 'Гипермаркет', legalEntityId: legalEntity.id, address: 'г. Москва, ул. Тверская, д. 1' } });
  const terminals: BenchTerminal[] = [];
  for (let number = 1; number <= count; number++) {
    const phone = uniquePhone();
    const cashier = await call<{ id: string }>(url, 'POST', '/api/v1/employees', { token, body: { lastName: 'Кассирова', firstName: FIRST_NAMES[(number - 1) % FIRST_NAMES.length], patronymic: null, phone, email: null, role: 'cashier' } });
    const workplace = await call<{ id: string }>(url, 'POST', '/api/v1/workplaces', {
      token,
      body: { name: `Касса №${number}`, number, type: 'stationary', salesPointId: salesPoint.id, employeeId: cashier.id },
    });
    const terminal = new PosTerminal(url);
    await terminal.activate(await fromSms(url, phone, ACTIVATION_CODE_IN_SMS));
    const session = await terminal.logIn(phone, await fromSms(url, phone, PIN_CODE_IN_SMS));
    const serial = terminal.device.serial;
    const sales = new SaleGenerator({ bankTerminal: simulatedBankTerminal(serial), fnNumber: simulatedFiscalRegister(serial).fnNumber, paymentMethods: session.paymentMethods });
    terminals.push({ workplaceId: workplace.id, terminal, sales });
  }
  return terminals;
}
