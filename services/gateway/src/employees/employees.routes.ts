import { randomUUID } from 'node:crypto';
import {
  AddEmployeeRequest,
  ConfirmEmployeePhoneRequest,
  EmployeeList,
  EmployeeView,
  EmployeeListQuery,
  InvitationSent,
  OrganisationSubjects,
  MAX_BULK_IDS,
  PinSent,
  SendEmployeePinsRequest,
  UpdatedEmployee,
  UpdateEmployeeRequest,
} from '@elk/contracts';
import { ifMatchHeaders } from '../http/if-match';
import { BULK_TIMEOUT_MS, HistoryResponse, bulkResponse } from '../routes/resource-routes';
import { named, route } from '../routes/route';

const PATH = '/api/v1/employees';
const id = { description: 'Идентификатор сотрудника (uuid), он же — его учётной записи', notFound: 'Сотрудник не найден' };
const Employee = named('EmployeeView', EmployeeView);
const common = { tag: 'employees' } as const;

/** Настройки → Сотрудники: the roster, the employees' cabinet accounts and their PIN-codes for the POS app. */
export const EmployeeRoutes = {
  list: route({
    ...common,
    method: 'get',
    path: PATH,
    access: 'employees:read',
    query: EmployeeListQuery,
    forward: { subject: OrganisationSubjects.GetEmployeeList, payload: ({ query }) => query },
    response: { status: 200, description: 'Страница списка', schema: named('EmployeeList', EmployeeList) },
    summary: 'Сотрудники организации',
    description: 'Поиск по ФИО, email и телефону (телефон — в любом написании: «912 345», «+7 912…», «8912…»); `sort`: `fullName` (по умолчанию), `phone`, с минусом — в обратном порядке; страницы по `limit` и `cursor`.',
  }),
  add: route({
    ...common,
    method: 'post',
    path: PATH,
    access: 'employees:write',
    body: named('AddEmployeeRequest', AddEmployeeRequest),
    idempotencyScope: 'employees',
    // «уже зарегистрирован» answers count against the caller (TakenLoginInterceptor).
    throttled: true,
    forward: {
      subject: OrganisationSubjects.AddEmployee,
      seed: () => ({ employeeId: randomUUID() }),
      payload: ({ seed, body }) => ({ employeeId: seed.employeeId, employee: body }),
    },
    response: { status: 201, description: 'Сотрудник добавлен, PIN-код отправлен', schema: Employee },
    problems: [409],
    summary: 'Добавить сотрудника',
    description:
      'Создаёт учётную запись сотрудника (пароль он задаёт по ссылке-приглашению — `POST /api/v1/employees/{id}/invitation` — или через «восстановить пароль» по SMS) и отправляет ему по SMS PIN-код из 4 цифр для приложения на кассе. Телефон и email уникальны (409, поле `phone` или `email`); роль «Владелец» не даётся (409, поле `role`).',
  }),
  get: route({
    ...common,
    method: 'get',
    path: `${PATH}/{id}`,
    access: 'employees:read',
    id,
    forward: { subject: OrganisationSubjects.GetEmployee, payload: ({ id }) => ({ employeeId: id }) },
    response: { status: 200, description: 'Карточка сотрудника', schema: Employee },
    summary: 'Сотрудник',
  }),
  update: route({
    ...common,
    method: 'put',
    path: `${PATH}/{id}`,
    access: 'employees:write',
    id,
    idempotencyScope: 'employees',
    body: named('UpdateEmployeeRequest', UpdateEmployeeRequest),
    throttled: true,
    forward: { subject: OrganisationSubjects.UpdateEmployee, payload: ({ id, body }) => ({ employeeId: id, employee: body }) },
    response: { status: 200, description: 'Сотрудник изменён', schema: named('UpdatedEmployee', UpdatedEmployee) },
    problems: [409],
    summary: 'Изменить сотрудника',
    description:
      'Вся карточка заново и `expectedVersion` — версия, которую видел клиент (устаревшая — 409). Новая роль действует с первого же запроса сотрудника. Владельца изменяет только он сам (иначе 403); его роль не меняется, а роль «Владелец» никому не даётся (409, поле `role`). Телефон — это логин: новый телефон не меняется сразу — на него уходит SMS с кодом, на прежний — SMS о смене, а в ответе `pendingPhone`; телефон в карточке меняется после ввода кода (`POST /api/v1/employees/{id}/phone-confirmation`).',
  }),
  /** The code from the SMS sent to the employee's new phone: it becomes their login and the card's phone. */
  confirmPhone: route({
    ...common,
    method: 'post',
    path: `${PATH}/{id}/phone-confirmation`,
    access: 'employees:write',
    id,
    body: named('ConfirmEmployeePhoneRequest', ConfirmEmployeePhoneRequest),
    forward: { subject: OrganisationSubjects.ConfirmEmployeePhone, payload: ({ id, body }) => ({ employeeId: id, confirmation: body }) },
    response: { status: 200, description: 'Телефон изменён', schema: Employee },
    problems: [409],
    summary: 'Подтвердить новый телефон сотрудника',
    description:
      'Код из SMS, отправленного на новый телефон при изменении карточки, и сам этот телефон: он становится логином сотрудника и телефоном в карточке. Код действует 10 минут и один раз; после 5 неверных попыток нужен новый код (сохраните карточку с новым телефоном ещё раз). Неверный код — 400, поле `code`.',
  }),
  delete: route({
    ...common,
    method: 'delete',
    path: `${PATH}/{id}`,
    access: 'employees:write',
    id,
    idempotencyScope: 'employees',
    headers: ifMatchHeaders('If-Match: версия карточки сотрудника, которую вы видели (целое число)'),
    forward: { subject: OrganisationSubjects.DeleteEmployee, payload: ({ id, headers }) => ({ employeeId: id, expectedVersion: headers['if-match'] }) },
    response: { status: 204, description: 'Сотрудник удалён' },
    problems: [409],
    summary: 'Удалить сотрудника',
    description: 'Сессии сотрудника завершаются сразу, его телефон и email освобождаются. Владельца и самого себя удалить нельзя (409). `If-Match: <версия>` необязателен; устаревшая версия — 409.',
  }),
  /** «Отправить новый PIN-код». */
  sendPin: route({
    ...common,
    method: 'post',
    path: `${PATH}/{id}/pin`,
    access: 'employees:write',
    id,
    forward: { subject: OrganisationSubjects.SendEmployeePin, payload: ({ id }) => ({ employeeId: id }) },
    response: { status: 200, description: 'PIN-код отправлен', schema: named('PinSent', PinSent) },
    summary: 'Отправить новый PIN-код',
    description: 'Новый PIN-код из 4 цифр заменяет прежний и уходит по SMS на телефон сотрудника. Владельцу отправляет только он сам (иначе 403).',
  }),
  /** «Пригласить в кабинет»: served by EmployeesHttpController (the link needs the cabinet's address). */
  invite: route({
    ...common,
    method: 'post',
    path: `${PATH}/{id}/invitation`,
    access: 'employees:write',
    id,
    throttled: true,
    response: { status: 200, description: 'Приглашение отправлено', schema: named('InvitationSent', InvitationSent) },
    summary: 'Пригласить в кабинет',
    description:
      'SMS на телефон сотрудника с одноразовой ссылкой, по которой он задаёт пароль и входит в кабинет. Ссылка действует 24 часа и один раз; новое приглашение отменяет прежнее. Владельца приглашает только он сам (иначе 403). Не более 5 приглашений одному сотруднику в час (429).',
  }),
  /** «Отправить PIN» to the selected employees. */
  sendPins: route({
    ...common,
    method: 'post',
    path: `${PATH}/pin`,
    access: 'employees:write',
    body: named('SendEmployeePinsRequest', SendEmployeePinsRequest),
    idempotencyScope: 'employees-pins',
    forward: { subject: OrganisationSubjects.SendEmployeePins, timeoutMs: BULK_TIMEOUT_MS, payload: ({ body }) => body },
    response: bulkResponse('Кому PIN-код отправлен, кому нет и почему'),
    summary: 'Отправить новые PIN-коды выбранным сотрудникам',
    description: `До ${MAX_BULK_IDS} сотрудников: каждому — новый PIN-код по SMS, как «Отправить новый PIN-код» для одного. \`refused\` называет тех, кому не отправлено, и причину (владельцу отправляет только он сам; сотрудник не найден — в том числе сотрудник другой организации), остальным отправлено (\`applied\`).`,
  }),
  history: route({
    ...common,
    method: 'get',
    path: `${PATH}/{id}/history`,
    access: 'employees:read',
    id,
    forward: { subject: OrganisationSubjects.GetEmployeeHistory, payload: ({ id }) => ({ employeeId: id }) },
    response: HistoryResponse,
    summary: 'История изменений сотрудника',
    description: 'Кто, когда и что изменил, из потока событий; отправка PIN-кода — запись `pin-sent` (сам PIN-код не хранится и не показывается), приглашение в кабинет — `invited`.',
  }),
};
