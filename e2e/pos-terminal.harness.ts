/**
 * A terminal activated on a workplace of a merchant, as the end-to-end tests of the terminal API need one: a legal
 * entity, a sales point, a Cashier and a workplace added through the cabinet API, the activation code read from the
 * SMS in the dev outbox, and pos-sim's PosTerminal activating with it.
 */
import { ACTIVATION_CODE_IN_SMS, PosTerminal, type WireFormat } from '../scripts/pos-sim/pos-terminal';
import { ROMASHKA, type CabinetApi } from './api.harness';
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
