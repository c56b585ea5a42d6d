/**
 * The gateway's cache of terminal authentications (terminals/terminal-auth-cache.ts), over its in-process bus with
 * stand-ins for devices, identity and the sales journal that count what they are asked: a cashier's push at steady
 * state is one bus request; every way the cache learns of a change makes the next push ask again; the TTL, the end of
 * the shift and the size bound; an answer fetched across a change is not kept. The whole system's behaviour (a push
 * refused after each kind of change, in both run modes) is e2e/terminal-auth-cache.e2e.spec.ts.
 */
import { randomUUID } from 'node:crypto';
import {
  DevicesSubjects,
  IdentitySubjects,
  SalesJournalSubjects,
  TERMINAL_SESSION_HEADER,
  type PaymentMethod,
  type PushSaleEventsResponse,
  type TerminalAccessChanged,
  type TerminalDevice,
  type TerminalEmployeeSession,
  type TerminalSession,
} from '@elk/contracts';
import { waitUntil } from '@elk/testing';
import { PASSWORD, startGateway, type Gateway } from './gateway.harness';

jest.setTimeout(30_000);

const TERMINAL_SUBJECTS = [DevicesSubjects.AuthenticateDevice, IdentitySubjects.AuthenticateTerminalSession, DevicesSubjects.GetTerminalSession, SalesJournalSubjects.PushSaleEvents];

interface Till {
  credential: string;
  token: string;
  device: TerminalDevice;
}

/** Devices, identity and the sales journal as far as a terminal's push needs them, with state a test changes. */
class TerminalServices {
  readonly asked: string[] = [];
  readonly credentials = new Map<string, TerminalDevice>();
  readonly sessions = new Map<string, TerminalEmployeeSession>();
  /** The payment methods each push was handed with its session. */
  readonly handed: unknown[] = [];
  paymentMethods: PaymentMethod[] = ['cash', 'card'];
  /** Holds GetTerminalSession's answer until the test lets it go. */
  hold?: Promise<void>;
  /** Holds the sales journal's answer to a push until the test lets it go. */
  holdPush?: Promise<void>;

  constructor(private readonly gateway: Gateway) {}

  async serve(): Promise<void> {
    const answer = (subject: string, respond: (data: any) => unknown) =>
      this.gateway.bus.serve(subject, async ({ data }) => {
        this.asked.push(subject);
        return respond(data);
      });
    await answer(DevicesSubjects.AuthenticateDevice, ({ credential }) => this.credentials.get(credential) ?? null);
    await answer(IdentitySubjects.AuthenticateTerminalSession, ({ device, token }) => {
      const session = this.sessions.get(token);
      return session && this.credentials.get(token.split('/')[0]!)?.credentialId === device.credentialId ? session : null;
    });
    await answer(DevicesSubjects.GetTerminalSession, async ({ device, session }: { device: TerminalDevice; session: TerminalEmployeeSession }): Promise<TerminalSession> => {
      await this.hold;
      return { ...session, salesPoint: { id: device.salesPointId, name: 'Магазин' }, workplace: { id: device.workplaceId, name: 'Касса', number: 1 }, paymentMethods: this.paymentMethods, canSell: true };
    });
    await answer(SalesJournalSubjects.PushSaleEvents, async ({ session }): Promise<PushSaleEventsResponse> => {
      await this.holdPush;
      this.handed.push(session.paymentMethods);
      return { results: [], chainHead: null };
    });
    await answer(IdentitySubjects.CloseTerminalSession, ({ token }) => void this.sessions.delete(token));
  }

  /** A terminal activated in `organisationId` with a cashier logged in, its shift ending at `shiftEnds`. */
  till(organisationId: string = randomUUID(), shiftEnds = new Date(Date.now() + 12 * 3600_000)): Till {
    const credential = `elkd.${randomUUID()}`;
    const token = `${credential}/elkt.${randomUUID()}`;
    const device = { organisationId, workplaceId: randomUUID(), salesPointId: randomUUID(), credentialId: randomUUID() };
    this.credentials.set(credential, device);
    this.sessions.set(token, { employee: { id: randomUUID(), name: 'Петрова Анна' }, role: 'cashier', expiresAt: shiftEnds.toISOString() });
    return { credential, token, device };
  }

  /** What the terminal subjects were asked since the last call. */
  take(): string[] {
    return this.asked.splice(0).filter((subject) => TERMINAL_SUBJECTS.includes(subject as never));
  }
}

const FULL_AUTHENTICATION = TERMINAL_SUBJECTS;
/** A cabinet command the gateway's stand-in identity answers. */
const CHANGE_PASSWORD = { oldPassword: PASSWORD, newPassword: 'NewSecret1', newPasswordRepeat: 'NewSecret1' };
const PUSH_ONLY = [SalesJournalSubjects.PushSaleEvents];

