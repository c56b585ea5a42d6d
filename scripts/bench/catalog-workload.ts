/**
 * The catalog workload the benches share: a merchant's categories and products (every field that must be unique
 * derives from the product's number), one CSV import through the cabinet API with its progress followed, and the
 * Owner's session that logs in again when the access token expires.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { CATEGORY_PATH_SEPARATOR, PRODUCT_FILE_COLUMNS, formatPriceForFile, type ProductFileRow } from '@elk/contracts';
import Papa from 'papaparse';
import type { CabinetApi, SignedUp } from '../../e2e/api.harness';

const ROOT_CATEGORIES = 10;
const SUBCATEGORIES = 10;

export const PRODUCTS = '/api/v1/catalog/products';
const CATEGORIES = '/api/v1/catalog/categories';

/** Product names: a kind, a variety and the product's number make every name unique and searchable by a fragment. */
const KINDS = ['Молоко', 'Кефир', 'Сыр', 'Хлеб', 'Батон', 'Кофе', 'Чай', 'Сок', 'Вода', 'Печенье', 'Шоколад', 'Колбаса', 'Сосиски', 'Яблоки', 'Макароны', 'Рис', 'Гречка', 'Масло', 'Йогурт', 'Творог'];
const VARIETIES = ['классический', 'домашний', 'отборный', 'фермерский', 'лёгкий', 'особый', 'деревенский', 'премиум', 'детский', 'столичный'];

/** Latency of the progress requests made while the import ran. */
export interface PollLatency {
  requests: number;
  p50: number;
  p99: number;
  max: number;
}

/** A GTIN-13 from its first 12 digits and the check digit that makes it valid. */
function ean13(first12: string): string {
  const sum = [...first12].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
  return `${first12}${(10 - (sum % 10)) % 10}`;
}

/** Product number `n` of the seed: every field that must be unique in the organisation derives from `n`. */
export function productCard(n: number, unitId: string, categoryIds: string[]) {
  return {
    name: `${KINDS[n % KINDS.length]} ${VARIETIES[Math.floor(n / KINDS.length) % VARIETIES.length]} №${n}`,
    price: 1_000 + (n % 5_000) * 10,
    unitId,
    vat: 'vat22',
    categoryId: categoryIds[n % categoryIds.length],
    barcodes: [barcodeOf(n)],
    article: `ART-${String(n).padStart(6, '0')}`,
  };
}

/** The same product as a row of an import file (the unit by its short name, the category by its path). */
function productFileLine(n: number, unitName: string, categoryPaths: string[]): ProductFileRow {
  const card = productCard(n, '', []);
  return {
    Наименование: card.name,
    Описание: '',
    Цена: formatPriceForFile(card.price),
    'Единица измерения': unitName,
    НДС: '22%',
    Категория: categoryPaths[n % categoryPaths.length] ?? '',
    'Предмет расчёта': '',
    Страна: '',
    Штрихкоды: card.barcodes.join(', '),
    Артикул: card.article,
    Маркировка: 'Нет',
  };
}

export const barcodeOf = (n: number) => ean13(`46${String(n).padStart(10, '0')}`);

/**
 * The Owner's access token, logged in again when it expires: seeding 100,000 products outlasts the 15-minute
 * access token. Concurrent requests that all get 401 share one login.
 */
export function ownerSession(api: CabinetApi, owner: Pick<SignedUp, 'accessToken' | 'phone' | 'password'>) {
  let token = owner.accessToken;
  let login: Promise<string> | undefined;
  const logIn = async () => {
    const reply = await api.call('POST', '/api/v1/auth/login', undefined, { login: owner.phone, password: owner.password });
    if (reply.status !== 200) throw new Error(`login answered ${reply.status}: ${reply.text}`);
    return reply.body.accessToken as string;
  };
  return async function call(method: string, path: string, body?: unknown) {
    const used = token;
    const reply = await api.call(method, path, used, body);
    if (reply.status !== 401) return reply;
    if (token === used) {
      login ??= logIn().finally(() => (login = undefined));
      token = await login;
    }
    return api.call(method, path, token, body);
  };
}
export type OwnerCall = ReturnType<typeof ownerSession>;

/**
 * POSTs a CSV file with node:http rather than fetch, whose 5-minute wait for the answer's headers a 100,000-row
 * import outlasts. The token is fresh: the import's one request checks it once, at the start.
 */
