/**
 * The gateway keeps what authenticating a terminal and its cashier yields (terminals/terminal-auth-cache.ts): a push
 * after each thing that ends or changes that is answered by the state as it is now, in both run modes. Changes made
 * through the gateway count at once; the sales point's payment methods reach devices a moment after the cabinet's
 * answer, which the push waits for (bounded). Distributed, the bus requests of a push are counted on NATS, and a change
 * that bypasses this gateway (as one made through another gateway instance would) reaches its next push within 1 s.
 */
import { randomUUID } from 'node:crypto';
import { DevicesSubjects, IdentitySubjects, actorHeaders } from '@elk/contracts';
import { NatsMessageBus } from '@elk/messaging';
import { waitUntil } from '@elk/testing';
import { connect, type NatsConnection } from 'nats';
import { useRunningSystem } from './api.harness';
import { sellingTerminal, twoShopMerchant, type SellingTerminal } from './pos-terminal.harness';
import { cardPayment, cashPayment, created, line, saleEvents } from './sales.harness';
import { type RunMode } from './system.harness';
import { ACTIVATION_CODE_IN_SMS, PosTerminal, TerminalRequestError } from '../scripts/pos-sim/pos-terminal';

jest.setTimeout(120_000);

const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
/** The distributed system's namespace on NATS (e2e/shared-stacks.ts). */
const E2E_NAMESPACE = 'e2e';

/** What the journal made of a sale created and paid by `method`, or the HTTP status that refused the push. */
type PushOutcome = 'accepted' | 'rejected' | number;

