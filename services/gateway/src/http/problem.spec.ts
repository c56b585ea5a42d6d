import { DomainError, ERROR_STATUS, type ErrorCode } from '@elk/contracts';
import { BusNoRespondersError, BusTimeoutError, RemoteError } from '@elk/messaging';
import { HttpException, NotFoundException } from '@nestjs/common';
import { HttpProblem, PROBLEM_TITLES, toProblem } from './problem';

const LIMIT = 64 * 1024;

describe('toProblem', () => {
  it('maps a remote domain error to its status, message and field errors', () => {
    const error = new RemoteError('elk.identity.cmd.Login', 'EMAIL_TAKEN', 'Email уже занят', { errors: [{ path: 'email', message: 'Email уже занят' }] });
    expect(toProblem(error, LIMIT)).toEqual({
      problem: { type: '/api/docs#problem-email-taken', title: 'Email уже зарегистрирован', status: 409, detail: 'Email уже занят', code: 'EMAIL_TAKEN', errors: [{ path: 'email', message: 'Email уже занят' }] },
      headers: {},
    });
  });

  it('ignores remote details that are not field errors', () => {
    const { problem } = toProblem(new RemoteError('s', 'NOT_FOUND', 'Нет такого', { errors: 'oops' }), LIMIT);
    expect(problem).toEqual(expect.objectContaining({ status: 404, code: 'NOT_FOUND' }));
    expect(problem).not.toHaveProperty('errors');
  });

  it.each([
    ['a remote error with a code the API does not know', new RemoteError('s', 'DISK_FULL', '/var is full')],
    ['a remote internal error', new RemoteError('s', 'INTERNAL', 'Internal error')],
    ['a programming error', new TypeError('x is undefined')],
    ['a thrown string', 'boom'],
  ])('hides %s behind a generic 500 and keeps it for the log', (_, error) => {
    const { problem, failure } = toProblem(error, LIMIT);
    expect(problem).toEqual({ type: '/api/docs#problem-internal', title: 'Внутренняя ошибка', status: 500, detail: 'Что-то пошло не так. Попробуйте ещё раз чуть позже', code: 'INTERNAL' });
    expect(failure).toBe(error);
  });

  it.each([new BusTimeoutError('s', 5000), new BusNoRespondersError('s', 5000)])('answers a bus that does not deliver (%s) with 503', (error) => {
    const { problem, headers } = toProblem(error, LIMIT);
    expect(problem).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', detail: 'Сервис временно недоступен, попробуйте позже' });
    expect(headers).toEqual({ 'retry-after': '2' });
  });

  it('adds WWW-Authenticate to every 401', () => {
    expect(toProblem(new DomainError('INVALID_CREDENTIALS', 'Неверный логин или пароль'), LIMIT).headers).toEqual({ 'www-authenticate': 'Bearer' });
  });

  it('keeps the status and headers an HttpProblem carries', () => {
    const { problem, headers } = toProblem(new HttpProblem('TOO_MANY_REQUESTS', 'Подождите', { headers: { 'retry-after': '60' } }), LIMIT);
    expect(problem.status).toBe(429);
    expect(headers).toEqual({ 'retry-after': '60' });
  });

  it.each([
    [new NotFoundException(), 404, 'Такого адреса в API нет'],
    [new HttpException('Request body is too large', 413), 413, 'Запрос слишком большой: не более 64 КБ'],
    [new HttpException('Unsupported Media Type', 415), 400, 'Отправьте данные в формате JSON (Content-Type: application/json)'],
    [new HttpException("Body is not valid JSON but content-type is set to 'application/json'", 400), 400, 'Не удалось прочитать тело запроса: отправьте корректный JSON'],
  ])('words what Fastify refuses in Russian (%#)', (error, status, detail) => {
    expect(toProblem(error, LIMIT).problem).toMatchObject({ status, detail });
  });

  it('has a Russian title for every error code', () => {
    for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) expect(PROBLEM_TITLES[code]).toMatch(/[А-яЁё]{3}/);
  });
});
