/**
 * The demo merchant's till: a legal entity, a sales point and the workplace «Касса №1», added through the cabinet API as
 * the Owner would, then activated by a simulated terminal (pos-sim) with the code from the SMS in the dev outbox, which
 * reports its fiscal register and bank terminal: on first start Настройки → Рабочие места shows the till Активировано
 * and POS оборудование a register and a bank terminal.
 */
import { DevSmsList, WorkplaceView, type AddLegalEntityRequest, type AddSalesPointRequest, type AddWorkplaceRequest } from '@elk/contracts';
import type { z } from 'zod';
import { ACTIVATION_CODE_IN_SMS, PosTerminal, simulatedDevice } from '../pos-sim/pos-terminal';

const SMS_WAIT_MS = 10_000;

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

/** The demo till as the demo merchant sees it, and the terminal that activated it (for later demo steps to drive). */
export interface DemoTill {
  workplace: WorkplaceView;
  terminal: PosTerminal;
}

export async function seedDemoWorkplace(url: string, owner: DemoOwner): Promise<DemoTill> {
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
  const add = <T>(path: string, body: unknown, schema: z.ZodType<T> | null = null) => api<T>('POST', path, schema, body, accessToken);

  const legalEntity = await add<{ id: string }>('/api/v1/legal-entities', DEMO_LEGAL_ENTITY);
  const salesPoint = await add<{ id: string }>('/api/v1/sales-points', {
    name: 'Демо-магазин',
    legalEntityId: legalEntity.id,
    address: DEMO_LEGAL_ENTITY.legalAddress,
  } satisfies AddSalesPointRequest);
  const till = { name: 'Касса №1', number: 1, type: 'stationary', salesPointId: salesPoint.id, employeeId: owner.accountId } satisfies AddWorkplaceRequest;
  const added = await add('/api/v1/workplaces', till, WorkplaceView);

  const terminal = new PosTerminal(url, { device: simulatedDevice('LP0000001') });
  await terminal.activate(await activationCode(() => api('GET', `/api/v1/dev/sms?to=${encodeURIComponent(owner.phone)}`, DevSmsList)));
  await terminal.reportEquipment();
  return { workplace: await api('GET', `/api/v1/workplaces/${added.id}`, WorkplaceView, undefined, accessToken), terminal };
}

/** The code from the owner's SMS, once notifications has sent it (a moment after the workplace was added). */
async function activationCode(outbox: () => Promise<DevSmsList>): Promise<string> {
  const deadline = Date.now() + SMS_WAIT_MS;
  for (;;) {
    const code = (await outbox()).items.map(({ text }) => ACTIVATION_CODE_IN_SMS.exec(text)?.[0]).find(Boolean);
    if (code) return code;
    if (Date.now() > deadline) throw new Error(`demo seed: no activation code in the dev outbox after ${SMS_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
