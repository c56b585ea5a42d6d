import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { CSRF_HEADER, POS_PROTOBUF_CONTENT_TYPE, ProblemDetails, REFRESH_COOKIE, TERMINAL_SESSION_HEADER } from '@elk/contracts';
import { z } from 'zod';
import { IdempotencyHeaders } from '../idempotency/idempotency.service';
import { needsSession, type RouteAccess, type RouteDeclaration } from '../routes/route';
import { API_ROUTES } from '../routes/route-table';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const TAGS = [
  { name: 'auth', description: 'Регистрация, вход, обновление и завершение сессии, восстановление пароля' },
  { name: 'me', description: 'Личные данные вошедшего пользователя' },
  { name: 'legal-entities', description: 'Настройки → Юридические лица' },
  { name: 'sales-points', description: 'Настройки → Точки продаж и их способы оплаты' },
  { name: 'employees', description: 'Настройки → Сотрудники' },
  { name: 'workplaces', description: 'Настройки → Рабочие места: коды активации и деактивация терминалов' },
  { name: 'pos-equipment', description: 'Настройки → POS оборудование: фискальные регистраторы и банковские терминалы, о которых сообщили терминалы' },
  { name: 'catalog', description: 'Каталог: единицы измерения, категории и товары' },
  { name: 'journals', description: 'Журналы: продажи и банковские транзакции, которые прислали терминалы' },
  { name: 'pos', description: 'API терминалов /pos/v1 (кассовые приложения): активация, настройки, вход кассира по PIN-коду, подключённое оборудование, продажи' },
  { name: 'dev', description: 'Инструменты разработчика (только во встроенном режиме или с ELK_DEV_OUTBOX=1)' },
  { name: 'service', description: 'Состояние сервиса и документация' },
];

let built: OpenApiDocument | undefined;

/** The cabinet API as one OpenAPI 3.1 document, built from the contracts' zod schemas (once per process). */
export function openApiDocument(): OpenApiDocument {
  built ??= buildOpenApiDocument(API_ROUTES);
  return built;
}

