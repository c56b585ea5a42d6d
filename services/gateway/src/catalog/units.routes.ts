import { randomUUID } from 'node:crypto';
import { AddUnitRequest, CatalogSubjects, UnitListQuery, UnitList, UnitView, UpdateUnitRequest } from '@elk/contracts';
import { z } from 'zod';
import { ifMatchHeaders } from '../http/if-match';
import { BULK_TIMEOUT_MS, HistoryResponse, IF_MATCH_DESCRIPTION } from '../routes/resource-routes';
import { named, route } from '../routes/route';

const PATH = '/api/v1/catalog/units';
const id = { description: 'Идентификатор единицы измерения (uuid)', notFound: 'Единица измерения не найдена' };
const Unit = named('UnitView', UnitView);
export const DeleteUnitQuery = z.strictObject({
  replaceWith: z.uuid({ error: 'Выберите единицу измерения из списка' }).optional().meta({ description: 'Единица, которую до удаления получат все товары в удаляемой единице' }),
});
const common = { tag: 'catalog' } as const;

/** Каталог → Единицы измерения: the FFD 1.2 preset of every organisation and the merchant's own units. */
export const UnitRoutes = {
  list: route({
    ...common,
    method: 'get',
    path: PATH,
    access: 'catalog:read',
    query: UnitListQuery,
    forward: { subject: CatalogSubjects.GetUnitList, payload: ({ query }) => query },
    response: { status: 200, description: 'Страница списка', schema: named('UnitList', UnitList) },
    summary: 'Единицы измерения организации',
    description: 'С регистрации в организации есть 24 единицы ФФД 1.2 (тег 2108). Поиск по наименованию и сокращению (без учёта регистра). Без `sort` сначала самые ходовые единицы ФФД (шт, кг, л, м …), затем по наименованию; `sort`: `name`, `shortName`, `ffdCode`, с минусом — в обратном порядке. Страницы по `limit` и `cursor`.',
  }),
  add: route({
    ...common,
    method: 'post',
    path: PATH,
    access: 'catalog:write',
    body: named('AddUnitRequest', AddUnitRequest),
    idempotencyScope: 'catalog-units',
    forward: {
      subject: CatalogSubjects.AddUnit,
      seed: () => ({ unitId: randomUUID() }),
      payload: ({ seed, body }) => ({ unitId: seed.unitId, unit: body }),
    },
    response: { status: 201, description: 'Единица измерения добавлена', schema: Unit },
    problems: [409],
    summary: 'Добавить единицу измерения',
    description: 'Наименование и сокращение уникальны в организации без учёта регистра (409 с ошибкой поля `name` или `shortName`); код по ФФД — одна из мер количества тега 2108 (0, 10–12, 20–22, 30–32, 40–42, 50–51, 70–73, 80–83, 255), иначе 400.',
  }),
  get: route({
    ...common,
    method: 'get',
    path: `${PATH}/{id}`,
    access: 'catalog:read',
    id,
    forward: { subject: CatalogSubjects.GetUnit, payload: ({ id }) => ({ unitId: id }) },
    response: { status: 200, description: 'Единица измерения', schema: Unit },
    summary: 'Единица измерения',
    description: 'Карточка единицы измерения.',
  }),
  update: route({
    ...common,
    method: 'put',
    path: `${PATH}/{id}`,
    access: 'catalog:write',
    id,
    idempotencyScope: 'catalog-units',
    body: named('UpdateUnitRequest', UpdateUnitRequest),
    forward: { subject: CatalogSubjects.UpdateUnit, payload: ({ id, body }) => ({ unitId: id, unit: body }) },
    response: { status: 200, description: 'Единица измерения изменена', schema: Unit },
    problems: [409],
    summary: 'Изменить единицу измерения',
    description: 'Вся карточка заново и `expectedVersion` — версия, которую видел клиент (устаревшая — 409). Наименование и сокращение по-прежнему уникальны.',
  }),
  delete: route({
    ...common,
    method: 'delete',
    path: `${PATH}/{id}`,
    access: 'catalog:write',
    id,
    idempotencyScope: 'catalog-units',
    query: DeleteUnitQuery,
    headers: ifMatchHeaders('If-Match: версия единицы измерения, которую вы видели (целое число)'),
    forward: { subject: CatalogSubjects.DeleteUnit, timeoutMs: BULK_TIMEOUT_MS, payload: ({ id, query, headers }) => ({ unitId: id, expectedVersion: headers['if-match'], replaceWith: query.replaceWith }) },
    response: { status: 204, description: 'Единица измерения удалена' },
    problems: [409],
    summary: 'Удалить единицу измерения',
    description: `Единицу, указанную в товарах, удалить нельзя (409, товары названы), если не указана \`replaceWith\` — единица, которую сначала получат все эти товары (каждый своим изменением в истории товара). ${IF_MATCH_DESCRIPTION}`,
  }),
  history: route({
    ...common,
    method: 'get',
    path: `${PATH}/{id}/history`,
    access: 'catalog:read',
    id,
    forward: { subject: CatalogSubjects.GetUnitHistory, payload: ({ id }) => ({ unitId: id }) },
    response: HistoryResponse,
    summary: 'История изменений единицы измерения',
    description: 'Кто, когда и что изменил, из потока событий; единицы набора ФФД добавлены системой.',
  }),
};
