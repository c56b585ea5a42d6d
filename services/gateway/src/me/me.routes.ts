import { ChangePasswordRequest, MeResponse } from '@elk/contracts';
import { named, route } from '../routes/route';

const common = { tag: 'me', access: 'session' } as const;

/** The logged-in user's own data: served by MeHttpController. */
export const MeRoutes = {
  me: route({
    ...common,
    method: 'get',
    path: '/api/v1/me',
    response: { status: 200, description: 'Учётная запись и организация', schema: named('MeResponse', MeResponse) },
    summary: 'Личные данные',
  }),
  changePassword: route({
    ...common,
    method: 'post',
    path: '/api/v1/me/password',
    body: named('ChangePasswordRequest', ChangePasswordRequest),
    throttled: true,
    response: { status: 204, description: 'Пароль изменён' },
    summary: 'Смена пароля',
    description: 'Неверные текущие пароли считаются вместе с неудачными входами в эту учётную запись с того же адреса: после лимита — 429.',
  }),
};
