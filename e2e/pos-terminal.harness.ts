/**
 * A terminal activated on a workplace of a merchant, as the end-to-end tests of the terminal API need one: a legal
 * entity, a sales point, a Cashier and a workplace added through the cabinet API, the activation code read from the
 * SMS in the dev outbox, and pos-sim's PosTerminal activating with it.
 */
import type { Role } from '@elk/contracts';
import { ACTIVATION_CODE_IN_SMS, PIN_CODE_IN_SMS, PosTerminal, simulatedBankTerminal, simulatedFiscalRegister, type WireFormat } from '../scripts/pos-sim/pos-terminal';
import { SaleGenerator } from '../scripts/pos-sim/sale-generator';
import { ROMASHKA, type CabinetApi, type SignedUp } from './api.harness';
import { uniqueContact } from './system.harness';


/** Adds what a workplace needs to the Owner's (`token`) organisation, then activates a new terminal on it. */
export async function activatedTerminal(api: CabinetApi, url: string, token: string, format: WireFormat = 'json'): Promise<PosTerminal> {
  const legalEntityId = (await api.add(token, '/api/v1/legal-entities', ROMASHKA)).id;
  const salesPointId = (await api.add(token, '/api/v1/sales-points', { name: 'Магазин у дома', legalEntityId, address: 'г. Москва, ул. Тверская, д. 1' })).id;
  const contact = uniqueContact();
  const cashier = await api.add(token, '/api/v1/employees', { lastName: 'Петрова', firstName: 'Анна', patronymic: null, ...contact, role: 'cashier' });
  await api.add(token, '/api/v1/workplaces', { name: 'Касса №1', number: 1, type: 'stationary', salesPointId, employeeId: cashier.id });
  const terminal = new PosTerminal(url, { format });
  await terminal.activate(await api.waitForSms(contact.phone, ACTIVATION_CODE_IN_SMS));
  return terminal;
}

/** A terminal with an employee logged in on it, ready to sell, and what it stands for. */
export interface SellingTerminal {
  terminal: PosTerminal;
  employee: { id: string; phone: string; pin: string; name: string };
  salesPointId: string;
  workplaceId: string;
  /** Makes the terminal's sales (its bank terminal's TID and MID, its register's ФН). */
  sales: SaleGenerator;
}

/**
 * Adds a sales point (or uses `salesPointId`), an employee of `role` and a workplace of theirs to the Owner's (`token`)
 * organisation, activates a new terminal with the code from the SMS and logs the employee in with the PIN-code from it.
 */
export async function sellingTerminal(
  api: CabinetApi,
  url: string,
  token: string,
  { role = 'cashier', format = 'json', salesPointId, number = 1, lastName = 'Петрова' }: { role?: Role; format?: WireFormat; salesPointId?: string; number?: number; lastName?: string } = {},
): Promise<SellingTerminal> {
  if (!salesPointId) {
    const legalEntityId = (await api.add(token, '/api/v1/legal-entities', ROMASHKA)).id;
    salesPointId = (await api.add(token, '/api/v1/sales-points', { name: 'Магазин у дома', legalEntityId, address: 'г. Москва, ул. Тверская, д. 1' })).id as string;
  }
  const contact = uniqueContact();
  const employee = await api.add(token, '/api/v1/employees', { lastName, firstName: 'Анна', patronymic: null, ...contact, role });
  const workplace = await api.add(token, '/api/v1/workplaces', { name: `Касса №${number}`, number, type: 'stationary', salesPointId, employeeId: employee.id });
  const terminal = new PosTerminal(url, { format });
  await terminal.activate(await api.waitForSms(contact.phone, ACTIVATION_CODE_IN_SMS));
  const pin = await api.waitForSms(contact.phone, PIN_CODE_IN_SMS);
  const session = await terminal.logIn(contact.phone, pin);
  const seed = terminal.device.serial;
  return {
    terminal,
    employee: { id: employee.id, phone: contact.phone, pin, name: `${lastName} Анна` },
    salesPointId,
    workplaceId: workplace.id,
    sales: new SaleGenerator({ bankTerminal: simulatedBankTerminal(seed), fnNumber: simulatedFiscalRegister(seed).fnNumber, paymentMethods: session.paymentMethods }),
  };
}

/** A new organisation with a legal entity, two sales points («Магазин у дома», «Киоск») and a Cashier. */
export async function twoShopMerchant(api: CabinetApi): Promise<{ owner: SignedUp; token: string; shop: string; kiosk: string; cashier: { id: string; phone: string } }> {
  const owner = await api.signUp();
  const token = owner.accessToken;
  const legalEntityId = (await api.add(token, '/api/v1/legal-entities', ROMASHKA)).id;
  const shop = (await api.add(token, '/api/v1/sales-points', { name: 'Магазин у дома', legalEntityId, address: 'г. Москва, ул. Тверская, д. 1' })).id;
  const kiosk = (await api.add(token, '/api/v1/sales-points', { name: 'Киоск', legalEntityId, address: 'г. Москва, ул. Арбат, д. 2' })).id;
  const contact = uniqueContact();
  const cashier = await api.add(token, '/api/v1/employees', { lastName: 'Петрова', firstName: 'Анна', patronymic: null, ...contact, role: 'cashier' });
  return { owner, token, shop, kiosk, cashier: { id: cashier.id, phone: contact.phone } };
}