function buildOpenApiDocument(routes: readonly RouteDeclaration[]): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Токен доступа из ответа на вход, регистрацию или обновление сессии',
  });
  const deviceCredential = registry.registerComponent('securitySchemes', 'deviceCredential', {
    type: 'http',
    scheme: 'bearer',
    description: 'Учётные данные терминала из ответа на активацию (`elkd.…`): действуют, пока рабочее место активировано',
  });
  const terminalSession = registry.registerComponent('securitySchemes', 'terminalSession', {
    type: 'apiKey',
    in: 'header',
    name: TERMINAL_SESSION_HEADER,
    description: 'Токен сеанса кассира из ответа на вход по PIN-коду (`elkt.…`), вместе с учётными данными терминала: действует до конца смены (12 часов), выхода, смены роли или удаления сотрудника',
  });
  const refreshCookie = registry.registerComponent('securitySchemes', 'refreshCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: REFRESH_COOKIE.name,
    description: `Токен обновления: cookie HttpOnly; Secure; SameSite=Strict; Path=${REFRESH_COOKIE.path}, который ставят вход, регистрация и обновление сессии. Скриптам страницы он недоступен`,
  });
  /** The credentials each access takes (all of them, together); a permission or `session` takes the bearer token. */
  const schemesOf: Partial<Record<RouteAccess, string[]>> = {
    public: [],
    'refresh-cookie': [refreshCookie.name],
    device: [deviceCredential.name],
    'terminal-session': [deviceCredential.name, terminalSession.name],
  };
  // A schema with a meta id becomes a component that operations $ref (the declarations name theirs with `named`).
  // (`registry.register` needs extendZodWithOpenApi to have run before the contracts built their schemas, which it cannot.)
  const Problem = ProblemDetails.meta({ id: 'ProblemDetails' });

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
    503: 'Сервис временно недоступен; `Retry-After` — через сколько секунд повторить',
  };
  const problems = (...statuses: number[]): Record<number, ResponseConfig> =>
    Object.fromEntries(
      [...statuses, 500, 503].map((status) => [
        status,
        {
          description: problemDescriptions[status] ?? 'Ошибка',
          content: { 'application/problem+json': { schema: Problem } },
          ...(status === 429 || status === 503 ? { headers: { 'Retry-After': { description: 'Секунд до следующей попытки', schema: { type: 'integer' } } } } : {}),
        } satisfies ResponseConfig,
      ]),
    );
  const setsRefreshCookie = {
    'Set-Cookie': { description: `Новый токен обновления в cookie ${REFRESH_COOKIE.name} (HttpOnly; Secure; SameSite=Strict; Path=${REFRESH_COOKIE.path})`, schema: { type: 'string' as const } },
  };
  const csrfHeader = z.object({ [CSRF_HEADER.toLowerCase()]: z.string().min(1).meta({ description: 'Защита от CSRF: любое непустое значение' }) });
  const contentOf = (schemas: Record<string, z.ZodType>) => ({ content: Object.fromEntries(Object.entries(schemas).map(([type, schema]) => [type, { schema }])) });

  /** The protobuf form of a terminal API message (`proto/elk/pos/v1`). */
  const protobufContent = (message: { typeName: string } | undefined): Record<string, z.ZodType> =>
    message ? { [POS_PROTOBUF_CONTENT_TYPE]: z.string().meta({ format: 'binary', description: `Сообщение protobuf ${message.typeName} (proto/elk/pos/v1)` }) } : {};

  for (const declaration of routes) {
    const { method, path, access, id, query, body, upload, response, tag, summary, description } = declaration;
    const headers = [declaration.idempotencyScope === undefined ? undefined : IdempotencyHeaders, declaration.headers, access === 'refresh-cookie' ? csrfHeader : undefined].filter(
      (schema): schema is z.ZodObject => schema !== undefined,
    );
    const request: NonNullable<RouteConfig['request']> = {
      ...(id ? { params: z.object({ id: z.uuid().meta({ description: id.description }) }) } : {}),
      ...(query ? { query } : {}),
      ...(headers.length > 0 ? { headers: headers.length === 1 ? headers[0] : z.object(Object.assign({}, ...headers.map((schema) => schema.shape))) } : {}),
      ...(body ? { body: { required: true, ...contentOf({ 'application/json': body, ...protobufContent(declaration.protobuf?.request) }) } } : {}),
      ...(upload ? { body: { required: true, ...contentOf(upload) } } : {}),
    };
    const content = response.schema
      ? contentOf({ 'application/json': response.schema, ...protobufContent(declaration.protobuf?.response) })
      : response.content
        ? contentOf(response.content)
        : {};
    const schemes = schemesOf[access] ?? [bearer.name];
    const security = schemes.length === 0 ? [] : [Object.fromEntries(schemes.map((scheme) => [scheme, []]))];
    registry.registerPath({
      method,
      path,
      tags: [tag],
      summary,
      ...(description ? { description } : {}),
      ...(security.length > 0 ? { security } : {}),
      ...(Object.keys(request).length > 0 ? { request } : {}),
      responses: {
        [response.status]: { description: response.description, ...(response.setsRefreshCookie ? { headers: setsRefreshCookie } : {}), ...content },
        ...(declaration.problems === 'none' ? {} : problems(...problemStatusesOf(declaration))),
      },
    });
  }

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

/**
 * The problems a route answers: those its declaration implies (400 for input, 401 and 403 for a session and a permission,
 * 404 for an id, 413 for a body, 422 for an Idempotency-Key, 429 when throttled), those it names, and 500 and 503 always.
 */
function problemStatusesOf(declaration: RouteDeclaration): number[] {
  const { access } = declaration;
  const implied: Array<[boolean, number]> = [
    [Boolean(declaration.body ?? declaration.query ?? declaration.headers ?? declaration.upload) || declaration.idempotencyScope !== undefined, 400],
    [access !== 'public' && access !== 'refresh-cookie', 401],
    [needsSession(access) && access !== 'session', 403],
    [declaration.id !== undefined, 404],
    [Boolean(declaration.body ?? declaration.upload), 413],
    [declaration.idempotencyScope !== undefined, 422],
    [declaration.throttled === true, 429],
  ];
  const extra = Array.isArray(declaration.problems) ? declaration.problems : [];
  return [...new Set([...implied.filter(([applies]) => applies).map(([, status]) => status), ...extra])];
}

// zod-to-openapi 9.1 writes a /…/u regex as "…/u" in `pattern`; JSON Schema patterns take no flags.
function withoutRegexFlags<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withoutRegexFlags) as T;
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, key === 'pattern' && typeof value === 'string' ? value.replace(/\/[dgimsuvy]+$/, '') : withoutRegexFlags(value)]),
  ) as T;
}
