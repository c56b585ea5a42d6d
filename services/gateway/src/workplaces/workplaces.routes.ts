import { randomUUID } from 'node:crypto';
import { AddWorkplaceRequest, DevicesSubjects, GetWorkplaceList, IssueActivationCodeRequest, UpdateWorkplaceRequest, WorkplaceList, WorkplaceView } from '@elk/contracts';
import { ifMatchHeaders } from '../http/if-match';
import { HistoryResponse, IF_MATCH_DESCRIPTION } from '../routes/resource-routes';
import { named, route } from '../routes/route';

const PATH = '/api/v1/workplaces';
const id = { description: 'Идентификатор рабочего места (uuid)', notFound: 'Рабочее место не найдено' };
const Workplace = named('WorkplaceView', WorkplaceView);
const common = { tag: 'workplaces' } as const;

/** Настройки → Рабочие места: the workplaces, their activation codes and deactivation. */
export const WorkplaceRoutes = {
  list: route({
    ...common,
    method: 'get',
    path: PATH,
    access: 'workplaces:read',
    query: GetWorkplaceList,
    forward: { subject: DevicesSubjects.GetWorkplaceList, payload: ({ query }) => query },
    response: { status: 200, description: 'Страница списка и номер для нового рабочего места', schema: named('WorkplaceList', WorkplaceList) },
    summary: 'Рабочие места организации',
    description:
      'По номеру (или `sort`: `number`, `name`, с минусом — в обратном порядке). Поиск по наименованию и номеру; фильтры `status` (not-activated, activated, deactivated), `salesPointId`, `employeeId`. `nextFreeNumber` — наименьший свободный номер от 1 до 99 (null, если заняты все).',
  }),
  add: route({
    ...common,
    method: 'post',
    path: PATH,
    access: 'workplaces:write',
    body: named('AddWorkplaceRequest', AddWorkplaceRequest),
    idempotencyScope: 'workplaces',
    forward: {
      subject: DevicesSubjects.AddWorkplace,
      seed: () => ({ workplaceId: randomUUID() }),
      payload: ({ seed, body }) => ({ workplaceId: seed.workplaceId, workplace: body }),
    },
    response: { status: 201, description: 'Рабочее место добавлено, код активации отправлен сотруднику в SMS', schema: Workplace },
    problems: [409],
    summary: 'Добавить рабочее место',
    description:
      'Номер от 1 до 99, единственный в организации (занятый — 409 с ошибкой поля `number` и свободным номером). Сотруднику уходит одно SMS: код активации (8 символов, действует 24 часа) и, если у него ещё нет PIN-кода, PIN-код.',
  }),
  get: route({
    ...common,
    method: 'get',
    path: `${PATH}/{id}`,
    access: 'workplaces:read',
    id,
    forward: { subject: DevicesSubjects.GetWorkplace, payload: ({ id }) => ({ workplaceId: id }) },
    response: { status: 200, description: 'Карточка рабочего места', schema: Workplace },
    summary: 'Рабочее место',
  }),
  update: route({
    ...common,
    method: 'put',
    path: `${PATH}/{id}`,
    access: 'workplaces:write',
    id,
    idempotencyScope: 'workplaces',
    body: named('UpdateWorkplaceRequest', UpdateWorkplaceRequest),
    forward: { subject: DevicesSubjects.UpdateWorkplace, payload: ({ id, body }) => ({ workplaceId: id, workplace: body }) },
    response: { status: 200, description: 'Рабочее место изменено', schema: Workplace },
    problems: [409],
    summary: 'Изменить рабочее место',
    description: 'Вся карточка заново и `expectedVersion` — версия, которую видел клиент (устаревшая — 409).',
  }),
  delete: route({
    ...common,
    method: 'delete',
    path: `${PATH}/{id}`,
    access: 'workplaces:write',
    id,
    idempotencyScope: 'workplaces',
    headers: ifMatchHeaders('If-Match: версия рабочего места, которую вы видели (целое число)'),
    forward: { subject: DevicesSubjects.DeleteWorkplace, payload: ({ id, headers }) => ({ workplaceId: id, expectedVersion: headers['if-match'] }) },
    response: { status: 204, description: 'Рабочее место удалено; его терминал больше не принимается' },
    problems: [409],
    summary: 'Удалить рабочее место',
    description: IF_MATCH_DESCRIPTION,
  }),
  issueActivationCode: route({
    ...common,
    method: 'post',
    path: `${PATH}/{id}/activation-code`,
    access: 'workplaces:write',
    id,
    idempotencyScope: 'workplaces',
    body: named('IssueActivationCodeRequest', IssueActivationCodeRequest),
    forward: { subject: DevicesSubjects.IssueActivationCode, payload: ({ id, body }) => ({ workplaceId: id, request: body }) },
    response: { status: 200, description: 'Новый код активации отправлен сотруднику в SMS', schema: Workplace },
    summary: 'Получить код активации',
    description: 'Новый код (прежний перестаёт действовать) уходит в SMS выбранному сотруднику; рабочее место привязывается к выбранной торговой точке.',
  }),
  deactivate: route({
    ...common,
    method: 'post',
    path: `${PATH}/{id}/deactivate`,
    access: 'workplaces:write',
    id,
    idempotencyScope: 'workplaces',
    forward: { subject: DevicesSubjects.DeactivateWorkplace, payload: ({ id }) => ({ workplaceId: id }) },
    response: { status: 200, description: 'Рабочее место деактивировано: следующий запрос его терминала получит 401', schema: Workplace },
    problems: [409],
    summary: 'Деактивировать рабочее место',
    description: 'Учётные данные терминала перестают действовать сразу. После деактивации можно запросить новый код активации.',
  }),
  history: route({
    ...common,
    method: 'get',
    path: `${PATH}/{id}/history`,
    access: 'workplaces:read',
    id,
    forward: { subject: DevicesSubjects.GetWorkplaceHistory, payload: ({ id }) => ({ workplaceId: id }) },
    response: HistoryResponse,
    summary: 'История изменений рабочего места',
    description: 'Кто, когда и что изменил: добавление, изменения, коды активации, активация терминалом, деактивация.',
  }),
};
