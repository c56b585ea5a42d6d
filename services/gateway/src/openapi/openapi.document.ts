import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import {
  AddLegalEntityRequest,
  ChangePasswordRequest,
  History,
  LegalEntityList,
  LegalEntityView,
  ListQuery,
  UpdateLegalEntityRequest,
  AddSalesPointRequest,
  SalesPointList,
  SalesPointView,
  SetPaymentMethodsRequest,
  UpdateSalesPointRequest,
  AddEmployeeRequest,
  ConfirmEmployeePhoneRequest,
  EmployeeList,
  EmployeeView,
  PinSent,
  UpdatedEmployee,
  UpdateEmployeeRequest,
  AddUnitRequest,
  UnitList,
  UnitView,
  UpdateUnitRequest,
  AddCategoryRequest,
  CategoryList,
  CategoryView,
  UpdateCategoryRequest,
  AddProductRequest,
  ProductImportProgressView,
  MAX_LISTED_FILE_PROBLEMS,
  ProductImportReport,
  ProductList,
  ProductListQuery,
  ProductView,
  UpdateProductRequest,
  DevSmsList,
  LoginRequest,
  MeResponse,
  PasswordResetConfirm,
  PasswordResetRequest,
  ProblemDetails,
  SignUpRequest,
  SignUpResponse,
  AccessTokenResponse,
  CSRF_HEADER,
  REFRESH_COOKIE,
} from '@elk/contracts';
import { z } from 'zod';
import { CategoryIfMatchHeaders, DeleteCategoryQuery } from '../catalog/categories.http-controller';
import { MAX_PRODUCT_FILE_COLUMNS, MAX_PRODUCT_FILE_LINES, MAX_WORKBOOK_PARTS, MAX_WORKBOOK_UNPACKED_BYTES, PRODUCT_FILE_CONTENT_TYPES } from '../catalog/product-file-formats';
import { PRODUCT_FILE_BODY_LIMIT_BYTES, ProductExportQuery, ProductImportQuery } from '../catalog/product-files.http-controller';
import { ProductIfMatchHeaders } from '../catalog/products.http-controller';
import { UnitIfMatchHeaders } from '../catalog/units.http-controller';
import { DevSmsQuery } from '../dev/dev-sms.http-controller';
import { EmployeeIfMatchHeaders } from '../employees/employees.http-controller';
import { HealthStatus } from '../health/health.http-controller';
import { IfMatchHeaders } from '../legal-entities/legal-entities.http-controller';
import { IdempotencyHeaders } from '../idempotency/idempotency.service';
import { SalesPointIfMatchHeaders } from '../sales-points/sales-points.http-controller';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const TAGS = [
  { name: 'auth', description: 'Регистрация, вход, обновление и завершение сессии, восстановление пароля' },
  { name: 'me', description: 'Личные данные вошедшего пользователя' },
  { name: 'legal-entities', description: 'Настройки → Юридические лица' },
  { name: 'sales-points', description: 'Настройки → Точки продаж и их способы оплаты' },
  { name: 'employees', description: 'Настройки → Сотрудники' },
  { name: 'catalog', description: 'Каталог: единицы измерения, категории и товары' },
  { name: 'dev', description: 'Инструменты разработчика (только во встроенном режиме или с ELK_DEV_OUTBOX=1)' },
  { name: 'service', description: 'Состояние сервиса и документация' },
];

let built: OpenApiDocument | undefined;

/** The cabinet API as one OpenAPI 3.1 document, built from the contracts' zod schemas (once per process). */
export function openApiDocument(): OpenApiDocument {
  built ??= buildOpenApiDocument();
  return built;
}

function buildOpenApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Токен доступа из ответа на вход, регистрацию или обновление сессии',
  });
  const refreshCookie = registry.registerComponent('securitySchemes', 'refreshCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: REFRESH_COOKIE.name,
    description: `Токен обновления: cookie HttpOnly; Secure; SameSite=Strict; Path=${REFRESH_COOKIE.path}, который ставят вход, регистрация и обновление сессии. Скриптам страницы он недоступен`,
  });
  // A schema with a meta id becomes a component that operations $ref. (`registry.register` needs
  // extendZodWithOpenApi to have run before the contracts built their schemas, which it cannot.)
  const schema = <S extends z.ZodType>(id: string, zodSchema: S) => zodSchema.meta({ id });
  const Problem = schema('ProblemDetails', ProblemDetails);
  const json = (zodSchema: z.ZodType) => ({ content: { 'application/json': { schema: zodSchema } } });
  const body = (zodSchema: z.ZodType) => ({ body: { required: true, ...json(zodSchema) } });

  const problemDescriptions: Record<number, string> = {
    400: 'Неверные данные: `errors` называет поля. Текст с символом U+0000 или половиной суррогатной пары UTF-16 не принимается ни в одном поле, параметре пути или запроса',
    401: 'Нет токена, токен неверен или сессия завершена',
    403: 'Роли не хватает прав',
    404: 'Не найдено',
    409: 'Нарушено правило (например, телефон уже зарегистрирован) или данные уже изменил кто-то другой',
    413: 'Тело запроса больше допустимого',
    422: 'Idempotency-Key уже использован с другим телом запроса',
    429: 'Слишком много попыток; `Retry-After` — через сколько секунд повторить',
    500: 'Внутренняя ошибка',
    503: 'Сервис временно недоступен',
  };
  const problems = (...statuses: number[]): Record<number, ResponseConfig> =>
    Object.fromEntries(
      [...statuses, 500, 503].map((status) => [
        status,
        {
          description: problemDescriptions[status] ?? 'Ошибка',
          content: { 'application/problem+json': { schema: Problem } },
          ...(status === 429 ? { headers: { 'Retry-After': { description: 'Секунд до следующей попытки', schema: { type: 'integer' } } } } : {}),
        } satisfies ResponseConfig,
      ]),
    );
  const secured = { security: [{ [bearer.name]: [] }] };
  const route = (config: RouteConfig) => registry.registerPath(config);

  const Tokens = schema('AccessTokenResponse', AccessTokenResponse);
  const setsRefreshCookie = {
    headers: { 'Set-Cookie': { description: `Новый токен обновления в cookie ${REFRESH_COOKIE.name} (HttpOnly; Secure; SameSite=Strict; Path=${REFRESH_COOKIE.path})`, schema: { type: 'string' as const } } },
  };
  route({
    method: 'post',
    path: '/api/v1/auth/sign-up',
    tags: ['auth'],
    summary: 'Регистрация организации и её владельца',
    description: 'Создаёт организацию и учётную запись владельца и сразу входит. С одинаковым `Idempotency-Key` и телом повтор возвращает первый ответ.',
    request: { headers: IdempotencyHeaders, ...body(schema('SignUpRequest', SignUpRequest)) },
    responses: { 201: { description: 'Организация создана: токен доступа в теле, токен обновления в cookie', ...setsRefreshCookie, ...json(schema('SignUpResponse', SignUpResponse)) }, ...problems(400, 409, 413, 422, 429) },
  });
  route({
    method: 'post',
    path: '/api/v1/auth/login',
    tags: ['auth'],
    summary: 'Вход по телефону или email',
    request: body(schema('LoginRequest', LoginRequest)),
    responses: { 200: { description: 'Токен доступа в теле, токен обновления в cookie', ...setsRefreshCookie, ...json(Tokens) }, ...problems(400, 401, 413, 429) },
  });
  route({
    method: 'post',
    path: '/api/v1/auth/refresh',
    tags: ['auth'],
    summary: 'Новый токен доступа по токену обновления из cookie',
    description: `Тела нет. Токен обновления одноразовый: ответ ставит новый в cookie. Заголовок ${CSRF_HEADER} (любое значение) защищает от подделки запроса с чужого сайта: без него 403.`,
    security: [{ [refreshCookie.name]: [] }],
    request: { headers: z.object({ [CSRF_HEADER.toLowerCase()]: z.string().min(1).meta({ description: 'Защита от CSRF: любое непустое значение' }) }) },
    responses: { 200: { description: 'Новый токен доступа в теле, новый токен обновления в cookie', ...setsRefreshCookie, ...json(Tokens) }, ...problems(401, 403) },
  });
  route({
    method: 'post',
    path: '/api/v1/auth/logout',
    tags: ['auth'],
    summary: 'Выход: завершает текущую сессию',
    ...secured,
    responses: { 204: { description: 'Сессия завершена, cookie с токеном обновления стёрт' }, ...problems(401) },
  });
  route({
    method: 'post',
    path: '/api/v1/auth/password-reset/request',
    tags: ['auth'],
    summary: 'Запрос кода для восстановления пароля',
    description: 'Ответ всегда 202, зарегистрирован номер или нет: SMS с кодом приходит только на зарегистрированный.',
    request: body(schema('PasswordResetRequest', PasswordResetRequest)),
    responses: { 202: { description: 'Если номер зарегистрирован, на него отправлен код' }, ...problems(400, 413, 429) },
  });
  route({
    method: 'post',
    path: '/api/v1/auth/password-reset/confirm',
    tags: ['auth'],
    summary: 'Новый пароль по коду из SMS',
    request: body(schema('PasswordResetConfirm', PasswordResetConfirm)),
    responses: { 204: { description: 'Пароль изменён' }, ...problems(400, 413, 429) },
  });
  route({
    method: 'get',
    path: '/api/v1/me',
    tags: ['me'],
    summary: 'Личные данные',
    ...secured,
    responses: { 200: { description: 'Учётная запись и организация', ...json(schema('MeResponse', MeResponse)) }, ...problems(401) },
  });
  route({
    method: 'post',
    path: '/api/v1/me/password',
    tags: ['me'],
    summary: 'Смена пароля',
    ...secured,
    description: 'Неверные текущие пароли считаются вместе с неудачными входами в эту учётную запись с того же адреса: после лимита — 429.',
    request: body(schema('ChangePasswordRequest', ChangePasswordRequest)),
    responses: { 204: { description: 'Пароль изменён' }, ...problems(400, 401, 413, 429) },
  });
  const HistorySchema = schema('History', History);
  const LegalEntity = schema('LegalEntityView', LegalEntityView);
  const legalEntityPath = { params: z.object({ id: z.string().meta({ description: 'Идентификатор юридического лица (uuid)' }) }) };
  route({
    method: 'get',
    path: '/api/v1/legal-entities',
    tags: ['legal-entities'],
    summary: 'Юридические лица организации',
    description: 'Поиск по названию и ИНН; страницы по `limit` и `cursor` (`nextCursor` предыдущего ответа).',
    ...secured,
    request: { query: ListQuery },
    responses: { 200: { description: 'Страница списка', ...json(schema('LegalEntityList', LegalEntityList)) }, ...problems(400, 401, 403) },
  });
  route({
    method: 'post',
    path: '/api/v1/legal-entities',
    tags: ['legal-entities'],
    summary: 'Добавить юридическое лицо',
    description:
      'Система налогообложения в организации одна: первое юридическое лицо её задаёт, другая у следующих — 409 с ошибкой поля `taxSystem`. ИНН в организации уникален (409, поле `inn`). Токен Честного Знака хранится зашифрованным и показывается только маской.',
    ...secured,
    request: { headers: IdempotencyHeaders, ...body(schema('AddLegalEntityRequest', AddLegalEntityRequest)) },
    responses: { 201: { description: 'Юридическое лицо добавлено', ...json(LegalEntity) }, ...problems(400, 401, 403, 409, 413, 422) },
  });
  route({
    method: 'get',
    path: '/api/v1/legal-entities/{id}',
    tags: ['legal-entities'],
    summary: 'Юридическое лицо',
    ...secured,
    request: legalEntityPath,
    responses: { 200: { description: 'Карточка юридического лица', ...json(LegalEntity) }, ...problems(401, 403, 404) },
  });
  route({
    method: 'put',
    path: '/api/v1/legal-entities/{id}',
    tags: ['legal-entities'],
    summary: 'Изменить юридическое лицо',
    description:
      'Вся карточка заново и `expectedVersion` — версия, которую видел клиент (устаревшая — 409). Без `chestnyZnakToken` токен остаётся прежним, `null` удаляет его. Другая система налогообложения, чем у остальных юридических лиц, — 409 с ошибкой поля `taxSystem`; с `changeTaxSystemForAll: true` она сменится у всех юридических лиц организации одним изменением.',
    ...secured,
    request: { ...legalEntityPath, ...body(schema('UpdateLegalEntityRequest', UpdateLegalEntityRequest)) },
    responses: { 200: { description: 'Юридическое лицо изменено', ...json(LegalEntity) }, ...problems(400, 401, 403, 404, 409, 413) },
  });
  route({
    method: 'delete',
    path: '/api/v1/legal-entities/{id}',
    tags: ['legal-entities'],
    summary: 'Удалить юридическое лицо',
    description: '`If-Match: <версия>` необязателен; устаревшая версия — 409.',
    ...secured,
    request: { ...legalEntityPath, headers: IfMatchHeaders },
    responses: { 204: { description: 'Юридическое лицо удалено' }, ...problems(400, 401, 403, 404, 409) },
  });
  route({
    method: 'get',
    path: '/api/v1/legal-entities/{id}/history',
    tags: ['legal-entities'],
    summary: 'История изменений юридического лица',
    description: 'Кто, когда и что изменил, из потока событий. Токен Честного Знака показывается только как «изменён».',
    ...secured,
    request: legalEntityPath,
    responses: { 200: { description: 'Записи истории, старые первыми', ...json(HistorySchema) }, ...problems(401, 403, 404) },
  });
  const SalesPoint = schema('SalesPointView', SalesPointView);
  const salesPointPath = { params: z.object({ id: z.string().meta({ description: 'Идентификатор точки продаж (uuid)' }) }) };
  route({
    method: 'get',
    path: '/api/v1/sales-points',
    tags: ['sales-points'],
    summary: 'Точки продаж организации',
    description: 'Поиск по наименованию и фактическому адресу (без учёта регистра); страницы по `limit` и `cursor` (`nextCursor` предыдущего ответа).',
    ...secured,
    request: { query: ListQuery },
    responses: { 200: { description: 'Страница списка', ...json(schema('SalesPointList', SalesPointList)) }, ...problems(400, 401, 403) },
  });
  route({
    method: 'post',
    path: '/api/v1/sales-points',
    tags: ['sales-points'],
    summary: 'Добавить точку продаж',
    description:
      'Юридическое лицо — одно из юридических лиц организации (иначе 409 с ошибкой поля `legalEntityId`). Способы оплаты новой точки: наличные и карта у всех ролей, кроме Гостя.',
    ...secured,
    request: { headers: IdempotencyHeaders, ...body(schema('AddSalesPointRequest', AddSalesPointRequest)) },
    responses: { 201: { description: 'Точка продаж добавлена', ...json(SalesPoint) }, ...problems(400, 401, 403, 409, 413, 422) },
  });
  route({
    method: 'get',
    path: '/api/v1/sales-points/{id}',
    tags: ['sales-points'],
    summary: 'Точка продаж',
    ...secured,
    request: salesPointPath,
    responses: { 200: { description: 'Карточка точки продаж', ...json(SalesPoint) }, ...problems(401, 403, 404) },
  });
  route({
    method: 'put',
    path: '/api/v1/sales-points/{id}',
    tags: ['sales-points'],
    summary: 'Изменить точку продаж',
    description: 'Вся карточка заново и `expectedVersion` — версия, которую видел клиент (устаревшая — 409). Способы оплаты меняются отдельно.',
    ...secured,
    request: { ...salesPointPath, ...body(schema('UpdateSalesPointRequest', UpdateSalesPointRequest)) },
    responses: { 200: { description: 'Точка продаж изменена', ...json(SalesPoint) }, ...problems(400, 401, 403, 404, 409, 413) },
  });
  route({
    method: 'put',
    path: '/api/v1/sales-points/{id}/payment-methods',
    tags: ['sales-points'],
    summary: 'Настроить способы оплаты',
    description: 'Вся таблица «роль → способы оплаты» одним изменением, с `expectedVersion` (устаревшая — 409). Гостю способы оплаты не назначаются (400, поле `paymentMethods.guest`).',
    ...secured,
    request: { ...salesPointPath, ...body(schema('SetPaymentMethodsRequest', SetPaymentMethodsRequest)) },
    responses: { 200: { description: 'Способы оплаты сохранены', ...json(SalesPoint) }, ...problems(400, 401, 403, 404, 409, 413) },
  });
  route({
    method: 'delete',
    path: '/api/v1/sales-points/{id}',
    tags: ['sales-points'],
    summary: 'Удалить точку продаж',
    description: '`If-Match: <версия>` необязателен; устаревшая версия — 409.',
    ...secured,
    request: { ...salesPointPath, headers: SalesPointIfMatchHeaders },
    responses: { 204: { description: 'Точка продаж удалена' }, ...problems(400, 401, 403, 404, 409) },
  });
  route({
    method: 'get',
    path: '/api/v1/sales-points/{id}/history',
    tags: ['sales-points'],
    summary: 'История изменений точки продаж',
    description: 'Кто, когда и что изменил, из потока событий точки продаж.',
    ...secured,
    request: salesPointPath,
    responses: { 200: { description: 'Записи истории, старые первыми', ...json(HistorySchema) }, ...problems(401, 403, 404) },
  });
  const Employee = schema('EmployeeView', EmployeeView);
  const employeePath = { params: z.object({ id: z.string().meta({ description: 'Идентификатор сотрудника (uuid), он же — его учётной записи' }) }) };
  route({
    method: 'get',
    path: '/api/v1/employees',
    tags: ['employees'],
    summary: 'Сотрудники организации',
    description: 'Поиск по ФИО, эл. почте и телефону (телефон — в любом написании: «912 345», «+7 912…», «8912…»); по ФИО; страницы по `limit` и `cursor`.',
    ...secured,
    request: { query: ListQuery },
    responses: { 200: { description: 'Страница списка', ...json(schema('EmployeeList', EmployeeList)) }, ...problems(400, 401, 403) },
  });
  route({
    method: 'post',
    path: '/api/v1/employees',
    tags: ['employees'],
    summary: 'Добавить сотрудника',
    description:
      'Создаёт учётную запись сотрудника (пароль он задаёт через «восстановить пароль» по SMS) и отправляет ему по SMS PIN-код из 4 цифр для приложения на кассе. Телефон и эл. почта уникальны (409, поле `phone` или `email`); роль «Владелец» не даётся (409, поле `role`).',
    ...secured,
    request: { headers: IdempotencyHeaders, ...body(schema('AddEmployeeRequest', AddEmployeeRequest)) },
    responses: { 201: { description: 'Сотрудник добавлен, PIN-код отправлен', ...json(Employee) }, ...problems(400, 401, 403, 409, 413, 422, 429) },
  });
  route({
    method: 'get',
    path: '/api/v1/employees/{id}',
    tags: ['employees'],
    summary: 'Сотрудник',
    ...secured,
    request: employeePath,
    responses: { 200: { description: 'Карточка сотрудника', ...json(Employee) }, ...problems(401, 403, 404) },
  });
  route({
    method: 'put',
    path: '/api/v1/employees/{id}',
    tags: ['employees'],
    summary: 'Изменить сотрудника',
    description:
      'Вся карточка заново и `expectedVersion` — версия, которую видел клиент (устаревшая — 409). Новая роль действует с первого же запроса сотрудника. Владельца изменяет только он сам (иначе 403); его роль не меняется, а роль «Владелец» никому не даётся (409, поле `role`). Телефон — это логин: новый телефон не меняется сразу — на него уходит SMS с кодом, на прежний — SMS о смене, а в ответе `pendingPhone`; телефон в карточке меняется после ввода кода (`POST /api/v1/employees/{id}/phone-confirmation`).',
    ...secured,
    request: { ...employeePath, ...body(schema('UpdateEmployeeRequest', UpdateEmployeeRequest)) },
    responses: { 200: { description: 'Сотрудник изменён', ...json(schema('UpdatedEmployee', UpdatedEmployee)) }, ...problems(400, 401, 403, 404, 409, 413, 429, 503) },
  });
  route({
    method: 'post',
    path: '/api/v1/employees/{id}/phone-confirmation',
    tags: ['employees'],
    summary: 'Подтвердить новый телефон сотрудника',
    description:
      'Код из SMS, отправленного на новый телефон при изменении карточки, и сам этот телефон: он становится логином сотрудника и телефоном в карточке. Код действует 10 минут и один раз; после 5 неверных попыток нужен новый код (сохраните карточку с новым телефоном ещё раз). Неверный код — 400, поле `code`.',
    ...secured,
    request: { ...employeePath, ...body(schema('ConfirmEmployeePhoneRequest', ConfirmEmployeePhoneRequest)) },
    responses: { 200: { description: 'Телефон изменён', ...json(Employee) }, ...problems(400, 401, 403, 404, 409, 413) },
  });
  route({
    method: 'delete',
    path: '/api/v1/employees/{id}',
    tags: ['employees'],
    summary: 'Удалить сотрудника',
    description: 'Сессии сотрудника завершаются сразу, его телефон и эл. почта освобождаются. Владельца и самого себя удалить нельзя (409). `If-Match: <версия>` необязателен; устаревшая версия — 409.',
    ...secured,
    request: { ...employeePath, headers: EmployeeIfMatchHeaders },
    responses: { 204: { description: 'Сотрудник удалён' }, ...problems(400, 401, 403, 404, 409) },
  });
  route({
    method: 'post',
    path: '/api/v1/employees/{id}/pin',
    tags: ['employees'],
    summary: 'Отправить новый PIN-код',
    description: 'Новый PIN-код из 4 цифр заменяет прежний и уходит по SMS на телефон сотрудника. Владельцу отправляет только он сам (иначе 403).',
    ...secured,
    request: employeePath,
    responses: { 200: { description: 'PIN-код отправлен', ...json(schema('PinSent', PinSent)) }, ...problems(401, 403, 404) },
  });
  route({
    method: 'get',
    path: '/api/v1/employees/{id}/history',
    tags: ['employees'],
    summary: 'История изменений сотрудника',
    description: 'Кто, когда и что изменил, из потока событий; отправка PIN-кода — запись `pin-sent` (сам PIN-код не хранится и не показывается).',
    ...secured,
    request: employeePath,
    responses: { 200: { description: 'Записи истории, старые первыми', ...json(HistorySchema) }, ...problems(401, 403, 404) },
  });
  /** What a catalog resource's six routes say, each in its own words; `delete` also says how to ask for the delete. */
  interface CatalogResource {
    path: string;
    idDescription: string;
    schemas: { view: z.ZodType; list: z.ZodType; listQuery: z.ZodObject; add: z.ZodType; update: z.ZodType };
    list: { summary: string; description: string };
    add: { summary: string; description: string; done: string };
    card: { summary: string; description: string };
    update: { summary: string; description: string; done: string };
    delete: { summary: string; description: string; done: string; request: Pick<NonNullable<RouteConfig['request']>, 'headers' | 'query'> };
    history: { summary: string; description: string };
  }
  const catalogRoutes = (resource: CatalogResource) => {
    const tags = ['catalog'];
    const item = `${resource.path}/{id}`;
    const params = { params: z.object({ id: z.string().meta({ description: resource.idDescription }) }) };
    const { view, list, listQuery, add, update } = resource.schemas;
    const about = ({ summary, description }: { summary: string; description: string }) => ({ tags, summary, description, ...secured });
    route({ method: 'get', path: resource.path, ...about(resource.list), request: { query: listQuery }, responses: { 200: { description: 'Страница списка', ...json(list) }, ...problems(400, 401, 403) } });
    route({
      method: 'post',
      path: resource.path,
      ...about(resource.add),
      request: { headers: IdempotencyHeaders, ...body(add) },
      responses: { 201: { description: resource.add.done, ...json(view) }, ...problems(400, 401, 403, 409, 413, 422) },
    });
    route({ method: 'get', path: item, ...about(resource.card), request: params, responses: { 200: { description: resource.card.summary, ...json(view) }, ...problems(401, 403, 404) } });
    route({
      method: 'put',
      path: item,
      ...about(resource.update),
      request: { ...params, ...body(update) },
      responses: { 200: { description: resource.update.done, ...json(view) }, ...problems(400, 401, 403, 404, 409, 413) },
    });
    route({
      method: 'delete',
      path: item,
      ...about(resource.delete),
      request: { ...params, ...resource.delete.request },
      responses: { 204: { description: resource.delete.done }, ...problems(400, 401, 403, 404, 409) },
    });
    route({ method: 'get', path: `${item}/history`, ...about(resource.history), request: params, responses: { 200: { description: 'Записи истории, старые первыми', ...json(HistorySchema) }, ...problems(401, 403, 404) } });
  };
  const IF_MATCH_DESCRIPTION = '`If-Match: <версия>` необязателен; устаревшая версия — 409.';
  catalogRoutes({
    path: '/api/v1/catalog/units',
    idDescription: 'Идентификатор единицы измерения (uuid)',
    schemas: {
      view: schema('UnitView', UnitView),
      list: schema('UnitList', UnitList),
      listQuery: ListQuery,
      add: schema('AddUnitRequest', AddUnitRequest),
      update: schema('UpdateUnitRequest', UpdateUnitRequest),
    },
    list: {
      summary: 'Единицы измерения организации',
      description: 'С регистрации в организации есть 24 единицы ФФД 1.2 (тег 2108). Поиск по наименованию и сокращению (без учёта регистра); страницы по `limit` и `cursor`.',
    },
    add: {
      summary: 'Добавить единицу измерения',
      description: 'Наименование и сокращение уникальны в организации без учёта регистра (409 с ошибкой поля `name` или `shortName`); код по ФФД — одна из мер количества тега 2108 (0, 10–12, 20–22, 30–32, 40–42, 50–51, 70–73, 80–83, 255), иначе 400.',
      done: 'Единица измерения добавлена',
    },
    card: { summary: 'Единица измерения', description: 'Карточка единицы измерения.' },
    update: {
      summary: 'Изменить единицу измерения',
      description: 'Вся карточка заново и `expectedVersion` — версия, которую видел клиент (устаревшая — 409). Наименование и сокращение по-прежнему уникальны.',
      done: 'Единица измерения изменена',
    },
    delete: {
      summary: 'Удалить единицу измерения',
      description: `Единицу, указанную в товарах, удалить нельзя (409, товары названы). ${IF_MATCH_DESCRIPTION}`,
      done: 'Единица измерения удалена',
      request: { headers: UnitIfMatchHeaders },
    },
    history: { summary: 'История изменений единицы измерения', description: 'Кто, когда и что изменил, из потока событий; единицы набора ФФД добавлены системой.' },
  });
  catalogRoutes({
    path: '/api/v1/catalog/categories',
    idDescription: 'Идентификатор категории (uuid)',
    schemas: {
      view: schema('CategoryView', CategoryView),
      list: schema('CategoryList', CategoryList),
      listQuery: ListQuery,
      add: schema('AddCategoryRequest', AddCategoryRequest),
      update: schema('UpdateCategoryRequest', UpdateCategoryRequest),
    },
    list: {
      summary: 'Категории организации',
      description: 'Все уровни дерева сразу: `parentId` каждой категории — её родительская (`null` — верхний уровень). Поиск по наименованию; страницы по `limit` и `cursor`.',
    },
    add: {
      summary: 'Добавить категорию',
      description: 'Без `parentId` категория встаёт на верхний уровень. Родитель — категория этой организации (409, поле `parentId`); наименование уникально среди категорий одного родителя (409, поле `name`).',
      done: 'Категория добавлена',
    },
    card: { summary: 'Категория', description: 'Карточка категории.' },
    update: {
      summary: 'Изменить категорию',
      description:
        'Вся карточка заново и `expectedVersion` — версия, которую видел клиент (устаревшая — 409). Новый `parentId` переносит категорию со всеми подкатегориями; в саму себя или в свою подкатегорию — нельзя (409, поле `parentId`).',
      done: 'Категория изменена',
    },
    delete: {
      summary: 'Удалить категорию',
      description: `Категорию с товарами или подкатегориями удалить нельзя (409, они названы), если не указан \`mode=move-contents-up\`: тогда подкатегории тем же изменением переходят на уровень выше, а товары категории — в её родительскую категорию (у категории верхнего уровня — в общий список), каждый своим изменением в истории товара. ${IF_MATCH_DESCRIPTION}`,
      done: 'Категория удалена',
      request: { query: DeleteCategoryQuery, headers: CategoryIfMatchHeaders },
    },
    history: { summary: 'История изменений категории', description: 'Кто, когда и что изменил, из потока событий категорий; перенос — изменение поля `parentId`.' },
  });
  catalogRoutes({
    path: '/api/v1/catalog/products',
    idDescription: 'Идентификатор товара (uuid)',
    schemas: {
      view: schema('ProductView', ProductView),
      list: schema('ProductList', ProductList),
      listQuery: ProductListQuery,
      add: schema('AddProductRequest', AddProductRequest),
      update: schema('UpdateProductRequest', UpdateProductRequest),
    },
    list: {
      summary: 'Товары организации',
      description:
        'Поиск по наименованию, штрихкоду и артикулу; `categoryId` — товары категории и всех её подкатегорий; `sort=name` (по умолчанию) или `sort=price` — сначала дешёвые; страницы по `limit` и `cursor`.',
    },
    add: {
      summary: 'Добавить товар',
      description:
        'Цена — в копейках (целое число). Единица измерения и категория — этой организации (409, поле `unitId` или `categoryId`). Штрихкоды EAN-8, UPC-A и EAN-13 проверяются по контрольной цифре; штрихкод и артикул уникальны в организации (409 называет товар, у которого они уже есть). Ставки НДС 20% и 20/120 с 1 января 2026 года не принимаются.',
      done: 'Товар добавлен',
    },
    card: { summary: 'Товар', description: 'Карточка товара.' },
    update: {
      summary: 'Изменить товар',
      description: 'Вся карточка заново и `expectedVersion` — версия, которую видел клиент (устаревшая — 409). Правила те же, что при добавлении.',
      done: 'Товар изменён',
    },
    delete: { summary: 'Удалить товар', description: IF_MATCH_DESCRIPTION, done: 'Товар удалён', request: { headers: ProductIfMatchHeaders } },
    history: { summary: 'История изменений товара', description: 'Кто, когда и что изменил, из потока событий товара; цена — в копейках.' },
  });
  route({
    method: 'get',
    path: '/api/v1/catalog/products/export',
    tags: ['catalog'],
    summary: 'Выгрузить товары в файл',
    description:
      'Весь список с теми же фильтрами, что и `GET /api/v1/catalog/products` (без страниц), файлом CSV (UTF-8 с BOM, разделитель «;») или Excel (.xlsx). Столбцы те же, что принимает импорт: выгруженный файл загружается обратно без изменений. Текст, который таблица приняла бы за формулу (начинается с «=», «+», «-», «@», табуляции или возврата каретки), в CSV записывается с апострофом впереди; импорт апостроф снимает.',
    request: { query: ProductExportQuery },
    ...secured,
    responses: {
      200: {
        description: 'Файл; имя — в `Content-Disposition`',
        content: { [PRODUCT_FILE_CONTENT_TYPES.csv]: { schema: z.string() }, [PRODUCT_FILE_CONTENT_TYPES.xlsx]: { schema: z.string().meta({ format: 'binary' }) } },
      },
      ...problems(400, 401, 403),
    },
  });
  route({
    method: 'post',
    path: '/api/v1/catalog/products/import',
    tags: ['catalog'],
    summary: 'Загрузить товары из файла',
    description: `Тело — сам файл CSV (разделитель «;» или «,», UTF-8 или Windows-1251) или Excel (.xlsx, первый лист), до ${PRODUCT_FILE_BODY_LIMIT_BYTES / 1024 / 1024} МБ; первая строка — заголовки столбцов. Товар находится по артикулу, затем по штрихкоду, без них — по наименованию: найденный изменяется, остальные добавляются. \`apply=false\` (по умолчанию) — только проверка, ничего не записывается. Строки с ошибками пропускаются; \`errors\` называет строку файла (заголовок — строка 1) и столбец. 400 — без обязательного столбца, со столбцами сверх ${MAX_PRODUCT_FILE_COLUMNS} или строками сверх ${MAX_PRODUCT_FILE_LINES}, с текстом, который нельзя сохранить (символ NUL), и для файла Excel больше чем из ${MAX_WORKBOOK_PARTS} частей или больше ${MAX_WORKBOOK_UNPACKED_BYTES / 1024 / 1024} МБ после распаковки; ошибки файла перечислены первые ${MAX_LISTED_FILE_PROBLEMS}, остальные сосчитаны. Если загрузка прервалась после записанных пакетов, ошибка называет строку, на которой она остановилась, и что записано до неё: повторная загрузка того же файла их не изменит.`,
    request: {
      query: ProductImportQuery,
      body: { required: true, content: { [PRODUCT_FILE_CONTENT_TYPES.csv]: { schema: z.string() }, [PRODUCT_FILE_CONTENT_TYPES.xlsx]: { schema: z.string().meta({ format: 'binary' }) } } },
    },
    ...secured,
    responses: { 200: { description: 'Сколько строк добавлено, изменено, без изменений и с ошибками', ...json(schema('ProductImportReport', ProductImportReport)) }, ...problems(400, 401, 403, 409, 413) },
  });
  route({
    method: 'get',
    path: '/api/v1/catalog/products/import/{id}',
    tags: ['catalog'],
    summary: 'Ход загрузки товаров из файла',
    description:
      'Для загрузки, начатой с `importId`: сколько строк обработано из скольких. Известен, пока загрузка идёт, и 10 минут после; хранится в памяти того экземпляра шлюза, который принял файл.',
    request: { params: z.object({ id: z.uuid().describe('importId, переданный при загрузке') }) },
    ...secured,
    responses: { 200: { description: 'Ход загрузки', ...json(schema('ProductImportProgress', ProductImportProgressView)) }, ...problems(401, 403, 404) },
  });
  route({
    method: 'get',
    path: '/api/v1/dev/sms',
    tags: ['dev'],
    summary: 'Отправленные SMS (dev outbox)',
    description: 'Открыт без токена: это инструмент разработчика, он есть только во встроенном режиме или с ELK_DEV_OUTBOX=1.',
    request: { query: DevSmsQuery },
    responses: { 200: { description: 'SMS, новые первыми', ...json(schema('DevSmsList', DevSmsList)) }, ...problems(400, 404) },
  });
  const Health = schema('HealthStatus', HealthStatus);
  route({ method: 'get', path: '/api/health', tags: ['service'], summary: 'Процесс жив', responses: { 200: { description: 'Жив', ...json(Health) } } });
  route({
    method: 'get',
    path: '/api/ready',
    tags: ['service'],
    summary: 'Готов принимать запросы: шина сообщений доступна',
    responses: { 200: { description: 'Готов', ...json(Health) }, ...problems() },
  });
  route({
    method: 'get',
    path: '/api/docs/openapi.json',
    tags: ['service'],
    summary: 'Этот документ (OpenAPI 3.1)',
    responses: { 200: { description: 'Документ OpenAPI', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } },
  });
  route({
    method: 'get',
    path: '/api/docs',
    tags: ['service'],
    summary: 'Документация API в виде страницы',
    responses: { 200: { description: 'HTML-страница', content: { 'text/html': { schema: z.string() } } } },
  });

  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'ELK — API личного кабинета',
      version: '1.0.0',
      description: 'Ошибки — RFC 9457 problem+json: `{type, title, status, detail, code, errors: [{path, message}]}`, сообщения на русском.',
    },
    tags: TAGS,
  });
  return withoutRegexFlags(document);
}

// zod-to-openapi 9.1 writes a /…/u regex as "…/u" in `pattern`; JSON Schema patterns take no flags.
function withoutRegexFlags<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withoutRegexFlags) as T;
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, key === 'pattern' && typeof value === 'string' ? value.replace(/\/[dgimsuvy]+$/, '') : withoutRegexFlags(value)]),
  ) as T;
}
