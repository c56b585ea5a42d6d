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
 * (its subcategories' products included): p50, p99 and mean. Then a terminal (pos-sim's PosTerminal, activated on a
 * workplace of the merchant) syncs the whole catalog from empty through GET /pos/v1/catalog, in JSON with the default
 * and the largest page and in protobuf: seconds and products per second; then polls it unchanged (304): p50 and p99.
 * Writes bench/results/catalog-<timestamp>.json and catalog-latest.json.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { TERMINAL_CATALOG_DEFAULT_LIMIT, TERMINAL_CATALOG_MAX_LIMIT } from '@elk/contracts';
import { cabinetApi } from '../../e2e/api.harness';
import { activatedTerminal } from '../../e2e/pos-terminal.harness';
import type { RunMode } from '../../e2e/system.harness';
import { startBenchSystem } from './bench-system';
import { PRODUCTS, addCategories, barcodeOf, csvUpload, importProducts, ownerSession, percentileOf, productCard, waitForProductList, type OwnerCall } from './catalog-workload';
import { writeBenchResults } from './bench-results';
import { PosTerminal, type WireFormat } from '../pos-sim/pos-terminal';

const SEED_CONCURRENCY = 16;
const WARM_UP_REQUESTS = 20;
const MEASURED_REQUESTS = 200;

/** What a cashier types into the search box: the start of a word, in lower case. */
const NAME_FRAGMENTS = ['молок', 'сыр', 'кофе', 'шокол', 'гречк', 'фермер', 'столич', 'печен'];

interface Latency {
  name: string;
  requests: number;
  p50: number;
  p99: number;
  mean: number;
  /** The `total` the last answer reported: how many products the query matched. */
  matched: number;
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

interface CatalogSyncTiming {
  format: WireFormat;
  pageSize: number;
  pages: number;
  seconds: number;
  productsPerSecond: number;
}

/** A terminal with `credential` syncs the catalog from empty in pages of `pageSize`; it must end up with `count` products. */
async function timeCatalogSync(baseUrl: string, credential: string, format: WireFormat, pageSize: number, count: number): Promise<CatalogSyncTiming> {
  const terminal = new PosTerminal(baseUrl, { format });
  terminal.useCredential(credential);
  const started = process.hrtime.bigint();
  const sync = await terminal.syncCatalog(null, pageSize);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (terminal.catalog.products.size !== count) throw new Error(`the terminal synced ${terminal.catalog.products.size} products, not ${count}`);
  const timing = { format, pageSize, pages: sync.pages, seconds, productsPerSecond: count / seconds };
  console.error(`  catalog sync from empty, ${format}, pages of ${pageSize}: ${seconds.toFixed(1)} s, ${sync.pages} pages, ${Math.round(timing.productsPerSecond)} products/s`);
  return timing;
}

/** MEASURED_REQUESTS polls of an unchanged catalog, each a 304. */
async function timeUnchangedPolls(terminal: PosTerminal): Promise<{ p50: number; p99: number }> {
  const durations: number[] = [];
  for (let i = 0; i < MEASURED_REQUESTS; i++) {
    const started = process.hrtime.bigint();
    if (!(await terminal.syncCatalog()).notModified) throw new Error('an unchanged catalog was not answered 304');
    durations.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  durations.sort((a, b) => a - b);
  return { p50: percentileOf(durations, 50), p99: percentileOf(durations, 99) };
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
  const system = await startBenchSystem(mode);
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
    // A 100,000-row import outlasts the sign-up's access token (15 minutes): the terminal's workplace is added with a fresh one.
    const relogin = await api.call('POST', '/api/v1/auth/login', undefined, { login: owner.phone, password: owner.password });
    if (relogin.status !== 200) throw new Error(`login answered ${relogin.status}: ${relogin.text}`);
    const terminal = await activatedTerminal(api, system.url, relogin.body.accessToken as string);
    const syncs = [
      await timeCatalogSync(system.url, terminal.credential!, 'json', TERMINAL_CATALOG_DEFAULT_LIMIT, count),
      await timeCatalogSync(system.url, terminal.credential!, 'protobuf', TERMINAL_CATALOG_DEFAULT_LIMIT, count),
      await timeCatalogSync(system.url, terminal.credential!, 'json', TERMINAL_CATALOG_MAX_LIMIT, count),
    ];
    await terminal.syncCatalog();
    const unchanged = await timeUnchangedPolls(terminal);
    console.log(table(results));
    for (const sync of syncs) {
      console.log(`terminal catalog sync from empty (${sync.format}, pages of ${sync.pageSize}): ${count.toLocaleString('en')} products in ${sync.seconds.toFixed(1)} s, ${sync.pages} pages, ${Math.round(sync.productsPerSecond)} products/s`);
    }
    console.log(`terminal catalog poll, nothing changed (304): p50 ${unchanged.p50.toFixed(1)} ms, p99 ${unchanged.p99.toFixed(1)} ms`);
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
      terminalCatalogSync: syncs,
      terminalCatalogUnchangedPollMs: unchanged,
    };
    writeBenchResults('catalog', finishedAt, report);
  } finally {
    await system.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
