import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import {
  CSRF_HEADER,
  DomainError,
  REFRESH_COOKIE,
  IdentitySubjects,
  mobilePhone,
  NotificationsSubjects,
  OrganisationSubjects,
  type AccountView,
  type AuthenticatedSession,
  type DevSmsList,
  type OrganisationView,
  type Role,
} from '@elk/contracts';
import { InProcessBroker, InProcessMessageBus, type MessageHeaders } from '@elk/messaging';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SignJWT } from 'jose';
import pino from 'pino';
import { createGatewayApp, GatewayInfrastructureModule, type GatewayOptions } from '../src';
import { uniquePhone } from '@elk/testing';

export const JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';
export const PASSWORD = 'Secret123';
export const RESET_CODE = '123456';

export interface BusCall {
  subject: string;
  data: any;
  headers: MessageHeaders;
}

type Handler = (data: any, headers: MessageHeaders) => unknown;

/** The fake's accounts all log in with a password, by phone or email. */
interface FakeAccount extends AccountView {
  email: string;
  password: string;
}

interface FakeSession {
  sessionId: string;
  accountId: string;
  live: boolean;
}

/**
 * Stand-ins for identity, organisation and notifications on an in-process bus. They keep just enough
 * state for the gateway's flows and record every request (with its headers) they get.
 */
export class FakeServices {
  readonly calls: BusCall[] = [];
  readonly accounts = new Map<string, FakeAccount>();
  readonly organisations = new Map<string, OrganisationView>();
  readonly sessions = new Map<string, FakeSession>();
  readonly refreshTokens = new Map<string, string>();
  readonly sms: DevSmsList['items'] = [];

  constructor(readonly bus: InProcessMessageBus) {}

  callsTo(subject: string): BusCall[] {
    return this.calls.filter((call) => call.subject === subject);
  }

  private readonly handlers = new Map<string, Handler>();
  private readonly defaults = new Map<string, Handler>();

  /** Replaces how `subject` is answered (to make a service fail, hang or break its contract). */
  override(subject: string, handle: Handler): void {
    if (!this.handlers.has(subject)) throw new Error(`${subject} is not served`);
    this.handlers.set(subject, handle);
  }

  restore(subject: string): void {
    this.handlers.set(subject, this.defaults.get(subject)!);
  }

  private async serve(subject: string, handle: Handler): Promise<void> {
    this.handlers.set(subject, handle);
    this.defaults.set(subject, handle);
    await this.bus.serve(subject, async ({ data, headers }) => {
      this.calls.push({ subject, data, headers });
      return this.handlers.get(subject)!(data, headers);
    });
  }

  /** An account with a live session and an access token for it. */
  async signedIn(role: Role = 'owner', overrides: { expiresInSeconds?: number } = {}): Promise<{ account: FakeAccount; sessionId: string; token: string }> {
    const account = this.addAccount(role);
    const sessionId = this.openSession(account.accountId);
    const token = await accessToken({ accountId: account.accountId, organisationId: account.organisationId, role, sessionId }, overrides.expiresInSeconds);
    return { account, sessionId, token };
  }

  addAccount(role: Role = 'owner', organisationId: string = randomUUID()): FakeAccount {
    if (!this.organisations.has(organisationId)) {
      this.organisations.set(organisationId, { organisationId, name: 'ООО «Ромашка»', ownerAccountId: randomUUID(), registeredAt: new Date().toISOString() });
    }
    const account: FakeAccount = {
      accountId: randomUUID(),
      organisationId,
      fullName: 'Иванов Иван Иванович',
      phone: uniquePhone(),
      email: `${randomUUID()}@example.ru`,
      role,
      password: PASSWORD,
    };
    this.accounts.set(account.accountId, account);
    return account;
  }

  openSession(accountId: string): string {
    const sessionId = randomUUID();
    this.sessions.set(sessionId, { sessionId, accountId, live: true });
    return sessionId;
  }

