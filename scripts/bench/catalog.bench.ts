/**
 * Catalog import throughput and search latency through the cabinet API with a large catalog in one organisation.
 *
 *   npm run bench:catalog [-- --products 2000] [-- --api-products 500] [-- --distributed]
 *
 * Starts ELK (embedded in this process on a temporary PGlite directory; with --distributed, the services as child
 * processes over NATS (TEST_NATS_URL, else the loopback one: no other ELK may be using it, or the two answer each
 * other's requests) and a fresh PostgreSQL database), signs a merchant up, adds 10 root categories with 10 subcategories each and imports --products
 * products (default 100,000) as one generated CSV file through POST /api/v1/catalog/products/import?apply=true,
 * following its progress endpoint: rows per second. Then it adds --api-products more (default 0) through
 * POST /api/v1/catalog/products, SEED_CONCURRENCY requests in flight: products per second. Then it times, one
 * request at a time, GET /api/v1/catalog/products by a name fragment, by a full barcode and by a root category
 * (its subcategories' products included): p50, p99 and mean. Writes bench/results/catalog-<timestamp>.json and
 * catalog-latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { CATEGORY_PATH_SEPARATOR, PRODUCT_FILE_COLUMNS, formatPriceForFile, type ProductFileRow } from '@elk/contracts';
import Papa from 'papaparse';
import { cabinetApi, type CabinetApi, type SignedUp } from '../../e2e/api.harness';
import { startSystem, type RunMode } from '../../e2e/system.harness';

const SEED_CONCURRENCY = 16;
const ROOT_CATEGORIES = 10;
const SUBCATEGORIES = 10;
const WARM_UP_REQUESTS = 20;
const MEASURED_REQUESTS = 200;

const PRODUCTS = '/api/v1/catalog/products';
const CATEGORIES = '/api/v1/catalog/categories';

/** Product names: a kind, a variety and the product's number make every name unique and searchable by a fragment. */
const KINDS = ['Молоко', 'Кефир', 'Сыр', 'Хлеб', 'Батон', 'Кофе', 'Чай', 'Сок', 'Вода', 'Печенье', 'Шоколад', 'Колбаса', 'Сосиски', 'Яблоки', 'Макароны', 'Рис', 'Гречка', 'Масло', 'Йогурт', 'Творог'];
const VARIETIES = ['классический', 'домашний', 'отборный', 'фермерский', 'лёгкий', 'особый', 'деревенский', 'премиум', 'детский', 'столичный'];
/** What a cashier types into the search box: the start of a word, in lower case. */
const NAME_FRAGMENTS = ['молок', 'сыр', 'кофе', 'шокол', 'гречк', 'фермер', 'столич', 'печен'];

/** Latency of the progress requests made while the import ran. */
interface PollLatency {
  requests: number;
  p50: number;
  p99: number;
  max: number;
}

interface Latency {
  name: string;
  requests: number;
  p50: number;
  p99: number;
  mean: number;
  /** The `total` the last answer reported: how many products the query matched. */
  matched: number;
}

/** A GTIN-13 from its first 12 digits and the check digit that makes it valid. */
function ean13(first12: string): string {
  const sum = [...first12].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
  return `${first12}${(10 - (sum % 10)) % 10}`;
}

