/**
 * The cabinet API as the end-to-end tests use it: plain fetch calls with a bearer token, sign-up of a fresh
 * merchant, and SMS read from the dev outbox like a person reads their phone.
 */
import { CSRF_HEADER, REFRESH_COOKIE } from '@elk/contracts';
import { startSystem, uniqueContact, type RunMode, type RunningSystem } from './system.harness';

export interface Reply {
  status: number;
  body: any;
  text: string;
}

export interface SignedUp {
  accessToken: string;
  accountId: string;
  organisationId: string;
  phone: string;
  email: string;
  password: string;
}

/** A legal entity with valid ИНН, КПП and ОГРН checksums. */
export const ROMASHKA = {
  type: 'ooo',
  name: 'ООО «Ромашка»',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  legalAddress: 'г. Москва, ул. Вавилова, д. 19',
  taxSystem: 'usn-income',
};

export interface Unit {
  id: string;
  name: string;
  shortName: string;
  ffdCode: number;
}

export const OWNER_FULL_NAME = 'Иванов Иван Иванович';
export const PASSWORD = 'Secret123';

/** The Set-Cookie line of the refresh cookie an answer sets or clears, if any. */
export function refreshCookieLine(headers: Headers): string | undefined {
  return headers.getSetCookie().find((line) => line.startsWith(`${REFRESH_COOKIE.name}=`));
}

/** The refresh token an answer puts into its cookie ('' when it clears the cookie). */
export function refreshTokenSet(headers: Headers): string | undefined {
  const line = refreshCookieLine(headers);
  return line === undefined ? undefined : decodeURIComponent(line.slice(REFRESH_COOKIE.name.length + 1).split(';')[0]!);
}

/** POST /api/v1/auth/refresh as the cabinet in a browser sends it: the refresh cookie and the CSRF header. */
export function refreshSession(baseUrl: string, refreshToken: string): Promise<Response> {
  return fetch(`${baseUrl}${REFRESH_COOKIE.path}`, {
    method: 'POST',
    headers: { cookie: `${REFRESH_COOKIE.name}=${encodeURIComponent(refreshToken)}`, [CSRF_HEADER]: 'fetch' },
  });
}

