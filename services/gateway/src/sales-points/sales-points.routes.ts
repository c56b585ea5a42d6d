import { randomUUID } from 'node:crypto';
import { AddSalesPointRequest, SalesPointListQuery, OrganisationSubjects, SalesPointList, SalesPointView, SetPaymentMethodsRequest, UpdateSalesPointRequest } from '@elk/contracts';
import { ifMatchHeaders } from '../http/if-match';
import { HistoryResponse, IF_MATCH_DESCRIPTION } from '../routes/resource-routes';
import { named, route } from '../routes/route';

const PATH = '/api/v1/sales-points';
const id = { description: 'Идентификатор точки продаж (uuid)', notFound: 'Точка продаж не найдена' };
const SalesPoint = named('SalesPointView', SalesPointView);
const common = { tag: 'sales-points' } as const;

/** Настройки → Точки продаж, with their «Способы оплаты». */
export const SalesPointRoutes = {
  list: route({
    ...common,
    method: 'get',
    path: PATH,
    access: 'sales-points:read',
    query: SalesPointListQuery,
    forward: { subject: OrganisationSubjects.GetSalesPointList, payload: ({ query }) => query },
    response: { status: 200, description: 'Страница списка', schema: named('SalesPointList', SalesPointList) },
    summary: 'Точки продаж организации',
    description: 'Поиск по наименованию и фактическому адресу (без учёта регистра); `sort`: `name` (по умолчанию), `address`, с минусом — в обратном порядке; страницы по `limit` и `cursor` (`nextCursor` предыдущего ответа).',
  }),
  add: route({
    ...common,
    method: 'post',
    path: PATH,
    access: 'sales-points:write',
    body: named('AddSalesPointRequest', AddSalesPointRequest),
    idempotencyScope: 'sales-points',
    forward: {
      subject: OrganisationSubjects.AddSalesPoint,
      seed: () => ({ salesPointId: randomUUID() }),
      payload: ({ seed, body }) => ({ salesPointId: seed.salesPointId, point: body }),
    },
    response: { status: 201, description: 'Точка продаж добавлена', schema: SalesPoint },
    problems: [409],
    summary: 'Добавить точку продаж',
    description:
      'Юридическое лицо — одно из юридических лиц организации (иначе 409 с ошибкой поля `legalEntityId`). Способы оплаты новой точки: наличные и карта у всех ролей, кроме Гостя.',
  }),
  get: route({
    ...common,
    method: 'get',
    path: `${PATH}/{id}`,
    access: 'sales-points:read',
    id,
    forward: { subject: OrganisationSubjects.GetSalesPoint, payload: ({ id }) => ({ salesPointId: id }) },
    response: { status: 200, description: 'Карточка точки продаж', schema: SalesPoint },
    summary: 'Точка продаж',
  }),
  update: route({
    ...common,
    method: 'put',
    path: `${PATH}/{id}`,
    access: 'sales-points:write',
    id,
    idempotencyScope: 'sales-points',
    body: named('UpdateSalesPointRequest', UpdateSalesPointRequest),
    forward: { subject: OrganisationSubjects.UpdateSalesPoint, payload: ({ id, body }) => ({ salesPointId: id, point: body }) },
    response: { status: 200, description: 'Точка продаж изменена', schema: SalesPoint },
    problems: [409],
    summary: 'Изменить точку продаж',
    description: 'Вся карточка заново и `expectedVersion` — версия, которую видел клиент (устаревшая — 409). Способы оплаты меняются отдельно.',
  }),
  setPaymentMethods: route({
    ...common,
    method: 'put',
    path: `${PATH}/{id}/payment-methods`,
    access: 'sales-points:write',
    id,
    idempotencyScope: 'sales-points',
    body: named('SetPaymentMethodsRequest', SetPaymentMethodsRequest),
    forward: { subject: OrganisationSubjects.SetSalesPointPaymentMethods, payload: ({ id, body }) => ({ salesPointId: id, grid: body }) },
    response: { status: 200, description: 'Способы оплаты сохранены', schema: SalesPoint },
    problems: [409],
    summary: 'Настроить способы оплаты',
    description: 'Вся таблица «роль → способы оплаты» одним изменением, с `expectedVersion` (устаревшая — 409). Гостю способы оплаты не назначаются (400, поле `paymentMethods.guest`).',
  }),
  delete: route({
    ...common,
    method: 'delete',
    path: `${PATH}/{id}`,
    access: 'sales-points:write',
    id,
    idempotencyScope: 'sales-points',
    headers: ifMatchHeaders('If-Match: версия точки продаж, которую вы видели (целое число)'),
    forward: { subject: OrganisationSubjects.DeleteSalesPoint, payload: ({ id, headers }) => ({ salesPointId: id, expectedVersion: headers['if-match'] }) },
    response: { status: 204, description: 'Точка продаж удалена' },
    problems: [409],
    summary: 'Удалить точку продаж',
    description: IF_MATCH_DESCRIPTION,
  }),
  history: route({
    ...common,
    method: 'get',
    path: `${PATH}/{id}/history`,
    access: 'sales-points:read',
    id,
    forward: { subject: OrganisationSubjects.GetSalesPointHistory, payload: ({ id }) => ({ salesPointId: id }) },
    response: HistoryResponse,
    summary: 'История изменений точки продаж',
    description: 'Кто, когда и что изменил, из потока событий точки продаж.',
  }),
};
