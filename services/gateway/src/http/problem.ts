import { DomainError, ERROR_STATUS, FieldError, type ErrorCode, type ProblemDetails } from '@elk/contracts';
import { BusTimeoutError, RemoteError } from '@elk/messaging';
import { HttpException } from '@nestjs/common';
import { z } from 'zod';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** RFC 9457 `title`: one short Russian line per code, the same for every occurrence. */
export const PROBLEM_TITLES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Проверьте введённые данные',
  UNAUTHENTICATED: 'Требуется вход',
  INVALID_CREDENTIALS: 'Неверный логин или пароль',
  SESSION_EXPIRED: 'Сессия истекла',
  FORBIDDEN: 'Недостаточно прав',
  NOT_FOUND: 'Не найдено',
  VERSION_CONFLICT: 'Данные уже изменились',
  PHONE_TAKEN: 'Телефон уже зарегистрирован',
  EMAIL_TAKEN: 'Email уже зарегистрирован',
  WRONG_PASSWORD: 'Неверный пароль',
  RESET_CODE_INVALID: 'Неверный код',
  RESET_CODE_EXPIRED: 'Код устарел',
  RESET_CODE_EXHAUSTED: 'Попытки ввода кода исчерпаны',
  PHONE_CODE_INVALID: 'Неверный код',
  PHONE_CODE_EXPIRED: 'Код устарел',
  PHONE_CODE_EXHAUSTED: 'Попытки ввода кода исчерпаны',
  ACTIVATION_CODE_INVALID: 'Неверный код активации',
  ACTIVATION_CODE_EXPIRED: 'Код активации устарел',
  ACTIVATION_CODE_EXHAUSTED: 'Попытки ввода кода активации исчерпаны',
  PIN_INVALID: 'Неверный PIN-код',
  PIN_LOCKED: 'Вход по PIN-коду заблокирован',
  INVITATION_INVALID: 'Приглашение недействительно',
  INVITATION_USED: 'Приглашение уже использовано',
  INVITATION_EXPIRED: 'Срок приглашения истёк',
  RULE_VIOLATED: 'Действие невозможно',
  IDEMPOTENCY_KEY_REUSED: 'Ключ идемпотентности уже использован',
  TOO_MANY_REQUESTS: 'Слишком много попыток',
  SERVICE_UNAVAILABLE: 'Сервис временно недоступен',
  INTERNAL: 'Внутренняя ошибка',
};

export const MESSAGES = {
  invalidInput: 'Проверьте введённые данные',
  unreadableBody: 'Не удалось прочитать тело запроса: отправьте корректный JSON',
  notJson: 'Отправьте данные в формате JSON (Content-Type: application/json)',
  unreadableUrl: 'Адрес запроса содержит недопустимые символы',
  bodyTooLarge: (limitBytes: number) => `Запрос слишком большой: не более ${Math.floor(limitBytes / 1024)} КБ`,
  unknownRoute: 'Такого адреса в API нет',
  requestTooLarge: 'Адрес запроса или его заголовки слишком длинные',
  requestTimeout: 'Запрос не пришёл целиком вовремя: попробуйте ещё раз',
  malformedRequest: 'Запрос не разобран: он не похож на HTTP',
  unavailable: 'Сервис временно недоступен, попробуйте позже',
  internal: 'Что-то пошло не так. Попробуйте ещё раз чуть позже',
} as const;

/** Each code's `type` points at its description in the API docs page. */
export function problemType(code: ErrorCode): string {
  return `/api/docs#problem-${code.toLowerCase().replace(/_/g, '-')}`;
}

export interface HttpProblemOptions {
  errors?: FieldError[];
  /** When the HTTP status differs from the code's usual one (413 for VALIDATION_FAILED, say). */
  status?: number;
  headers?: Record<string, string>;
  /** The failure on our side behind the problem: logged, never sent. */
  failure?: unknown;
}