  async serveAll(): Promise<void> {
    await this.serve(OrganisationSubjects.SignUp, (data) => {
      const existing = this.accounts.get(data.accountId);
      if (!existing && [...this.accounts.values()].some((account) => account.phone === data.phone)) {
        throw new DomainError('PHONE_TAKEN', 'Этот телефон уже зарегистрирован', [{ path: 'phone', message: 'Этот телефон уже зарегистрирован' }]);
      }
      this.organisations.set(data.organisationId, { organisationId: data.organisationId, name: data.organisationName, ownerAccountId: data.accountId, registeredAt: new Date().toISOString() });
      const { accountId, organisationId, fullName, phone, email, password } = data;
      this.accounts.set(accountId, { accountId, organisationId, fullName, phone, email, password, role: 'owner' });
      return { organisationId };
    });
    await this.serve(IdentitySubjects.Login, async (data) => {
      const account = [...this.accounts.values()].find((candidate) => candidate.phone === data.login || candidate.email === data.login);
      if (!account || account.password !== data.password) throw new DomainError('INVALID_CREDENTIALS', 'Неверный логин или пароль');
      return { ...(await this.tokensFor(account)), accountId: account.accountId, organisationId: account.organisationId };
    });
    await this.serve(IdentitySubjects.FindLoginOwner, (data) => {
      const phone = mobilePhone.safeParse(data.login);
      const login = phone.success ? phone.data : String(data.login).trim().toLowerCase();
      const account = [...this.accounts.values()].find((candidate) => candidate.phone === login || candidate.email === login);
      return { accountId: account?.accountId ?? null };
    });
    await this.serve(IdentitySubjects.RefreshSession, async (data) => {
      const accountId = this.refreshTokens.get(data.refreshToken);
      const account = accountId ? this.accounts.get(accountId) : undefined;
      if (!account) throw new DomainError('SESSION_EXPIRED', 'Сессия истекла, войдите снова');
      this.refreshTokens.delete(data.refreshToken);
      return this.tokensFor(account);
    });
    await this.serve(IdentitySubjects.Logout, (data) => {
      const session = this.sessions.get(data.sessionId);
      if (session) session.live = false;
      return null;
    });
    await this.serve(IdentitySubjects.AuthenticateSession, (data): AuthenticatedSession => {
      const session = this.sessions.get(data.sessionId);
      const account = session ? this.accounts.get(session.accountId) : undefined;
      if (!session?.live || !account) throw new DomainError('SESSION_EXPIRED', 'Сессия истекла, войдите снова');
      return { sessionId: session.sessionId, accountId: account.accountId, organisationId: account.organisationId, role: account.role };
    });
    await this.serve(IdentitySubjects.GetAccount, (data): AccountView => {
      const account = this.accounts.get(data.accountId);
      if (!account) throw new DomainError('NOT_FOUND', 'Учётная запись не найдена');
      const { password: _password, ...view } = account;
      return view;
    });
    await this.serve(IdentitySubjects.ChangePassword, (data, headers) => {
      const account = this.accounts.get(headers['elk-actor'] ?? '');
      if (!account || account.password !== data.oldPassword) {
        throw new DomainError('WRONG_PASSWORD', 'Неверный текущий пароль', [{ path: 'oldPassword', message: 'Неверный текущий пароль' }]);
      }
      account.password = data.newPassword;
      return null;
    });
    await this.serve(IdentitySubjects.RequestPasswordReset, (data) => {
      if (![...this.accounts.values()].some((account) => account.phone === data.phone)) throw new DomainError('NOT_FOUND', 'Номер не зарегистрирован');
      this.sms.unshift({ id: randomUUID(), to: data.phone, text: `Код: ${RESET_CODE}`, sentAt: new Date().toISOString() });
      return null;
    });
    await this.serve(IdentitySubjects.ConfirmPasswordReset, (data) => {
      if (data.code !== RESET_CODE) throw new DomainError('RESET_CODE_INVALID', 'Неверный код', [{ path: 'code', message: 'Неверный код' }]);
      const account = [...this.accounts.values()].find((candidate) => candidate.phone === data.phone);
      if (account) account.password = data.newPassword;
      return null;
    });
    await this.serve(OrganisationSubjects.GetOrganisation, (data) => {
      const organisation = this.organisations.get(data.organisationId);
      if (!organisation) throw new DomainError('NOT_FOUND', 'Организация не найдена');
      return organisation;
    });
    await this.serve(NotificationsSubjects.ListDevSms, (data): DevSmsList => {
      const items = this.sms.filter((sms) => !data.to || sms.to === data.to).slice(0, data.limit ?? 50);
      return { items, total: items.length, nextCursor: null };
    });
  }

  private async tokensFor(account: FakeAccount) {
    const sessionId = this.openSession(account.accountId);
    const refreshToken = randomUUID();
    this.refreshTokens.set(refreshToken, account.accountId);
    const accessTokenValue = await accessToken({ accountId: account.accountId, organisationId: account.organisationId, role: account.role, sessionId });
    return { accessToken: accessTokenValue, expiresIn: 900, refreshToken };
  }
}

