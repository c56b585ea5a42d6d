import {
  ActivationRequest,
  ActivationResponse,
  EquipmentReport,
  EquipmentReportResponse,
  MAX_PUSHED_SALE_EVENTS,
  POS_MESSAGES,
  PushSaleEventsRequest,
  PushSaleEventsResponse,
  TERMINAL_CATALOG_DEFAULT_LIMIT,
  TERMINAL_CATALOG_MAX_LIMIT,
  TERMINAL_SESSION_TTL_HOURS,
  TerminalCatalogPage,
  TerminalCatalogQuery,
  TerminalLogIn,
  TerminalLogInRequest,
  TerminalSession,
  TerminalSettings,
} from '@elk/contracts';
import { z } from 'zod';
import { named, route } from '../routes/route';

const common = { tag: 'pos' } as const;

/** `If-None-Match`: the ETag of the settings, or of the catalog page, the terminal has. */
const IfNoneMatch = z.object({ 'if-none-match': z.string().max(200).optional() });

/** A batch of sale events may be far larger than the 64 KiB of other requests; it crosses the bus as one message (NATS: 1 MB). */
export const SALE_PUSH_BODY_LIMIT_BYTES = 512 * 1024;

/** The terminal API /pos/v1 (POS apps): served by TerminalHttpController. */
export const TerminalRoutes = {
  activate: route({
    ...common,
    method: 'post',
    path: '/pos/v1/activation',
    access: 'public',
    body: named('ActivationRequest', ActivationRequest),
    throttled: true,
    protobuf: { request: POS_MESSAGES.ActivationRequest.proto, response: POS_MESSAGES.ActivationResponse.proto },
    response: { status: 200, description: 'Учётные данные устройства (показываются один раз) и где оно стоит', schema: named('ActivationResponse', ActivationResponse) },
    summary: 'Активировать терминал кодом из SMS',
    description:
      'Код активации — 8 символов из SMS (регистр, пробелы и дефис не важны). Неверный код с верным началом считается попыткой для того рабочего места: после 5 код перестаёт действовать. Повтор с тем же кодом и тем же серийным номером устройства возвращает те же учётные данные. Попытки с одного адреса ограничены (429 и Retry-After).',
  }),
  settings: route({
    ...common,
    method: 'get',
    path: '/pos/v1/settings',
    access: 'device',
    headers: IfNoneMatch,
    protobuf: { response: POS_MESSAGES.TerminalSettings.proto },
    response: { status: 200, description: 'Настройки терминала; ETag в заголовке', schema: named('TerminalSettings', TerminalSettings) },
    summary: 'Настройки терминала',
    description:
      'Организация, юридическое лицо торговой точки (ИНН, наименование, система налогообложения), торговая точка (адрес, способы оплаты по ролям), рабочее место и подключённые расширения. С `If-None-Match`, равным ETag полученных настроек, ответ 304 без тела, если ничего не изменилось. Деактивированный терминал получает 401.',
  }),
  logIn: route({
    ...common,
    method: 'post',
    path: '/pos/v1/sessions',
    access: 'device',
    body: named('TerminalLogInRequest', TerminalLogInRequest),
    throttled: true,
    protobuf: { request: POS_MESSAGES.TerminalLogInRequest.proto, response: POS_MESSAGES.TerminalLogIn.proto },
    response: { status: 200, description: 'Токен сеанса кассира (показывается один раз) и кто вошёл', schema: named('TerminalLogIn', TerminalLogIn) },
    problems: [403],
    summary: 'Войти на терминале по PIN-коду',
    description: `Сотрудник — телефон (+7…) или идентификатор, PIN-код — 4 цифры из SMS. Ответ: токен сеанса (передавайте его в заголовке \`X-Terminal-Session\` вместе с учётными данными терминала), сотрудник, роль, торговая точка и способы оплаты, которые роль принимает на ней; Гость входит, но не проводит продаж (\`canSell: false\`). Сеанс действует ${TERMINAL_SESSION_TTL_HOURS} часов (смена кассира) и заканчивается раньше при выходе, новом входе на этом терминале, смене роли или удалении сотрудника и деактивации рабочего места. Чужой сотрудник и неверный PIN-код получают один и тот же ответ; после 5 неверных PIN-кодов подряд вход сотрудника на кассах блокируется (403) до отправки нового PIN-кода из личного кабинета. Попытки с одного терминала ограничены (429 и Retry-After).`,
  }),
  currentSession: route({
    ...common,
    method: 'get',
    path: '/pos/v1/sessions/current',
    access: 'terminal-session',
    protobuf: { response: POS_MESSAGES.TerminalSession.proto },
    response: { status: 200, description: 'Кто вошёл на терминале', schema: named('TerminalSession', TerminalSession) },
    summary: 'Текущий сеанс кассира',
    description: 'Сотрудник, роль, торговая точка и способы оплаты роли на ней сейчас. Завершённый сеанс — 401.',
  }),
  logOut: route({
    ...common,
    method: 'delete',
    path: '/pos/v1/sessions/current',
    access: 'terminal-session',
    response: { status: 204, description: 'Сеанс завершён' },
    summary: 'Выйти на терминале',
    description: 'Завершает сеанс кассира; следующий запрос с его токеном получает 401.',
  }),
  equipment: route({
    ...common,
    method: 'post',
    path: '/pos/v1/equipment',
    access: 'device',
    body: named('EquipmentReport', EquipmentReport),
    protobuf: { request: POS_MESSAGES.EquipmentReport.proto, response: POS_MESSAGES.EquipmentReportResponse.proto },
    response: { status: 200, description: 'Что записано о каждом устройстве: впервые, перенос на это рабочее место, новые данные; ничего — если всё как было', schema: named('EquipmentReportResponse', EquipmentReportResponse) },
    summary: 'Сообщить о подключённом оборудовании',
    description:
      'Фискальный регистратор (модель, версия прошивки, заводской номер ККТ, версия ФФД 1.05, 1.1 или 1.2, регистрационный номер ККТ и номер ФН — по 16 цифр) и/или банковский терминал (модель, TID — 8 символов, MID — до 15). Регистратор узнаётся по заводскому номеру, терминал — по TID. Повтор того же сообщения ничего не меняет; сообщение с другого рабочего места записывается как перенос, новые прошивка, ФН или MID — как изменение.',
  }),
  catalog: route({
    ...common,
    method: 'get',
    path: '/pos/v1/catalog',
    access: 'device',
    query: named('TerminalCatalogQuery', TerminalCatalogQuery),
    headers: IfNoneMatch,
    protobuf: { response: POS_MESSAGES.TerminalCatalogPage.proto },
    response: { status: 200, description: 'Изменения каталога после курсора; ETag в заголовке', schema: named('TerminalCatalogPage', TerminalCatalogPage) },
    summary: 'Каталог терминала: синхронизация изменений',
    description:
      `Единицы измерения, категории и товары организации терминала, изменённые после \`cursor\` (без него или с пустым — весь каталог), не больше \`limit\` записей на странице (по умолчанию ${TERMINAL_CATALOG_DEFAULT_LIMIT}, не больше ${TERMINAL_CATALOG_MAX_LIMIT}; страница короче, если записи длинные: около 768 КБ). ` +
      'Удалённые приходят в `deleted` (вид и id). Каждая страница несёт новый `cursor`; пока `more` — запрашивайте следующую сразу. ' +
      'Изменение, сделанное во время синхронизации, не теряется: оно придёт на одной из следующих страниц. Товар несёт фискальные коды для чека: ставку НДС (тег 1199), предмет расчёта (тег 1212), признак маркировки; мера количества (тег 2108) — у его единицы измерения. ' +
      'ETag называет состояние каталога, к которому приводит страница: с `If-None-Match`, равным ETag последней страницы, и её `cursor` ответ 304 без тела, если ничего не изменилось.',
  }),
  pushSales: route({
    ...common,
    method: 'post',
    path: '/pos/v1/sales/events',
    access: 'terminal-session',
    body: named('PushSaleEventsRequest', PushSaleEventsRequest),
    bodyLimitBytes: SALE_PUSH_BODY_LIMIT_BYTES,
    protobuf: { request: POS_MESSAGES.PushSaleEventsRequest.proto, response: POS_MESSAGES.PushSaleEventsResponse.proto },
    response: { status: 200, description: 'Итог по каждому событию в порядке отправки и голова цепочки рабочего места', schema: named('PushSaleEventsResponse', PushSaleEventsResponse) },
    problems: [413],
    summary: 'Отправить события продаж',
    description:
      `От 1 до ${MAX_PUSHED_SALE_EVENTS} событий (до ${SALE_PUSH_BODY_LIMIT_BYTES / 1024} КБ) в том порядке, в каком они произошли. У каждого — \`eventId\` (UUID: при повторной отправке тот же), \`saleId\`, \`occurredAt\` (время кассы с часовым поясом), \`seq\` (счётчик событий рабочего места) и ровно одно из: ` +
      '`saleCreated` (номер, строки с ценой, количеством, скидкой, суммой, ставкой НДС — тег 1199, предметом расчёта — тег 1212, кодом маркировки; скидка на чек; итог), `paymentReceived` (наличные, карта — RRN, код авторизации, маска карты из первых 6 и последних 4 цифр, платёжная система, TID, MID, банк; СБП — идентификатор операции), `paymentRefunded` (возврат оплаты картой или по СБП до завершения продажи), `goodsShipped` / `serviceRendered` (строки с количеством или `all`), `saleCompleted` (фискальный документ: ФД, ФП, ФН, смена, время) и `saleCancelled` (только из статуса «Создана»). ' +
      'Суммы — в копейках. Статусы: Создана → В процессе (первая оплата или отгрузка) → Завершена (полная оплата и полная отгрузка), Создана → Отменена. ' +
      'Ответ — итог каждого события: `accepted` (записано), `duplicate` (это `eventId` уже записано раньше: ничего не записано второй раз) или `rejected` с причиной по-русски (переход не по правилам, переплата, способ оплаты, который роль не принимает на этой точке, Гость, чужая продажа …); следующие события той же продажи в этом пакете пропускаются с ним. Повтор отклонённого события получает ту же причину. Полный номер карты не принимается (400).',
  }),
};
