import { randomUUID } from 'node:crypto';
import { AddCategoryRequest, CatalogSubjects, CategoryDeleteMode, CategoryList, CategoryView, ListQuery, UpdateCategoryRequest } from '@elk/contracts';
import { z } from 'zod';
import { ifMatchHeaders } from '../http/if-match';
import { BULK_TIMEOUT_MS, HistoryResponse, IF_MATCH_DESCRIPTION } from '../routes/resource-routes';
import { named, route } from '../routes/route';

const PATH = '/api/v1/catalog/categories';
const id = { description: 'Идентификатор категории (uuid)', notFound: 'Категория не найдена' };
const Category = named('CategoryView', CategoryView);
const common = { tag: 'catalog' } as const;

/** What to do with the category's subcategories and products. */
export const DeleteCategoryQuery = z.strictObject({
  mode: CategoryDeleteMode.optional().meta({
    description: 'Что делать с подкатегориями и товарами категории: `refuse` (по умолчанию) — не удалять и назвать их, `move-contents-up` — перенести их на уровень выше (товары категории верхнего уровня — в общий список)',
  }),
  replaceWith: z.uuid({ error: 'Выберите категорию из списка' }).optional().meta({ description: 'Категория, в которую до удаления перейдут товары удаляемой категории (вместо родительской)' }),
});

/** Каталог → Категории: a tree of any depth, each category naming its parent. */
export const CategoryRoutes = {
  list: route({
    ...common,
    method: 'get',
    path: PATH,
    access: 'catalog:read',
    query: ListQuery,
    forward: { subject: CatalogSubjects.GetCategoryList, payload: ({ query }) => query },
    response: { status: 200, description: 'Страница списка', schema: named('CategoryList', CategoryList) },
    summary: 'Категории организации',
    description: 'Все уровни дерева сразу: `parentId` каждой категории — её родительская (`null` — верхний уровень). Поиск по наименованию; страницы по `limit` и `cursor`.',
  }),
  add: route({
    ...common,
    method: 'post',
    path: PATH,
    access: 'catalog:write',
    body: named('AddCategoryRequest', AddCategoryRequest),
    idempotencyScope: 'catalog-categories',
    forward: {
      subject: CatalogSubjects.AddCategory,
      seed: () => ({ categoryId: randomUUID() }),
      payload: ({ seed, body }) => ({ categoryId: seed.categoryId, category: body }),
    },
    response: { status: 201, description: 'Категория добавлена', schema: Category },
    problems: [409],
    summary: 'Добавить категорию',
    description: 'Без `parentId` категория встаёт на верхний уровень. Родитель — категория этой организации (409, поле `parentId`); наименование уникально среди категорий одного родителя (409, поле `name`).',
  }),
  get: route({
    ...common,
    method: 'get',
    path: `${PATH}/{id}`,
    access: 'catalog:read',
    id,
    forward: { subject: CatalogSubjects.GetCategory, payload: ({ id }) => ({ categoryId: id }) },
    response: { status: 200, description: 'Категория', schema: Category },
    summary: 'Категория',
    description: 'Карточка категории.',
  }),
  update: route({
    ...common,
    method: 'put',
    path: `${PATH}/{id}`,
    access: 'catalog:write',
    id,
    idempotencyScope: 'catalog-categories',
    body: named('UpdateCategoryRequest', UpdateCategoryRequest),
    forward: { subject: CatalogSubjects.UpdateCategory, payload: ({ id, body }) => ({ categoryId: id, category: body }) },
    response: { status: 200, description: 'Категория изменена', schema: Category },
    problems: [409],
    summary: 'Изменить категорию',
    description: 'Вся карточка заново и `expectedVersion` — версия, которую видел клиент (устаревшая — 409). Новый `parentId` переносит категорию со всеми подкатегориями; в саму себя или в свою подкатегорию — нельзя (409, поле `parentId`).',
  }),
  delete: route({
    ...common,
    method: 'delete',
    path: `${PATH}/{id}`,
    access: 'catalog:write',
    id,
    idempotencyScope: 'catalog-categories',
    query: DeleteCategoryQuery,
    headers: ifMatchHeaders('If-Match: версия категории, которую вы видели (целое число)'),
    forward: {
      subject: CatalogSubjects.DeleteCategory,
      timeoutMs: BULK_TIMEOUT_MS,
      payload: ({ id, query, headers }) => ({ categoryId: id, expectedVersion: headers['if-match'], mode: query.mode, replaceWith: query.replaceWith }),
    },
    response: { status: 204, description: 'Категория удалена' },
    problems: [409],
    summary: 'Удалить категорию',
    description: `Категорию с товарами или подкатегориями удалить нельзя (409, они названы), если не указан \`mode=move-contents-up\`: тогда подкатегории тем же изменением переходят на уровень выше, а товары категории — в её родительскую категорию (у категории верхнего уровня — в общий список), каждый своим изменением в истории товара. С \`replaceWith\` товары категории переходят в указанную категорию (подкатегории — по \`mode\`). ${IF_MATCH_DESCRIPTION}`,
  }),
  history: route({
    ...common,
    method: 'get',
    path: `${PATH}/{id}/history`,
    access: 'catalog:read',
    id,
    forward: { subject: CatalogSubjects.GetCategoryHistory, payload: ({ id }) => ({ categoryId: id }) },
    response: HistoryResponse,
    summary: 'История изменений категории',
    description: 'Кто, когда и что изменил, из потока событий категорий; перенос — изменение поля `parentId`.',
  }),
};