/** A DomainError raised by the gateway itself, with what HTTP needs on top (status, headers). */
export class HttpProblem extends DomainError {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly failure: unknown;

  constructor(code: ErrorCode, message: string, options: HttpProblemOptions = {}) {
    super(code, message, options.errors);
    this.status = options.status ?? ERROR_STATUS[code];
    this.headers = options.headers ?? {};
    this.failure = options.failure;
  }
}

export interface ProblemReply {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** Set when the cause is ours, not the client's: it goes to the log, never to the client. */
  failure?: unknown;
}

/** Seconds a 503 asks the client to wait before it tries again. */
export const RETRY_AFTER_UNAVAILABLE_S = 2;

const RemoteDetails = z.object({ errors: z.array(FieldError).optional() });

/** Maps anything a request can end with to the problem the client gets. */
export function toProblem(error: unknown, bodyLimitBytes: number): ProblemReply {
  if (error instanceof HttpProblem) {
    const problem = reply(error.code, error.message, error.errors, error.status, error.headers);
    return error.failure === undefined ? problem : { ...problem, failure: error.failure };
  }
  if (error instanceof DomainError) return reply(error.code, error.message, error.errors);
  if (error instanceof RemoteError) {
    if (!isErrorCode(error.code) || error.code === 'INTERNAL') return internal(error);
    const details = RemoteDetails.safeParse(error.details ?? {});
    return reply(error.code, error.message, details.success ? details.data.errors : undefined);
  }
  // A service restarting serves again within seconds: a client (a terminal's queue above all) is told when to retry.
  if (error instanceof BusTimeoutError) return { ...reply('SERVICE_UNAVAILABLE', MESSAGES.unavailable, undefined, undefined, { 'retry-after': String(RETRY_AFTER_UNAVAILABLE_S) }), failure: error };
  if (error instanceof HttpException) return fromFramework(error, bodyLimitBytes);
  return fromRouter(error) ?? internal(error);
}

// What Fastify's router refuses before any route runs (see `frameworkErrors` in createGatewayApp).
function fromRouter(error: unknown): ProblemReply | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  // A path whose %-escapes do not decode to UTF-8.
  if (code === 'FST_ERR_BAD_URL') return { problem: invalidRequest(MESSAGES.unreadableUrl), headers: {} };
  // A path parameter longer than any id names nothing.
  if (code === 'FST_ERR_MAX_PARAM_LENGTH') return reply('NOT_FOUND', MESSAGES.unknownRoute);
  return undefined;
}

// HttpExceptions come from Nest and Fastify only: unknown routes and bodies that could not be read.
function fromFramework(error: HttpException, bodyLimitBytes: number): ProblemReply {
  switch (error.getStatus()) {
    case 404:
      return reply('NOT_FOUND', MESSAGES.unknownRoute);
    case 413:
      return reply('VALIDATION_FAILED', MESSAGES.bodyTooLarge(bodyLimitBytes), undefined, 413);
    case 415:
      return { problem: invalidRequest(MESSAGES.notJson), headers: {} };
    case 400:
      return { problem: invalidRequest(MESSAGES.unreadableBody), headers: {} };
    default:
      return internal(error);
  }
}

/** The problem for a request refused as a whole (its URL, its headers), not for one field of its body. */
export function invalidRequest(detail: string, status = 400): ProblemDetails {
  return reply('VALIDATION_FAILED', detail, [{ path: '', message: detail }], status).problem;
}

function internal(failure: unknown): ProblemReply {
  return { ...reply('INTERNAL', MESSAGES.internal), failure };
}

function reply(code: ErrorCode, detail: string, errors?: FieldError[], status: number = ERROR_STATUS[code], headers: Record<string, string> = {}): ProblemReply {
  const problem: ProblemDetails = { type: problemType(code), title: PROBLEM_TITLES[code], status, detail, code, ...(errors?.length ? { errors } : {}) };
  const authenticate: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer' } : {};
  return { problem, headers: { ...authenticate, ...headers } };
}

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}