describe('the terminal authentication cache', () => {
  let gateway: Gateway;
  let services: TerminalServices;

  async function startWith(options: Parameters<typeof startGateway>[0] = {}) {
    gateway = await startGateway(options);
    services = new TerminalServices(gateway);
    await services.serve();
  }
  afterEach(() => gateway.close());

  const headers = (till: Till) => ({ authorization: `Bearer ${till.credential}`, [TERMINAL_SESSION_HEADER]: till.token });

  /** One single-event push; its status, the payment methods the sales journal was handed, and what was asked on the way. */
  async function push(till: Till) {
    const event = { eventId: randomUUID(), saleId: randomUUID(), occurredAt: '2026-12-06T12:00:00+03:00', seq: 1, saleCancelled: { reason: 'Покупатель передумал' } };
    const response = await gateway.app.inject({ method: 'POST', url: '/pos/v1/sales/events', headers: headers(till), payload: { events: [event] } });
    return { status: response.statusCode, methods: response.statusCode === 200 ? services.handed.at(-1) : undefined, asked: services.take() };
  }

  /** Pushes until one asks the services for its authentication again (at most 5 s): what was asked then. */
  async function untilAskedAgain(till: Till) {
    let pushed!: Awaited<ReturnType<typeof push>>;
    await waitUntil(async () => {
      pushed = await push(till);
      return pushed.asked.length > 1 || pushed.status !== 200;
    }, 'a push to ask for its authentication again (the cache kept answering)');
    return pushed;
  }

  describe('with the defaults', () => {
    beforeEach(() => startWith());

    it("asks for a terminal's authentication once: every push after the first is one bus request, the push itself", async () => {
      const till = services.till();
      expect((await push(till)).asked).toEqual(FULL_AUTHENTICATION);
      for (let n = 0; n < 5; n++) expect(await push(till)).toEqual({ status: 200, methods: ['cash', 'card'], asked: PUSH_ONLY });
      // Who is logged in is answered from the cache too.
      const whoAmI = await gateway.app.inject({ method: 'GET', url: '/pos/v1/sessions/current', headers: headers(till) });
      expect(whoAmI.json()).toMatchObject({ employee: { name: 'Петрова Анна' }, paymentMethods: ['cash', 'card'] });
      expect(services.take()).toEqual([]);
    });

    it('opens nothing with one of the two secrets: another token or credential is asked about and refused', async () => {
      const till = services.till();
      await push(till);
      const otherToken = await push({ ...till, token: `${till.credential}/elkt.${randomUUID()}` });
      expect(otherToken).toMatchObject({ status: 401, asked: [DevicesSubjects.AuthenticateDevice, IdentitySubjects.AuthenticateTerminalSession] });
      const otherCredential = await push({ ...till, credential: `elkd.${randomUUID()}` });
      expect(otherCredential).toMatchObject({ status: 401, asked: [DevicesSubjects.AuthenticateDevice] });
    });

    it("drops an organisation's authentications on TerminalAccessChanged from devices or identity, and only that organisation's", async () => {
      const organisationId = randomUUID();
      const till = services.till(organisationId);
      const neighbour = services.till(organisationId);
      const otherOrganisation = services.till();
      for (const each of [till, neighbour, otherOrganisation]) await push(each);

      services.paymentMethods = ['cash'];
      const changed: TerminalAccessChanged = { organisationId };
      await gateway.bus.broadcast(DevicesSubjects.TerminalAccessChanged, changed);
      expect(await untilAskedAgain(till)).toEqual({ status: 200, methods: ['cash'], asked: FULL_AUTHENTICATION });
      expect((await push(neighbour)).asked).toEqual(FULL_AUTHENTICATION);
      expect(await push(otherOrganisation)).toEqual({ status: 200, methods: ['cash', 'card'], asked: PUSH_ONLY });

      services.sessions.delete(till.token);
      await gateway.bus.broadcast(IdentitySubjects.TerminalAccessChanged, changed);
      expect(await untilAskedAgain(till)).toMatchObject({ status: 401 });
    });

    it("drops them at once when a cabinet command of the organisation or the terminal's log-out passes through this gateway", async () => {
      const owner = await gateway.services.signedIn('owner');
      const till = services.till(owner.account.organisationId);
      await push(till);
      expect((await gateway.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: { authorization: `Bearer ${owner.token}` }, payload: CHANGE_PASSWORD })).statusCode).toBe(204);
      expect((await push(till)).asked).toEqual(FULL_AUTHENTICATION);
      // A cabinet query changes nothing.
      expect((await gateway.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${owner.token}` } })).statusCode).toBe(200);
      expect((await push(till)).asked).toEqual(PUSH_ONLY);

      expect((await gateway.app.inject({ method: 'DELETE', url: '/pos/v1/sessions/current', headers: headers(till) })).statusCode).toBe(204);
      expect(await push(till)).toMatchObject({ status: 401, asked: [DevicesSubjects.AuthenticateDevice, IdentitySubjects.AuthenticateTerminalSession] });
    });

    /** A first push of `till` whose session's answer, read before the change, is held while `owner` changes their password (a cabinet command: it drops the owner's organisation). */
    async function pushAcrossPasswordChange(till: Till, owner: Awaited<ReturnType<typeof gateway.services.signedIn>>) {
      let letGo!: () => void;
      services.hold = new Promise((resolve) => (letGo = resolve));
      const first = push(till);
      await waitUntil(() => services.asked.includes(DevicesSubjects.GetTerminalSession), 'the push to ask for the session');
      expect((await gateway.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: { authorization: `Bearer ${owner.token}` }, payload: CHANGE_PASSWORD })).statusCode).toBe(204);
      letGo();
      expect((await first).status).toBe(200);
    }

    it('keeps no answer fetched while the organisation was dropped: it may predate the change', async () => {
      const owner = await gateway.services.signedIn('owner');
      const till = services.till(owner.account.organisationId);
      await pushAcrossPasswordChange(till, owner);
      expect((await push(till)).asked).toEqual(FULL_AUTHENTICATION);
      expect((await push(till)).asked).toEqual(PUSH_ONLY);
    });

    it('keeps an answer fetched while another organisation was dropped: with many merchants one always is', async () => {
      const owner = await gateway.services.signedIn('owner');
      const till = services.till();
      await pushAcrossPasswordChange(till, owner);
      expect((await push(till)).asked).toEqual(PUSH_ONLY);
    });

    it("serves no authentication past the end of the cashier's shift", async () => {
      const till = services.till(randomUUID(), new Date(Date.now() + 300));
      await push(till);
      services.sessions.delete(till.token);
      expect(await untilAskedAgain(till)).toMatchObject({ status: 401 });
    });
  });

  it('asks again once the TTL has passed, a lost broadcast notwithstanding', async () => {
    await startWith({ terminalAuthCache: { ttlMs: 200 } });
    const till = services.till();
    await push(till);
    services.paymentMethods = ['card'];
    const started = Date.now();
    expect(await untilAskedAgain(till)).toEqual({ status: 200, methods: ['card'], asked: FULL_AUTHENTICATION });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('holds at most maxEntries authentications, forgetting the least recently used', async () => {
    await startWith({ terminalAuthCache: { maxEntries: 2 } });
    const [first, second, third] = [services.till(), services.till(), services.till()];
    await push(first);
    await push(second);
    expect((await push(first)).asked).toEqual(PUSH_ONLY);
    await push(third);
    expect((await push(first)).asked).toEqual(PUSH_ONLY);
    expect((await push(second)).asked).toEqual(FULL_AUTHENTICATION);
  });

  describe("a push's timeout", () => {
    beforeEach(() => startWith({ busTimeoutMs: 500 }));
    const pushOf = (till: Till, count: number) => {
      const events = Array.from({ length: count }, (_, index) => ({ eventId: randomUUID(), saleId: randomUUID(), occurredAt: '2026-12-06T12:00:00+03:00', seq: index + 1, saleCancelled: { reason: 'Покупатель передумал' } }));
      return gateway.app.inject({ method: 'POST', url: '/pos/v1/sales/events', headers: headers(till), payload: { events } });
    };

    it('is the usual one for a single event: a push the sales journal took and never answered is a 503 to retry, not a 30 s wait', async () => {
      const till = services.till();
      await push(till);
      let answerLate!: () => void;
      services.holdPush = new Promise((resolve) => (answerLate = resolve));
      const started = Date.now();
      const response = await pushOf(till, 1);
      expect({ status: response.statusCode, retryAfter: response.headers['retry-after'] }).toEqual({ status: 503, retryAfter: expect.any(String) });
      expect(Date.now() - started).toBeLessThan(5_000);
      answerLate();
    });

    it('grows by 50 ms an event: a push of 40 events waits for an answer that takes longer than the usual timeout', async () => {
      const till = services.till();
      await push(till);
      let answer!: () => void;
      services.holdPush = new Promise((resolve) => (answer = resolve));
      const pushed = pushOf(till, 40);
      // The journal answers once the usual timeout has passed: a single event's push sent beside it has timed out.
      expect((await pushOf(till, 1)).statusCode).toBe(503);
      answer();
      expect((await pushed).statusCode).toBe(200);
    });
  });
});
