import { AccessTokenResponse, CSRF_HEADER, LoginRequest, PasswordResetConfirm, PasswordResetRequest, SignUpRequest, SignUpResponse } from '@elk/contracts';
import { named, route } from '../routes/route';

const Tokens = named('AccessTokenResponse', AccessTokenResponse);
const common = { tag: 'auth' } as const;

/** Sign-up, log-in, the session's refresh and end, and the password reset: served by AuthHttpController. */
export const AuthRoutes = {
  signUp: route({
    ...common,
    method: 'post',
    path: '/api/v1/auth/sign-up',
    access: 'public',
    body: named('SignUpRequest', SignUpRequest),
    idempotencyScope: 'sign-up',
    throttled: true,
    response: { status: 201, description: 'Организация создана: токен доступа в теле, токен обновления в cookie', schema: named('SignUpResponse', SignUpResponse), setsRefreshCookie: true },
    problems: [409],
    summary: 'Регистрация организации и её владельца',
    description: 'Создаёт организацию и учётную запись владельца и сразу входит. С одинаковым `Idempotency-Key` и телом повтор возвращает первый ответ.',
  }),
  login: route({
    ...common,
    method: 'post',
    path: '/api/v1/auth/login',
    access: 'public',
    body: named('LoginRequest', LoginRequest),
    throttled: true,
    response: { status: 200, description: 'Токен доступа в теле, токен обновления в cookie', schema: Tokens, setsRefreshCookie: true },
    problems: [401],
    summary: 'Вход по телефону или email',
  }),
  refresh: route({
    ...common,
    method: 'post',
    path: '/api/v1/auth/refresh',
    access: 'refresh-cookie',
    response: { status: 200, description: 'Новый токен доступа в теле, новый токен обновления в cookie', schema: Tokens, setsRefreshCookie: true },
    problems: [401, 403],
    summary: 'Новый токен доступа по токену обновления из cookie',
    description: `Тела нет. Токен обновления одноразовый: ответ ставит новый в cookie. Заголовок ${CSRF_HEADER} (любое значение) защищает от подделки запроса с чужого сайта: без него 403.`,
  }),
  logout: route({
    ...common,
    method: 'post',
    path: '/api/v1/auth/logout',
    access: 'session',
    response: { status: 204, description: 'Сессия завершена, cookie с токеном обновления стёрт' },
    summary: 'Выход: завершает текущую сессию',
  }),
  requestPasswordReset: route({
    ...common,
    method: 'post',
    path: '/api/v1/auth/password-reset/request',
    access: 'public',
    body: named('PasswordResetRequest', PasswordResetRequest),
    throttled: true,
    response: { status: 202, description: 'Если номер зарегистрирован, на него отправлен код' },
    summary: 'Запрос кода для восстановления пароля',
    description: 'Ответ всегда 202, зарегистрирован номер или нет: SMS с кодом приходит только на зарегистрированный.',
  }),
  confirmPasswordReset: route({
    ...common,
    method: 'post',
    path: '/api/v1/auth/password-reset/confirm',
    access: 'public',
    body: named('PasswordResetConfirm', PasswordResetConfirm),
    throttled: true,
    response: { status: 204, description: 'Пароль изменён' },
    summary: 'Новый пароль по коду из SMS',
  }),
};
