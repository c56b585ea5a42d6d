import { randomUUID } from 'node:crypto';
import { AddLegalEntityRequest, LegalEntityList, LegalEntityView, LegalEntityListQuery, OrganisationSubjects, UpdateLegalEntityRequest } from '@elk/contracts';
import { ifMatchHeaders } from '../http/if-match';
import { HistoryResponse, IF_MATCH_DESCRIPTION } from '../routes/resource-routes';
import { named, route } from '../routes/route';

const PATH = '/api/v1/legal-entities';
const id = { description: 'Идентификатор юридического лица (uuid)', notFound: 'Юридическое лицо не найдено' };
const LegalEntity = named('LegalEntityView', LegalEntityView);
const common = { tag: 'legal-entities' } as const;

/** Настройки → Юридические лица. */
export const LegalEntityRoutes = {
  list: route({
    ...common,
    method: 'get',
    path: PATH,
    access: 'legal-entities:read',
    query: LegalEntityListQuery,
    forward: { subject: OrganisationSubjects.GetLegalEntityList, payload: ({ query }) => query },
    response: { status: 200, description: 'Страница списка', schema: named('LegalEntityList', LegalEntityList) },
    summary: 'Юридические лица организации',
    description: 'Поиск по названию и ИНН; `sort`: `name` (по умолчанию), `inn`, с минусом — в обратном порядке; страницы по `limit` и `cursor` (`nextCursor` предыдущего ответа).',
  }),
  add: route({
    ...common,
    method: 'post',
    path: PATH,
    access: 'legal-entities:write',
    body: named('AddLegalEntityRequest', AddLegalEntityRequest),
    idempotencyScope: 'legal-entities',
    forward: {
      subject: OrganisationSubjects.AddLegalEntity,
      seed: () => ({ legalEntityId: randomUUID() }),
      payload: ({ seed, body }) => ({ legalEntityId: seed.legalEntityId, entity: body }),
    },
    response: { status: 201, description: 'Юридическое лицо добавлено', schema: LegalEntity },
    problems: [409],
    summary: 'Добавить юридическое лицо',
    description:
      'Система налогообложения в организации одна: первое юридическое лицо её задаёт, другая у следующих — 409 с ошибкой поля `taxSystem`. ИНН в организации уникален (409, поле `inn`). Токен Честного Знака хранится зашифрованным и показывается только маской.',
  }),
  get: route({
    ...common,
    method: 'get',
    path: `${PATH}/{id}`,
    access: 'legal-entities:read',
    id,
    forward: { subject: OrganisationSubjects.GetLegalEntity, payload: ({ id }) => ({ legalEntityId: id }) },
    response: { status: 200, description: 'Карточка юридического лица', schema: LegalEntity },
    summary: 'Юридическое лицо',
  }),
  update: route({
    ...common,
    method: 'put',
    path: `${PATH}/{id}`,
    access: 'legal-entities:write',
    id,
    idempotencyScope: 'legal-entities',
    body: named('UpdateLegalEntityRequest', UpdateLegalEntityRequest),
    forward: { subject: OrganisationSubjects.UpdateLegalEntity, payload: ({ id, body }) => ({ legalEntityId: id, entity: body }) },
    response: { status: 200, description: 'Юридическое лицо изменено', schema: LegalEntity },
    problems: [409],
    summary: 'Изменить юридическое лицо',
    description:
      'Вся карточка заново и `expectedVersion` — версия, которую видел клиент (устаревшая — 409). Без `chestnyZnakToken` токен остаётся прежним, `null` удаляет его. Другая система налогообложения, чем у остальных юридических лиц, — 409 с ошибкой поля `taxSystem`; с `changeTaxSystemForAll: true` она сменится у всех юридических лиц организации одним изменением.',
  }),
  delete: route({
    ...common,
    method: 'delete',
    path: `${PATH}/{id}`,
    access: 'legal-entities:write',
    id,
    idempotencyScope: 'legal-entities',
    headers: ifMatchHeaders('If-Match: версия юридического лица, которую вы видели (целое число)'),
    forward: { subject: OrganisationSubjects.DeleteLegalEntity, payload: ({ id, headers }) => ({ legalEntityId: id, expectedVersion: headers['if-match'] }) },
    response: { status: 204, description: 'Юридическое лицо удалено' },
    problems: [409],
    summary: 'Удалить юридическое лицо',
    description: IF_MATCH_DESCRIPTION,
  }),
  history: route({
    ...common,
    method: 'get',
    path: `${PATH}/{id}/history`,
    access: 'legal-entities:read',
    id,
    forward: { subject: OrganisationSubjects.GetLegalEntityHistory, payload: ({ id }) => ({ legalEntityId: id }) },
    response: HistoryResponse,
    summary: 'История изменений юридического лица',
    description: 'Кто, когда и что изменил, из потока событий. Токен Честного Знака показывается только как «изменён».',
  }),
};
