import { AccessTokenResponse, CSRF_HEADER, ProblemDetails, type ErrorCode } from '@elk/contracts';
import { i18n } from '../i18n/i18n';
import { ApiError } from './api-error';
import { endSession } from './session';
import { tokenStore } from './token-store';

const API_BASE = '/api/v1';

/** How long a call may go unanswered before the cabinet says «Нет связи с сервером». */
export const API_TIMEOUT_MS = 10_000;

export interface ApiCallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Sent as JSON, or as is when a Blob (a chosen file), with the Blob's type as Content-Type. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Calls made before there is a session (log-in, sign-up, password reset): no token, no refresh. */
  anonymous?: boolean;
  /** Longer than API_TIMEOUT_MS for an upload the server works through while the user waits (a product file). */
  timeoutMs?: number;
}

/** Anything that parses a response body, e.g. a zod schema from @elk/contracts. */
export interface ResponseSchema<T> {
  parse(input: unknown): T;
}

/** Calls the cabinet API; resolves with a 2xx response, rejects with an ApiError. */
export async function apiCall(path: string, options: ApiCallOptions = {}): Promise<Response> {
  const response = options.anonymous ? await send(path, options, null) : await sendAuthorised(path, options);
  if (!response.ok) throw await errorOf(response);
  return response;
}

export async function apiJson<T>(path: string, schema: ResponseSchema<T>, options: ApiCallOptions = {}): Promise<T> {
  const response = await apiCall(path, options);
  return schema.parse(await response.json());
}

/**
 * Sends with the access token (renewed from the refresh cookie first when there is none in memory, after a reload);
 * on 401 renews it once and retries. When the session cannot be renewed it is ended, which sends the user to /login.
 */
async function sendAuthorised(path: string, options: ApiCallOptions): Promise<Response> {
  const accessToken = tokenStore.get() ?? (await renew(null));
  if (!accessToken) {
    endSession();
    throw new ApiError(localProblem('UNAUTHENTICATED', 401, i18n.t('errors.signInRequired')));
  }
  const response = await send(path, options, accessToken);
  if (response.status !== 401) return response;
  const renewed = await renew(accessToken);
  const retried = renewed ? await send(path, options, renewed) : response;
  if (retried.status === 401) endSession();
  return retried;
}

/** Whether the refresh cookie still holds a session: for a page opened or reloaded with no access token in memory. */
export async function restoreSession(): Promise<boolean> {
  try {
    return (await renew(null)) !== null;
  } catch {
    return false;
  }
}

let renewal: Promise<string | null> | null = null;

/** Refresh tokens rotate, so concurrent 401s share one renewal; a token renewed meanwhile is reused. */
function renew(stale: string | null): Promise<string | null> {
  const current = tokenStore.get();
  if (current && current !== stale) return Promise.resolve(current);
  renewal ??= refresh().finally(() => {
    renewal = null;
  });
  return renewal;
}

/**
 * Trades the HttpOnly refresh cookie for a new access token (and cookie). Tabs take turns: a refresh token used twice
 * ends the session, so a tab must send the cookie the previous tab's refresh left.
 */
async function refresh(): Promise<string | null> {
  const response = await inTurnWithOtherTabs(() => send('/auth/refresh', { method: 'POST', headers: { [CSRF_HEADER]: 'fetch' } }, null));
  if (response.status >= 400 && response.status < 500) return null;
  if (!response.ok) throw await errorOf(response);
  const { accessToken } = AccessTokenResponse.parse(await response.json());
  tokenStore.set(accessToken);
  return accessToken;
}

/** Web Locks exist in secure contexts only (https, localhost), where the Secure refresh cookie works at all. */
function inTurnWithOtherTabs<T>(run: () => Promise<T>): Promise<T> {
  return navigator.locks ? navigator.locks.request('elk.refresh', run) : run();
}

async function send(path: string, options: ApiCallOptions, accessToken: string | null): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': i18n.language,
    ...options.headers,
  };
  const file = options.body instanceof Blob ? options.body : null;
  if (options.body !== undefined) headers['Content-Type'] = file ? file.type : 'application/json';
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(`${API_BASE}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: AbortSignal.timeout(options.timeoutMs ?? API_TIMEOUT_MS),
    });
  } catch {
    // No answer: the connection dropped, or the server took longer than the timeout.
    throw new ApiError(localProblem('SERVICE_UNAVAILABLE', NO_ANSWER, i18n.t('errors.network')));
  }
}

/** The status of a call that got no answer at all. */
const NO_ANSWER = 0;

/** Whether a call failed for want of an answer (no connection, a timeout), so that sending it again is the cure. */
export function isNoAnswer(error: unknown): boolean {
  return error instanceof ApiError && error.status === NO_ANSWER;
}

async function errorOf(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const problem = ProblemDetails.safeParse(body);
  return new ApiError(problem.success ? problem.data : localProblem('INTERNAL', response.status, i18n.t('errors.unexpected')));
}

/** A problem for failures the server did not describe (no session, no connection, a proxy's HTML page). */
function localProblem(code: ErrorCode, status: number, title: string): ProblemDetails {
  return { type: 'about:blank', title, status, code };
}