export function csvUpload(baseUrl: string, token: string) {
  return (path: string, file: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const body = Buffer.from(file, 'utf8');
      const outgoing = request(
        `${baseUrl}${path}`,
        { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8', 'content-length': body.length } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
}

export async function addCategories(call: OwnerCall): Promise<{ roots: string[]; leaves: string[]; leafPaths: string[] }> {
  const add = async (body: unknown) => {
    const reply = await call('POST', CATEGORIES, body);
    if (reply.status !== 201) throw new Error(`POST ${CATEGORIES} answered ${reply.status}: ${reply.text}`);
    return reply.body.id as string;
  };
  const roots: string[] = [];
  const leaves: string[] = [];
  const leafPaths: string[] = [];
  for (let r = 1; r <= ROOT_CATEGORIES; r++) {
    const root = await add({ name: `Отдел ${r}` });
    roots.push(root);
    for (let s = 1; s <= SUBCATEGORIES; s++) {
      leaves.push(await add({ name: `Отдел ${r}, полка ${s}`, parentId: root }));
      leafPaths.push(`Отдел ${r}${CATEGORY_PATH_SEPARATOR}Отдел ${r}, полка ${s}`);
    }
  }
  return { roots, leaves, leafPaths };
}

/**
 * Imports products 0…count-1 as one CSV file (as Excel saves it: byte order mark, «;»), following the progress
 * endpoint every second: rows per second from the upload to the answer.
 */
export async function importProducts(call: OwnerCall, upload: (path: string, file: string) => Promise<{ status: number; text: string }>, count: number, unitName: string, categoryPaths: string[]): Promise<{ seconds: number; rate: number; bytes: number; cpuSeconds: number; progressPollMs: PollLatency }> {
  const headers = PRODUCT_FILE_COLUMNS.map((column) => column.header);
  const rows = Array.from({ length: count }, (_, n) => {
    const line = productFileLine(n, unitName, categoryPaths);
    return headers.map((header) => line[header]);
  });
  const file = `\ufeff${Papa.unparse([headers, ...rows], { delimiter: ';' })}`;
  const importId = randomUUID();
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  let finished = false;
  /** How long each progress request took: how the cabinet answers while an import runs. */
  const pollMs: number[] = [];
  const progress = (async () => {
    let reported = -1;
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      if (finished) return;
      // Not started yet (the upload is still being read), or a poll that failed: the next one tells.
      const polled = process.hrtime.bigint();
      const reply = await call('GET', `${PRODUCTS}/import/${importId}`).catch((error: unknown) => ({ status: 0, text: String(error), body: undefined }));
      pollMs.push(Number(process.hrtime.bigint() - polled) / 1e6);
      if (reply.status !== 200) {
        if (process.env['BENCH_DEBUG']) console.error(`  progress: ${reply.status} ${reply.text.slice(0, 200)}`);
        continue;
      }
      const processed = reply.body.processedRows as number;
      if (processed !== reported) {
        reported = processed;
        console.error(`  imported ${processed.toLocaleString('en')} of ${count.toLocaleString('en')} rows (${Math.round((processed * 100) / count)}%), ${Math.round(processed / elapsed())} rows/s`);
      }
    }
  })();
  try {
    const reply = await upload(`${PRODUCTS}/import?apply=true&importId=${importId}`, file);
    if (reply.status !== 200) throw new Error(`POST ${PRODUCTS}/import answered ${reply.status}: ${reply.text.slice(0, 2_000)}`);
    const { created, updated, unchanged, invalid } = JSON.parse(reply.text) as Record<string, number>;
    if (created !== count) throw new Error(`the import created ${created} of ${count} products (updated ${updated}, unchanged ${unchanged}, invalid ${invalid}): ${reply.text.slice(0, 2_000)}`);
  } finally {
    finished = true;
    await progress;
  }
  const seconds = elapsed();
  const cpu = process.cpuUsage(cpuBefore);
  pollMs.sort((a, b) => a - b);
  const progressPollMs = { requests: pollMs.length, p50: percentileOf(pollMs, 50), p99: percentileOf(pollMs, 99), max: pollMs.at(-1) ?? 0 };
  return { seconds, rate: count / seconds, bytes: Buffer.byteLength(file), cpuSeconds: (cpu.user + cpu.system) / 1e6, progressPollMs };
}

/** The product list is a projection: wait until it shows every product seeded. */
export async function waitForProductList(call: OwnerCall, count: number): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const reply = await call('GET', `${PRODUCTS}?limit=1`);
    if (reply.status !== 200) throw new Error(`GET ${PRODUCTS} answered ${reply.status}: ${reply.text}`);
    if (reply.body.total === count) return;
    if (Date.now() > deadline) throw new Error(`the product list shows ${reply.body.total} of ${count} products after 5 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The p-th percentile of ascending `sorted` (0 when empty). */
export function percentileOf(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