describe.each<RunMode>(['embedded', 'distributed'])('a terminal push after what ends or changes its access (%s mode)', (mode) => {
  const system = useRunningSystem(mode);
  const { api } = system;
  const call = api.call;

  /** A Cashier's terminal at the merchant's shop (the merchant has a kiosk too) that has pushed a sale: its authentication is cached. */
  async function cachedTill() {
    const merchant = await twoShopMerchant(api);
    const till = await sellingTerminal(api, system.url, merchant.token, { salesPointId: merchant.shop });
    const counter = { seq: 1 };
    const push = (method: 'cash' | 'card' = 'cash', terminal: PosTerminal = till.terminal) => pushSale(terminal, counter, method);
    expect(await push()).toEqual('accepted');
    return { ...merchant, till, push };
  }

  async function pushSale(terminal: PosTerminal, counter: { seq: number }, method: 'cash' | 'card'): Promise<PushOutcome> {
    const sale = saleEvents(counter, Date.now());
    const payment = method === 'cash' ? cashPayment(randomUUID(), 5000) : cardPayment(randomUUID(), 5000, { last4: '4242', rrn: String(Date.now()).slice(-12) });
    try {
      const { results } = await terminal.pushSales([sale.event(created(1, [line(1, 'Хлеб', 1, 5000)])), sale.event(payment)]);
      return results.every(({ outcome }) => outcome === 'accepted') ? 'accepted' : 'rejected';
    } catch (error) {
      if (error instanceof TerminalRequestError) return error.status;
      throw error;
    }
  }

  const workplaceVersion = async (token: string, till: SellingTerminal) => (await call('GET', `/api/v1/workplaces/${till.workplaceId}`, token)).body.version as number;

  it('refuses the next push once the workplace is deactivated, activated by another device, or deleted', async () => {
    const deactivated = await cachedTill();
    expect((await call('POST', `/api/v1/workplaces/${deactivated.till.workplaceId}/deactivate`, deactivated.token)).status).toBe(200);
    expect(await deactivated.push()).toBe(401);

    const replaced = await cachedTill();
    const seen = (await api.smsTo(replaced.till.employee.phone)).filter((text) => ACTIVATION_CODE_IN_SMS.test(text)).length;
    const rebind = { employeeId: replaced.till.employee.id, salesPointId: replaced.till.salesPointId };
    expect((await call('POST', `/api/v1/workplaces/${replaced.till.workplaceId}/activation-code`, replaced.token, rebind)).status).toBe(200);
    // Only issuing a code ends nothing.
    expect(await replaced.push()).toBe('accepted');
    await new PosTerminal(system.url).activate(await api.waitForSms(replaced.till.employee.phone, ACTIVATION_CODE_IN_SMS, seen));
    expect(await replaced.push()).toBe(401);

    const deleted = await cachedTill();
    const version = await workplaceVersion(deleted.token, deleted.till);
    expect((await call('DELETE', `/api/v1/workplaces/${deleted.till.workplaceId}`, deleted.token, undefined, { 'if-match': String(version) })).status).toBe(204);
    expect(await deleted.push()).toBe(401);
  });

  it('sells at the sales point the workplace was moved to from the next push on', async () => {
    const { token, kiosk, till, push } = await cachedTill();
    const { body: workplace } = await call('GET', `/api/v1/workplaces/${till.workplaceId}`, token);
    const fields = { name: workplace.name, number: workplace.number, type: workplace.type, salesPointId: kiosk, employeeId: workplace.employeeId };
    expect((await call('PUT', `/api/v1/workplaces/${till.workplaceId}`, token, { ...fields, expectedVersion: workplace.version })).status).toBe(200);
    expect((await till.terminal.whoAmI()).salesPoint.id).toBe(kiosk);
    expect(await push()).toBe('accepted');
  });

  it("refuses the next push once the cashier logs out, logs in anew on the terminal, the role changes or the employee is deleted", async () => {
    const loggedOut = await cachedTill();
    const ended = loggedOut.till.terminal.sessionToken;
    await loggedOut.till.terminal.logOut();
    loggedOut.till.terminal.sessionToken = ended;
    expect(await loggedOut.push()).toBe(401);

    const replaced = await cachedTill();
    const first = replaced.till.terminal.sessionToken;
    await replaced.till.terminal.logIn(replaced.till.employee.phone, replaced.till.employee.pin);
    expect(await replaced.push()).toBe('accepted');
    replaced.till.terminal.sessionToken = first;
    expect(await replaced.push()).toBe(401);

    const reassigned = await cachedTill();
    const employee = (await call('GET', `/api/v1/employees/${reassigned.till.employee.id}`, reassigned.token)).body;
    const card = { lastName: employee.lastName, firstName: employee.firstName, patronymic: employee.patronymic, phone: employee.phone, email: employee.email, role: 'manager' };
    expect((await call('PUT', `/api/v1/employees/${employee.id}`, reassigned.token, { ...card, expectedVersion: employee.version })).status).toBe(200);
    expect(await reassigned.push()).toBe(401);

    const deleted = await cachedTill();
    const version = (await call('GET', `/api/v1/employees/${deleted.till.employee.id}`, deleted.token)).body.version as number;
    expect((await call('DELETE', `/api/v1/employees/${deleted.till.employee.id}`, deleted.token, undefined, { 'if-match': String(version) })).status).toBe(204);
    expect(await deleted.push()).toBe(401);
  });

  it("takes the sales point's new payment methods from the push after devices has them", async () => {
    const { token, shop, push } = await cachedTill();
    expect(await push('card')).toBe('accepted');
    const cashOnly = { owner: ['cash', 'card'], admin: ['cash', 'card'], manager: ['cash', 'card'], cashier: ['cash'], guest: [] };
    expect((await call('PUT', `/api/v1/sales-points/${shop}/payment-methods`, token, { paymentMethods: cashOnly, expectedVersion: 1 })).status).toBe(200);
    await waitUntil(async () => (await push('card')) === 'rejected', 'a card refused', 10_000);
    expect(await push('cash')).toBe('accepted');
    const cashAndCard = { ...cashOnly, cashier: ['cash', 'card'] };
    expect((await call('PUT', `/api/v1/sales-points/${shop}/payment-methods`, token, { paymentMethods: cashAndCard, expectedVersion: 2 })).status).toBe(200);
    await waitUntil(async () => (await push('card')) === 'accepted', 'a card accepted again', 10_000);
  });

  if (mode !== 'distributed') return;

  describe('on NATS', () => {
    let nats: NatsConnection;
    beforeAll(async () => {
      nats = await connect({ servers: NATS_URL });
    });
    afterAll(() => nats.close());

    /** Counts the bus requests and notes (subject without the namespace) whose payload names `needle`, until stopped. */
    function countRequests(needle: string, kinds: readonly string[] = ['cmd', 'qry']) {
      const counted: string[] = [];
      const subscription = nats.subscribe(`${E2E_NAMESPACE}.elk.*.*.*`, {
        callback: (_error, message) => {
          const [, , , kind] = message.subject.split('.');
          if (kinds.includes(kind!) && message.string().includes(needle)) counted.push(message.subject.slice(E2E_NAMESPACE.length + 1));
        },
      });
      return { counted, stop: async () => void (await nats.flush(), subscription.unsubscribe()) };
    }

    it('sends one bus request per push once the terminal is authenticated: the push itself', async () => {
      const { till, push, owner } = await cachedTill();
      await nats.flush();
      // The merchant's setup reaches devices' directory through integration events, each then noted to the gateways
      // (TerminalAccessChanged), which drop the organisation's entries: on a busy machine such a note, sent before the
      // count below starts, can reach the gateway after it. The count starts once a push has cost nothing but itself.
      await waitUntil(
        async () => {
          const probe = countRequests(till.workplaceId);
          expect(await push()).toBe('accepted');
          await probe.stop();
          return probe.counted.length === 1;
        },
        'a push that asks the services nothing but the push',
        10_000,
      );
      const requests = countRequests(till.workplaceId);
      const credentialRequests = countRequests(till.terminal.credential!);
      // Only a note may cost a push its authentication again.
      const notes = countRequests(owner.organisationId, ['note']);
      for (let n = 0; n < 10; n++) expect(await push()).toBe('accepted');
      await Promise.all([requests.stop(), credentialRequests.stop(), notes.stop()]);
      const authentications = requests.counted.filter((subject) => subject !== 'elk.sales-journal.cmd.PushSaleEvents');
      expect(requests.counted.length - authentications.length).toBe(10);
      expect(authentications.length).toBeLessThanOrEqual(2 * notes.counted.length);
      expect(credentialRequests.counted).toEqual([]);
    });

    it('refuses the push within 1 s of a change that did not pass through this gateway: a log-out, a deactivation', async () => {
      const loggedOut = await cachedTill();
      const deactivated = await cachedTill();
      // What another gateway instance would send: the requests go to the services, not through this gateway.
      const elsewhere = await NatsMessageBus.connect({ url: NATS_URL, name: 'another-gateway', namespace: E2E_NAMESPACE });
      try {
        const device = await elsewhere.request(DevicesSubjects.AuthenticateDevice, { credential: loggedOut.till.terminal.credential });
        await elsewhere.request(IdentitySubjects.CloseTerminalSession, { device, token: loggedOut.till.terminal.sessionToken });
        expect(await waitUntil(async () => (await loggedOut.push()) === 401, 'the push refused after the log-out', 1_000)).toBeLessThan(1_000);

        const { owner } = deactivated;
        const headers = actorHeaders({ organisationId: owner.organisationId, accountId: owner.accountId, role: 'owner' }, randomUUID());
        await elsewhere.request(DevicesSubjects.DeactivateWorkplace, { workplaceId: deactivated.till.workplaceId }, { headers });
        expect(await waitUntil(async () => (await deactivated.push()) === 401, 'the push refused after the deactivation', 1_000)).toBeLessThan(1_000);
      } finally {
        await elsewhere.close();
      }
    });
  });
});
