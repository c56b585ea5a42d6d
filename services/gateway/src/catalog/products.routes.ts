import { randomUUID } from 'node:crypto';
import { AddProductRequest, BulkProductsRequest, CatalogSubjects, MAX_BULK_IDS, ProductList, ProductListQuery, ProductView, UpdateProductRequest } from '@elk/contracts';
import { ifMatchHeaders } from '../http/if-match';
import { BULK_TIMEOUT_MS, HistoryResponse, bulkResponse, IF_MATCH_DESCRIPTION } from '../routes/resource-routes';
import { named, route } from '../routes/route';

const PATH = '/api/v1/catalog/products';
const id = { description: 'Идентификатор товара (uuid)', notFound: 'Товар не найден' };
const Product = named('ProductView', ProductView);
const common = { tag: 'catalog' } as const;

/** Каталог → Все товары: what the tills sell, each with its price, unit, VAT rate, barcodes and category. */
export const ProductRoutes = {
  list: route({
    ...common,
    method: 'get',
    path: PATH,
    access: 'catalog:read',
    query: ProductListQuery,
    forward: { subject: CatalogSubjects.GetProductList, payload: ({ query }) => query },
    response: { status: 200, description: 'Страница списка', schema: named('ProductList', ProductList) },
    summary: 'Товары организации',
    description: 'Поиск по наименованию, штрихкоду и артикулу; `categoryId` — товары категории и всех её подкатегорий, `categoryId=none` — товары без категории; `unitId` — товары в этой единице измерения; `sort`: `name` (по умолчанию), `price` — сначала дешёвые, с минусом (`-price`) — в обратном порядке; страницы по `limit` и `cursor`; `total` считается для первой страницы, следующие повторяют его.',
  }),
  add: route({
    ...common,
    method: 'post',
    path: PATH,
    access: 'catalog:write',
    body: named('AddProductRequest', AddProductRequest),
    idempotencyScope: 'catalog-products',
    forward: {
      subject: CatalogSubjects.AddProduct,
      seed: () => ({ productId: randomUUID() }),
      payload: ({ seed, body }) => ({ productId: seed.productId, product: body }),
    },
    response: { status: 201, description: 'Товар добавлен', schema: Product },
    problems: [409],
    summary: 'Добавить товар',
    description: 'Цена — в копейках (целое число). Единица измерения и категория — этой организации (409, поле `unitId` или `categoryId`). Штрихкоды EAN-8, UPC-A и EAN-13 проверяются по контрольной цифре; штрихкод и артикул уникальны в организации (409 называет товар, у которого они уже есть). Ставки НДС 20% и 20/120 с 1 января 2026 года не принимаются.',
  }),
  get: route({
    ...common,
    method: 'get',
    path: `${PATH}/{id}`,
    access: 'catalog:read',
    id,
    forward: { subject: CatalogSubjects.GetProduct, payload: ({ id }) => ({ productId: id }) },
    response: { status: 200, description: 'Товар', schema: Product },
    summary: 'Товар',
    description: 'Карточка товара.',
  }),
  update: route({
    ...common,
    method: 'put',
    path: `${PATH}/{id}`,
    access: 'catalog:write',
    id,
    idempotencyScope: 'catalog-products',
    body: named('UpdateProductRequest', UpdateProductRequest),
    forward: { subject: CatalogSubjects.UpdateProduct, payload: ({ id, body }) => ({ productId: id, product: body }) },
    response: { status: 200, description: 'Товар изменён', schema: Product },
    problems: [409],
    summary: 'Изменить товар',
    description: 'Вся карточка заново и `expectedVersion` — версия, которую видел клиент (устаревшая — 409). Правила те же, что при добавлении.',
  }),
  delete: route({
    ...common,
    method: 'delete',
    path: `${PATH}/{id}`,
    access: 'catalog:write',
    id,
    idempotencyScope: 'catalog-products',
    headers: ifMatchHeaders('If-Match: версия товара, которую вы видели (целое число)'),
    forward: { subject: CatalogSubjects.DeleteProduct, payload: ({ id, headers }) => ({ productId: id, expectedVersion: headers['if-match'] }) },
    response: { status: 204, description: 'Товар удалён' },
    problems: [409],
    summary: 'Удалить товар',
    description: IF_MATCH_DESCRIPTION,
  }),
  bulk: route({
    ...common,
    method: 'post',
    path: `${PATH}/bulk`,
    access: 'catalog:write',
    body: named('BulkProductsRequest', BulkProductsRequest),
    idempotencyScope: 'catalog-products-bulk',
    forward: { subject: CatalogSubjects.ChangeProductsInBulk, timeoutMs: BULK_TIMEOUT_MS, payload: ({ body }) => body },
    response: bulkResponse('Какие товары изменены, какие нет и почему'),
    problems: [409],
    summary: 'Действие над выбранными товарами',
    description: `Одно действие над товарами (до ${MAX_BULK_IDS}, каждый с версией, которую видел клиент): \`delete\` — удалить, \`move-to-category\` — переместить в категорию (\`categoryId: null\` — без категории), \`set-vat\` — установить НДС, \`set-unit\` — установить единицу измерения, \`change-price\` — изменить цену на процент (\`by: percent\`) или на сумму в копейках (\`by: amount\`), вверх (\`up\`) или вниз (\`down\`; процент округляется до копейки). Каждый товар решается сам по себе: \`refused\` называет отказанные и причину (не найден — в том числе товар другой организации, изменён после того, как его выбрали, цена вышла бы за пределы 0 — 999 999 999,99 ₽), остальные изменены (\`applied\`). Несуществующая единица или категория — 409, ничего не изменено. В истории каждого товара изменение отмечено как массовое.`,
  }),
  history: route({
    ...common,
    method: 'get',
    path: `${PATH}/{id}/history`,
    access: 'catalog:read',
    id,
    forward: { subject: CatalogSubjects.GetProductHistory, payload: ({ id }) => ({ productId: id }) },
    response: HistoryResponse,
    summary: 'История изменений товара',
    description: 'Кто, когда и что изменил, из потока событий товара; цена — в копейках.',
  }),
};