export interface CabinetApi {
  call(method: string, path: string, token?: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** A new organisation with its Owner, logged in. */
  signUp(organisationName?: string): Promise<SignedUp>;
  /** The SMS texts to `phone` in the dev outbox, newest first. */
  smsTo(phone: string): Promise<string[]>;
  /** The first match of `pattern` in the newest SMS to `phone`, once there are more than `seen` SMS matching it. */
  waitForSms(phone: string, pattern: RegExp, seen?: number): Promise<string>;
  /** An employee sets their first password through «восстановить пароль» by SMS and logs in: their access token. */
  setPasswordAndLogIn(phone: string, password?: string): Promise<string>;
  /** POST `body` to a collection, which must answer 201: the new resource. */
  add(token: string, path: string, body: unknown): Promise<any>;
  /** The organisation's units of measure once the FFD 1.2 preset is in: the catalog loads it a moment after sign-up. */
  presetUnits(token: string): Promise<Unit[]>;
  /**
   * GETs `path` until `ready` holds of the answer (10 s at most), for what a read model shows a moment after the write
   * (the journals after a terminal's push): that answer.
   */
  eventually(path: string, token: string, ready: (reply: Reply) => boolean): Promise<Reply>;
}

/** `url` may be a function, read at each call, for a system that starts after the API is made. */
export function cabinetApi(url: string | (() => string)): CabinetApi {
  const baseUrl = typeof url === 'string' ? () => url : url;

  async function call(method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const request = () =>
      fetch(`${baseUrl()}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    let response: Response;
    try {
      response = await request();
    } catch (error) {
      // fetch reuses an idle keep-alive connection, which the server may be closing at that moment (its 72 s
      // keep-alive timer); undici sends again by itself only for idempotent methods. A POST that did reach the server
      // fails visibly when sent twice (a taken phone), so once more is safe for a test.
      if (!(error instanceof TypeError && (error.cause as { code?: string } | undefined)?.code === 'UND_ERR_SOCKET')) throw error;
      response = await request();
    }
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : undefined;
    return { status: response.status, body: json, text };
  }

  async function smsTo(phone: string): Promise<string[]> {
    const outbox = await call('GET', `/api/v1/dev/sms?to=${encodeURIComponent(phone)}&limit=200`);
    if (outbox.status !== 200) throw new Error(`dev outbox answered ${outbox.status}: ${outbox.text}`);
    return (outbox.body.items as Array<{ text: string }>).map((sms) => sms.text);
  }

  async function waitForSms(phone: string, pattern: RegExp, seen = 0): Promise<string> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const matching = (await smsTo(phone)).filter((text) => pattern.test(text));
      if (matching.length > seen) return pattern.exec(matching[0]!)![0];
      if (Date.now() > deadline) throw new Error(`no new SMS matching ${pattern} to ${phone} in the dev outbox`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return {
    call,
    smsTo,
    waitForSms,

    async signUp(organisationName = 'ООО «Ромашка»') {
      const contact = uniqueContact();
      const reply = await call('POST', '/api/v1/auth/sign-up', undefined, { organisationName, fullName: OWNER_FULL_NAME, ...contact, password: PASSWORD });
      if (reply.status !== 201) throw new Error(`sign-up answered ${reply.status}: ${reply.text}`);
      return { ...contact, password: PASSWORD, accessToken: reply.body.accessToken, accountId: reply.body.accountId, organisationId: reply.body.organisationId };
    },

    async setPasswordAndLogIn(phone, password = PASSWORD) {
      const resetCode = /\b\d{6}\b/;
      const codesBefore = (await smsTo(phone)).filter((text) => resetCode.test(text)).length;
      const requested = await call('POST', '/api/v1/auth/password-reset/request', undefined, { phone });
      if (requested.status !== 202) throw new Error(`password reset request answered ${requested.status}: ${requested.text}`);
      const code = await waitForSms(phone, resetCode, codesBefore);
      const confirmed = await call('POST', '/api/v1/auth/password-reset/confirm', undefined, { phone, code, newPassword: password, newPasswordRepeat: password });
      if (confirmed.status !== 204) throw new Error(`password reset confirm answered ${confirmed.status}: ${confirmed.text}`);
      const login = await call('POST', '/api/v1/auth/login', undefined, { login: phone, password });
      if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.text}`);
      return login.body.accessToken as string;
    },

    async add(token, path, body) {
      const reply = await call('POST', path, token, body);
      if (reply.status !== 201) throw new Error(`POST ${path} answered ${reply.status}: ${reply.text}`);
      return reply.body;
    },

    async eventually(path, token, ready) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const reply = await call('GET', path, token);
        if (ready(reply)) return reply;
        if (Date.now() > deadline) throw new Error(`GET ${path} did not get there in 10 s: ${reply.status} ${reply.text.slice(0, 500)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },

    async presetUnits(token) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const list = await call('GET', '/api/v1/catalog/units', token);
        if (list.status !== 200) throw new Error(`unit list answered ${list.status}: ${list.text}`);
        if (list.body.total >= 24) return list.body.items;
        if (Date.now() > deadline) throw new Error(`the FFD 1.2 units did not all appear in 10 s: ${list.body.total} of 24`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

export interface UsedSystem {
  /** The running system's base URL; read it inside a hook or test. */
  readonly url: string;
  /** The cabinet API of the running system, usable once `beforeAll` has run. */
  readonly api: CabinetApi;
}

/** The run's system in `mode`, for the enclosing describe's tests (started by the first file that asks). */
export function useRunningSystem(mode: RunMode): UsedSystem {
  let system: RunningSystem | undefined;
  const url = () => {
    if (!system) throw new Error('the system is not started yet: use it inside a hook or a test');
    return system.url;
  };
  const api = cabinetApi(url);
  beforeAll(async () => {
    system = await startSystem(mode);
  });
  return {
    get url() {
      return url();
    },
    api,
  };
}