export async function accessToken(
  subject: { accountId: string; organisationId: string; role: Role; sessionId: string },
  expiresInSeconds = 900,
  secret = JWT_SECRET,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ org: subject.organisationId, role: subject.role, sid: subject.sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject.accountId)
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(new TextEncoder().encode(secret));
}

export interface Gateway {
  app: NestFastifyApplication;
  bus: InProcessMessageBus;
  services: FakeServices;
  /** Every log line the gateway wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** The gateway over an in-process bus of its own, with fake services answering on it. */
/** Every request a test injects comes from 127.0.0.1, and Redis counters outlive a run: per-address budgets out of the way. */
const PER_ADDRESS_LIMITS_OUT_OF_THE_WAY = {
  loginPerIp: { points: 10_000, durationSeconds: 15 * 60 },
  passwordResetPerIp: { points: 10_000, durationSeconds: 60 * 60 },
  signUpPerIp: { points: 10_000, durationSeconds: 60 * 60 },
};

/** A test that is about throttling passes its own `throttle` limits, merged over the defaults above. */
export async function startGateway(options: Partial<Omit<GatewayOptions, 'infrastructure'>> = {}): Promise<Gateway> {
  const bus = new InProcessMessageBus({ broker: new InProcessBroker(), requestTimeoutMs: 2_000 });
  const services = new FakeServices(bus);
  await services.serveAll();
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const app = await createGatewayApp({ infrastructure: GatewayInfrastructureModule.forRoot({ bus, logger }), jwtSecret: JWT_SECRET, devOutbox: true, busTimeoutMs: 500, ...options, throttle: { ...PER_ADDRESS_LIMITS_OUT_OF_THE_WAY, ...options.throttle } });
  return {
    app,
    bus,
    services,
    logs,
    close: async () => {
      await app.close();
      await bus.close();
    },
  };
}

/**
 * Registers the jest hooks that run one gateway for the test file, with each of `answers` (subject → reply, or a
 * function of the request's data giving it) served by a fake that records what it was asked in `received`, emptied
 * before each test.
 */
export function gatewayAnswering(answers: Record<string, unknown>) {
  let gateway: Gateway;
  const received: BusCall[] = [];

  beforeAll(async () => {
    gateway = await startGateway();
    for (const [subject, answer] of Object.entries(answers)) {
      await gateway.bus.serve(subject, async ({ data, headers }) => {
        received.push({ subject, data, headers });
        return typeof answer === 'function' ? (answer as (data: unknown) => unknown)(data) : answer;
      });
    }
  });
  afterAll(() => gateway.close());
  beforeEach(() => (received.length = 0));

  return {
    received,
    /** What the gateway logged, one object per line. */
    logs: () => gateway.logs,
    signedIn: (role: Role) => gateway.services.signedIn(role),
    /** A request with `token` as the bearer. */
    request: (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, payload?: unknown, headers: Record<string, string> = {}) =>
      gateway.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) }),
  };
}

/** A valid body for each endpoint that takes one. */
export function validBodies(phone = '+79123456789') {
  return {
    '/api/v1/auth/sign-up': { organisationName: 'ООО «Ромашка»', fullName: 'Иванов Иван', phone, email: 'ivan@example.ru', password: PASSWORD },
    '/api/v1/auth/login': { login: phone, password: PASSWORD },
    '/api/v1/auth/password-reset/request': { phone },
    '/api/v1/auth/password-reset/confirm': { phone, code: RESET_CODE, newPassword: 'NewSecret1', newPasswordRepeat: 'NewSecret1' },
    '/api/v1/me/password': { oldPassword: PASSWORD, newPassword: 'NewSecret1', newPasswordRepeat: 'NewSecret1' },
  } as const;
}

/** POST /api/v1/auth/refresh as the cabinet sends it: the refresh cookie and the CSRF header. */
export function refreshSession(app: NestFastifyApplication, refreshToken: string, headers: Record<string, string> = { [CSRF_HEADER]: 'fetch' }) {
  return app.inject({ method: 'POST', url: REFRESH_COOKIE.path, cookies: { [REFRESH_COOKIE.name]: refreshToken }, headers });
}

/** The refresh cookie an answer sets (or clears), if any. */
export function refreshCookieIn(response: { cookies: Array<{ name: string; value: string; [attribute: string]: unknown }> }) {
  return response.cookies.find((cookie) => cookie.name === REFRESH_COOKIE.name);
}