/** Product number `n` of the seed: every field that must be unique in the organisation derives from `n`. */
function productCard(n: number, unitId: string, categoryIds: string[]) {
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

const barcodeOf = (n: number) => ean13(`46${String(n).padStart(10, '0')}`);

/**
 * The Owner's access token, logged in again when it expires: seeding 100,000 products outlasts the 15-minute
 * access token. Concurrent requests that all get 401 share one login.
 */
function ownerSession(api: CabinetApi, owner: SignedUp) {
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
type OwnerCall = ReturnType<typeof ownerSession>;

/**
 * POSTs a CSV file with node:http rather than fetch, whose 5-minute wait for the answer's headers a 100,000-row
 * import outlasts. The token is fresh: the import's one request checks it once, at the start.
 */
function csvUpload(baseUrl: string, token: string) {
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

async function addCategories(call: OwnerCall): Promise<{ roots: string[]; leaves: string[]; leafPaths: string[] }> {
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
async function importProducts(call: OwnerCall, upload: (path: string, file: string) => Promise<{ status: number; text: string }>, count: number, unitName: string, categoryPaths: string[]): Promise<{ seconds: number; rate: number; bytes: number; cpuSeconds: number; progressPollMs: PollLatency }> {
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

/** Adds products first…first+count-1 with SEED_CONCURRENCY requests in flight, printing progress every 10%: products per second. */
async function seedProducts(call: OwnerCall, first: number, count: number, unitId: string, categoryIds: string[]): Promise<{ seconds: number; rate: number }> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  let next = first;
  let added = 0;
  const step = Math.max(1, Math.ceil(count / 10));
  await Promise.all(
    Array.from({ length: SEED_CONCURRENCY }, async () => {
      for (let n = next++; n < first + count; n = next++) {
        const reply = await call('POST', PRODUCTS, productCard(n, unitId, categoryIds));
        if (reply.status !== 201) throw new Error(`POST ${PRODUCTS} (product ${n}) answered ${reply.status}: ${reply.text}`);
        added += 1;
        if (added % step === 0 || added === count) {
          console.error(`  seeded ${added.toLocaleString('en')} of ${count.toLocaleString('en')} (${Math.round((added * 100) / count)}%), ${Math.round(added / elapsed())} products/s`);
        }
      }
    }),
  );
  const seconds = elapsed();
  return { seconds, rate: count / seconds };
}

/** The product list is a projection: wait until it shows every product seeded. */
async function waitForProductList(call: OwnerCall, count: number): Promise<void> {
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
function percentileOf(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Times WARM_UP_REQUESTS then MEASURED_REQUESTS sequential GETs of `pathOf(i)`; `check` refuses a wrong answer. */
async function timeList(call: OwnerCall, name: string, pathOf: (i: number) => string, check: (body: { total: number }, i: number) => boolean): Promise<Latency> {
  const durations: number[] = [];
  let matched = 0;
  for (let i = 0; i < WARM_UP_REQUESTS + MEASURED_REQUESTS; i++) {
    const started = process.hrtime.bigint();
    const reply = await call('GET', pathOf(i));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (reply.status !== 200 || !check(reply.body, i)) throw new Error(`${name}: GET ${pathOf(i)} answered ${reply.status}: ${reply.text.slice(0, 500)}`);
    if (i >= WARM_UP_REQUESTS) durations.push(ms);
    matched = reply.body.total;
  }
  durations.sort((a, b) => a - b);
  const latency = { name, requests: durations.length, p50: percentileOf(durations, 50), p99: percentileOf(durations, 99), mean: durations.reduce((a, b) => a + b, 0) / durations.length, matched };
  console.error(`  ${name}: p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`);
  return latency;
}

function table(results: Latency[]): string {
  const rows = results.map((r) => [r.name, String(r.requests), r.p50.toFixed(1), r.p99.toFixed(1), r.mean.toFixed(1), r.matched.toLocaleString('en')]);
  const header = ['query', 'requests', 'p50 ms', 'p99 ms', 'mean ms', 'matched'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 1 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { products: { type: 'string', default: '100000' }, 'api-products': { type: 'string', default: '0' }, distributed: { type: 'boolean', default: false } },
  });
  const imported = Number(values.products);
  if (!Number.isInteger(imported) || imported < 1) throw new Error(`--products must be a positive integer, not ${values.products}`);
  const added = Number(values['api-products']);
  if (!Number.isInteger(added) || added < 0) throw new Error(`--api-products must be a whole number, not ${values['api-products']}`);
  const count = imported + added;
  const mode: RunMode = values.distributed ? 'distributed' : 'embedded';

  console.error(`catalog bench: ${imported.toLocaleString('en')} products imported, ${added.toLocaleString('en')} added through the API, ${mode} mode`);
  const system = await startSystem(mode);
  try {
    const api = cabinetApi(system.url);
    const owner = await api.signUp('ООО «Бенчмарк»');
    const pieces = (await api.presetUnits(owner.accessToken)).find((unit) => unit.shortName === 'шт');
    if (!pieces) throw new Error('no «шт» among the preset units');
    const call = ownerSession(api, owner);
    const { roots, leaves, leafPaths } = await addCategories(call);
    console.error(`  ${roots.length + leaves.length} categories added; importing a file of ${imported.toLocaleString('en')} rows`);
    const login = await api.call('POST', '/api/v1/auth/login', undefined, { login: owner.phone, password: owner.password });
    if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.text}`);
    const importing = await importProducts(call, csvUpload(system.url, login.body.accessToken as string), imported, pieces.shortName, leafPaths);
    console.error(`  imported ${imported.toLocaleString('en')} rows in ${importing.seconds.toFixed(1)} s, ${Math.round(importing.rate)} rows/s`);
    if (added > 0) console.error(`  adding ${added.toLocaleString('en')} products through the API, ${SEED_CONCURRENCY} requests in flight`);
    const seeding = added > 0 ? await seedProducts(call, imported, added, pieces.id, leaves) : null;
    await waitForProductList(call, count);

    const results = [
      await timeList(
        call,
        'search by name fragment',
        (i) => `${PRODUCTS}?search=${encodeURIComponent(NAME_FRAGMENTS[i % NAME_FRAGMENTS.length]!)}`,
        (body) => body.total > 0,
      ),
      // Spread over the catalog so that no one product stays cached; each barcode names exactly one product.
      await timeList(
        call,
        'search by full barcode',
        (i) => `${PRODUCTS}?search=${barcodeOf((i * 7_919) % count)}`,
        (body) => body.total === 1,
      ),
      await timeList(
        call,
        'root category (+ subcategories)',
        (i) => `${PRODUCTS}?categoryId=${roots[i % roots.length]}`,
        (body) => body.total > 0,
      ),
    ];
    console.log(table(results));
    // In embedded mode the whole system (PGlite included) runs in this process: its CPU time per row does not depend
    // on what else the machine runs, as wall-clock rates do.
    const cpuNote = mode === 'embedded' ? `, ${((importing.cpuSeconds * 1000) / imported).toFixed(2)} ms CPU per row in this process` : '';
    console.log(`import: ${imported.toLocaleString('en')} rows in ${importing.seconds.toFixed(1)} s, ${Math.round(importing.rate)} rows/s (one CSV file, ${(importing.bytes / 1e6).toFixed(1)} MB${cpuNote})`);
    const polls = importing.progressPollMs;
    console.log(`progress requests during the import: ${polls.requests}, p50 ${polls.p50.toFixed(0)} ms, p99 ${polls.p99.toFixed(0)} ms, max ${polls.max.toFixed(0)} ms`);
    if (seeding) console.log(`seeding: ${added.toLocaleString('en')} products in ${seeding.seconds.toFixed(1)} s, ${Math.round(seeding.rate)} products/s (${SEED_CONCURRENCY} in flight)`);

    const finishedAt = new Date();
    const report = {
      finishedAt: finishedAt.toISOString(),
      mode,
      node: process.version,
      cpus: cpus().length,
      products: count,
      categories: { roots: roots.length, subcategories: leaves.length },
      seeding: seeding && { products: added, concurrency: SEED_CONCURRENCY, seconds: seeding.seconds, productsPerSecond: seeding.rate },
      import: { rows: imported, bytes: importing.bytes, seconds: importing.seconds, rowsPerSecond: importing.rate, processCpuSeconds: importing.cpuSeconds, progressPollMs: importing.progressPollMs },
      warmUpRequests: WARM_UP_REQUESTS,
      latencyMs: results,
    };
    const dir = join(__dirname, '..', '..', 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const json = `${JSON.stringify(report, null, 2)}\n`;
    writeFileSync(join(dir, `catalog-${finishedAt.toISOString().replace(/[:.]/g, '-')}.json`), json);
    writeFileSync(join(dir, 'catalog-latest.json'), json);
  } finally {
    await system.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
