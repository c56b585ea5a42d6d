import { CatalogSubjects, MAX_LISTED_FILE_PROBLEMS, ProductImportProgressView, ProductImportReport, ProductListQuery } from '@elk/contracts';
import { z } from 'zod';
import { BULK_TIMEOUT_MS, bulkResponse } from '../routes/resource-routes';
import { named, route } from '../routes/route';
import {
  MAX_PRODUCT_FILE_COLUMNS,
  MAX_PRODUCT_FILE_LINES,
  MAX_WORKBOOK_PARTS,
  MAX_WORKBOOK_UNPACKED_BYTES,
  PRODUCT_FILE_BODY_LIMIT_BYTES,
  PRODUCT_FILE_CONTENT_TYPES,
  PRODUCT_FILE_FORMATS,
} from './product-file-formats';

export const ProductExportQuery = ProductListQuery.omit({ limit: true, cursor: true }).extend({
  format: z.enum(PRODUCT_FILE_FORMATS, { error: 'Формат файла: csv или xlsx' }).default('xlsx'),
});

export const ProductImportQuery = z.strictObject({
  importId: z.uuid({ error: 'importId — uuid, по которому узнают ход загрузки' }).optional(),
  apply: z
    .enum(['true', 'false'], { error: 'apply: true — загрузить, false — только проверить' })
    .default('false')
    .transform((apply) => apply === 'true'),
});

const PRODUCT_FILES = { [PRODUCT_FILE_CONTENT_TYPES.csv]: z.string(), [PRODUCT_FILE_CONTENT_TYPES.xlsx]: z.string().meta({ format: 'binary' }) };
const common = { tag: 'catalog' } as const;

/** Каталог → Все товары → Экспорт / Импорт: served by ProductFilesHttpController. */
export const ProductFileRoutes = {
  export: route({
    ...common,
    method: 'get',
    path: '/api/v1/catalog/products/export',
    access: 'catalog:read',
    query: ProductExportQuery,
    response: { status: 200, description: 'Файл; имя — в `Content-Disposition`', content: PRODUCT_FILES },
    summary: 'Выгрузить товары в файл',
    description:
      'Весь список с теми же фильтрами, что и `GET /api/v1/catalog/products` (без страниц), файлом CSV (UTF-8 с BOM, разделитель «;») или Excel (.xlsx). Столбцы те же, что принимает импорт: выгруженный файл загружается обратно без изменений. Текст, который таблица приняла бы за формулу (начинается с «=», «+», «-», «@», табуляции или возврата каретки), в CSV записывается с апострофом впереди; импорт апостроф снимает.',
  }),
  /** With `apply=false` the catalog only says what would happen. */
  import: route({
    ...common,
    method: 'post',
    path: '/api/v1/catalog/products/import',
    access: 'catalog:write',
    query: ProductImportQuery,
    upload: PRODUCT_FILES,
    response: { status: 200, description: 'Сколько строк добавлено, изменено, без изменений и с ошибками', schema: named('ProductImportReport', ProductImportReport) },
    problems: [409],
    summary: 'Загрузить товары из файла',
    description: `Тело — сам файл CSV (разделитель «;» или «,», UTF-8 или Windows-1251) или Excel (.xlsx, первый лист), до ${PRODUCT_FILE_BODY_LIMIT_BYTES / 1024 / 1024} МБ; первая строка — заголовки столбцов. Товар находится по артикулу, затем по штрихкоду, без них — по наименованию: найденный изменяется, остальные добавляются. \`apply=false\` (по умолчанию) — только проверка, ничего не записывается. Строки с ошибками пропускаются; \`errors\` называет строку файла (заголовок — строка 1) и столбец. 400 — без обязательного столбца, со столбцами сверх ${MAX_PRODUCT_FILE_COLUMNS} или строками сверх ${MAX_PRODUCT_FILE_LINES}, с текстом, который нельзя сохранить (символ NUL), и для файла Excel больше чем из ${MAX_WORKBOOK_PARTS} частей или больше ${MAX_WORKBOOK_UNPACKED_BYTES / 1024 / 1024} МБ после распаковки; ошибки файла перечислены первые ${MAX_LISTED_FILE_PROBLEMS}, остальные сосчитаны. Если загрузка прервалась после записанных пакетов, ошибка называет строку, на которой она остановилась, и что записано до неё: повторная загрузка того же файла их не изменит.`,
  }),
  /** While `POST …/import?importId=…` runs (and 10 minutes after), how far it got. */
  importProgress: route({
    ...common,
    method: 'get',
    path: '/api/v1/catalog/products/import/{id}',
    access: 'catalog:write',
    id: { description: 'importId, переданный при загрузке', notFound: 'Загрузка не найдена' },
    response: { status: 200, description: 'Ход загрузки', schema: named('ProductImportProgress', ProductImportProgressView) },
    summary: 'Ход загрузки товаров из файла',
    description:
      'Для загрузки, начатой с `importId`: сколько строк обработано из скольких. Известен, пока загрузка идёт, и 10 минут после; хранится в памяти того экземпляра шлюза, который принял файл (с Redis — у всех). Пока шлюз не прочёл файл (и для importId, с которым ничего не загружали), — `status: waiting`.',
  }),
  /** «Отменить импорт». */
  undoImport: route({
    ...common,
    method: 'post',
    path: '/api/v1/catalog/products/import/{id}/undo',
    access: 'catalog:write',
    id: { description: 'importId из ответа загрузки', notFound: 'Загрузка не найдена' },
    idempotencyScope: 'catalog-import-undo',
    forward: { subject: CatalogSubjects.UndoProductImport, timeoutMs: BULK_TIMEOUT_MS, payload: ({ id }) => ({ importId: id }) },
    response: bulkResponse('Какие товары загрузки возвращены, какие нет и почему'),
    summary: 'Отменить загрузку товаров из файла',
    description:
      'Товары, созданные загрузкой, удаляются; изменённые ею получают значения, которые были до неё. Товар, который после загрузки изменили или удалили, остаётся как есть и попадает в `refused` с причиной. Повторная отмена отвечает тем же и ничего не меняет. Загрузка, которая ничего не записала, или чужая — 404.',
  }),
};
