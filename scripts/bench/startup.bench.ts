/**
 * How fast `npm start` serves and how much memory embedded ELK holds.
 *
 *   npm run bench:startup [-- --runs 3] [-- --idle-seconds 10] [-- --products 10000] [-- --direct] [-- --without-template]
 *
 * Runs `npm start` as a child process (ELK_DATA_DIR a new temporary directory, PORT a free port, HOST unset:
 * loopback) --runs times on a fresh data directory, each followed by a start on the directory it left, timing the
 * command to the first 200 from /api/health and from / (the cabinet), and reading the CPU time the process tree had
 * used by then (on a busy machine the milliseconds grow with the wait for a core; the CPU time hardly does). A fresh
 * directory is copied from the database template when there is one (`templateCached`); the first start after
 * install makes it, and --without-template deletes it before each fresh start to time that first start. After --idle-seconds it reads VmRSS and VmHWM
 * of every process of the tree (npm, node) from /proc, splits the ELK process's resident memory by mapping
 * (/proc/<pid>/smaps: WebAssembly memories, i.e. PGlite; malloc's heap; other anonymous memory, V8's heap among
 * it; mapped files) and asks it for process.memoryUsage() through a preloaded probe (memory-probe.cjs). On the last
 * start it logs in as the demo merchant, imports --products products (default 10,000) as one CSV file through the
 * cabinet API and reads the memory again, right after and after --idle-seconds more. --direct runs
 * `node scripts/start-embedded.cjs` instead of `npm start`, to see npm's share. Writes
 * bench/results/startup-<timestamp>.json and startup-latest.json.
 *
 * The cabinet must be built and dependencies installed beforehand: `npm start` would otherwise time Vite or npm ci.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { cabinetApi } from '../../e2e/api.harness';
import { freePort } from '../../e2e/system.harness';
import { defaultTemplateDir } from '@elk/service-kit';
import { DEMO_MERCHANT } from '../run/demo-merchant';
import { addCategories, csvUpload, importProducts, ownerSession, waitForProductList } from './catalog-workload';
import { writeBenchResults } from './bench-results';
import { commandOf, cpuMsOf, processTree, statusKb } from './proc';

const ROOT = resolve(__dirname, '../..');
const POLL_MS = 20;
const START_TIMEOUT_MS = 120_000;
/** V8 reserves 8 GiB or more of address space for each WebAssembly memory (the guard region). */
const WASM_RESERVATION_BYTES = 4n * 1024n ** 3n;
/** What `npm start` prints when it would install dependencies or build the cabinet first. */
const NOT_READY_TO_TIME = ['Устанавливаю зависимости', 'Собираю веб-кабинет'];

interface ProcessMemory {
  pid: number;
  command: string;
  rssMb: number;
  hwmMb: number;
}

interface ElkMemory {
  /** Resident memory of the whole tree (npm and node; pages shared between them counted twice). */
  treeRssMb: number;
  processes: ProcessMemory[];
  /** The node process that runs ELK. */
  elk: ProcessMemory;
  /** The ELK process's resident memory by mapping, MB. */
  mappings: { wasm: number; wasmMemoriesMb: number[]; jitCode: number; mallocHeap: number; otherAnonymous: number; files: number; largestFiles: Array<{ path: string; rssMb: number }> };
  /** process.memoryUsage() of the ELK process, MB: `external` includes the WebAssembly memories. */
  node: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
}

interface Start {
  data: 'fresh' | 'existing';
  healthMs: number;
  cabinetMs: number;
  /** Until the «ELK запущен» line. */
  logLineMs: number;
  /**
   * CPU time (user + system) the process tree had used when it first served: unlike the milliseconds above, it
   * hardly grows when other work on the machine keeps ELK waiting for a core.
   */
  cpuMs: number;
  /** The 1-minute load average when the start began. */
  loadAverage: number;
  /** Whether a fresh data directory could be copied from the database template (made by the first start after install). */
  templateCached: boolean;
  idle: ElkMemory;
}

const mb = (kb: number) => Math.round(kb / 102.4) / 10;



interface Mapping {
  start: bigint;
  end: bigint;
  perms: string;
  path: string;
  rssKb: number;
}

function mappingsIn(pid: number): Mapping[] {
  const mappings: Mapping[] = [];
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) mappings.push({ start: BigInt(`0x${header[1]}`), end: BigInt(`0x${header[2]}`), perms: header[3]!, path: header[4] ?? '', rssKb: 0 });
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) mappings.at(-1)!.rssKb = Number(rss[1]);
  }
  return mappings;
}

/**
 * Resident memory of one process by mapping kind, from /proc/<pid>/smaps. A WebAssembly memory is an anonymous
 * read-write mapping followed right away by the inaccessible rest of its reservation (8 GiB and more); anonymous
 * executable mappings hold the code V8 compiled (JavaScript and WebAssembly).
 */
function mappingsOf(pid: number): ElkMemory['mappings'] {
  const totals = { wasm: 0, jitCode: 0, mallocHeap: 0, otherAnonymous: 0, files: 0 };
  const wasmMemoriesKb: number[] = [];
  const files = new Map<string, number>();
  const mappings = mappingsIn(pid);
  mappings.forEach((mapping, i) => {
    const next = mappings[i + 1];
    const isWasmMemory = mapping.path === '' && mapping.perms.startsWith('rw') && next?.start === mapping.end && next.path === '' && next.perms.startsWith('---') && next.end - next.start >= WASM_RESERVATION_BYTES;
    if (mapping.path.startsWith('/')) {
      totals.files += mapping.rssKb;
      files.set(mapping.path, (files.get(mapping.path) ?? 0) + mapping.rssKb);
    } else if (mapping.path === '[heap]') totals.mallocHeap += mapping.rssKb;
    else if (isWasmMemory) {
      totals.wasm += mapping.rssKb;
      wasmMemoriesKb.push(mapping.rssKb);
    } else if (mapping.path === '' && mapping.perms.includes('x')) totals.jitCode += mapping.rssKb;
    else totals.otherAnonymous += mapping.rssKb;
  });
  const largestFiles = [...files]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([path, kb]) => ({ path: path.replace(`${ROOT}/`, ''), rssMb: mb(kb) }));
  return { wasm: mb(totals.wasm), wasmMemoriesMb: wasmMemoriesKb.map(mb), jitCode: mb(totals.jitCode), mallocHeap: mb(totals.mallocHeap), otherAnonymous: mb(totals.otherAnonymous), files: mb(totals.files), largestFiles };
}

class RunningStart {
  private output = '';
  private constructor(
    private readonly child: ChildProcess,
    private readonly probeDir: string,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static async launch(dataDir: string, direct: boolean): Promise<{ start: RunningStart; url: string; timings: Omit<Start, 'data' | 'idle' | 'loadAverage' | 'templateCached'> }> {
    const port = await freePort();
    const probeDir = mkdtempSync(join(tmpdir(), 'elk-probe-'));
    const [command, args] = direct ? [process.execPath, ['scripts/start-embedded.cjs']] : ['npm', ['start']];
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ELK_DATA_DIR: dataDir, PORT: String(port), HOST: '', NODE_OPTIONS: `--require ${join(__dirname, 'memory-probe.cjs')}`, ELK_BENCH_PROBE_DIR: probeDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const start = new RunningStart(child, probeDir);
    const url = `http://127.0.0.1:${port}`;
    try {
      const [healthMs, cabinetMs] = await Promise.all([start.firstOk(`${url}/api/health`, started), start.firstOk(`${url}/`, started)]);
      const cpuMs = processTree(child.pid!).reduce((sum, pid) => sum + cpuMsOf(pid), 0);
      const logLineMs = await start.logLine(started);
      return { start, url, timings: { healthMs, cabinetMs, logLineMs, cpuMs } };
    } catch (error) {
      await start.stop();
      throw error;
    }
  }

  /** Milliseconds from `started` to the first 200 from `url`. */
  private async firstOk(url: string, started: number): Promise<number> {
    for (;;) {
      this.refuseWhenNotTimeable();
      try {
        const response = await fetch(url);
        await response.arrayBuffer();
        if (response.status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > START_TIMEOUT_MS) throw new Error(`${url} did not answer 200 in ${START_TIMEOUT_MS / 1000} s:\n${this.output}`);
      await sleep(POLL_MS);
    }
  }

  private async logLine(started: number): Promise<number> {
    while (!this.output.includes('ELK запущен')) {
      this.refuseWhenNotTimeable();
      await sleep(POLL_MS);
    }
    return performance.now() - started;
  }

  private refuseWhenNotTimeable(): void {
    if (this.child.exitCode !== null) throw new Error(`npm start exited with ${this.child.exitCode}:\n${this.output}`);
    const step = NOT_READY_TO_TIME.find((line) => this.output.includes(line));
    if (step) throw new Error(`npm start began with «${step}»: run npm ci and npm run build:web, then the bench`);
  }

  /** The node process that runs ELK (under npm and its shell, or the child itself with --direct). */
  private elkPid(): number {
    const node = realpathSync(process.execPath);
    const pid = processTree(this.child.pid!).find((candidate) => readlinkSync(`/proc/${candidate}/exe`) === node && commandOf(candidate)?.includes('start-embedded.cjs'));
    if (pid === undefined) throw new Error(`no start-embedded.cjs process under ${this.child.pid}`);
    return pid;
  }

  async memory(): Promise<ElkMemory> {
    const elk = this.elkPid();
    const processes = processTree(this.child.pid!).map((pid) => ({ pid, command: commandOf(pid) ?? '(ended)', rssMb: mb(statusKb(pid, 'VmRSS')), hwmMb: mb(statusKb(pid, 'VmHWM')) }));
    const probe = join(this.probeDir, `${elk}.json`);
    rmSync(probe, { force: true });
    process.kill(elk, 'SIGUSR2');
    while (!existsSync(probe)) await sleep(POLL_MS);
    const usage = (JSON.parse(readFileSync(probe, 'utf8')) as { memoryUsage: NodeJS.MemoryUsage }).memoryUsage;
    const inMb = (bytes: number) => Math.round(bytes / 104_857.6) / 10;
    return {
      treeRssMb: Math.round(processes.reduce((sum, p) => sum + p.rssMb, 0) * 10) / 10,
      processes,
      elk: processes.find((p) => p.pid === elk)!,
      mappings: mappingsOf(elk),
      node: { rss: inMb(usage.rss), heapTotal: inMb(usage.heapTotal), heapUsed: inMb(usage.heapUsed), external: inMb(usage.external), arrayBuffers: inMb(usage.arrayBuffers) },
    };
  }

  /** SIGTERM to the process group; resolves once every process of the tree is gone (the data directory unlocked). */
  async stop(): Promise<void> {
    const tree = this.child.pid ? processTree(this.child.pid) : [];
    if (this.child.exitCode === null && this.child.pid) {
      process.kill(-this.child.pid, 'SIGTERM');
      const deadline = Date.now() + 15_000;
      while (tree.some((pid) => existsSync(`/proc/${pid}`))) {
        if (Date.now() > deadline) {
          process.kill(-this.child.pid, 'SIGKILL');
          break;
        }
        await sleep(POLL_MS);
      }
    }
    rmSync(this.probeDir, { recursive: true, force: true });
  }
}

/** Logs in as the demo merchant `npm start` seeds and imports `count` products as one CSV file. */
async function importDemoCatalog(url: string, count: number): Promise<{ seconds: number; rowsPerSecond: number }> {
  const api = cabinetApi(url);
  const login = await api.call('POST', '/api/v1/auth/login', undefined, { login: DEMO_MERCHANT.phone, password: DEMO_MERCHANT.password });
  if (login.status !== 200) throw new Error(`demo login answered ${login.status}: ${login.text}`);
  const token = login.body.accessToken as string;
  const call = ownerSession(api, { accessToken: token, phone: DEMO_MERCHANT.phone, password: DEMO_MERCHANT.password });
  const pieces = (await api.presetUnits(token)).find((unit) => unit.shortName === 'шт');
  if (!pieces) throw new Error('no «шт» among the preset units');
  const { leafPaths } = await addCategories(call);
  const imported = await importProducts(call, csvUpload(url, token), count, pieces.shortName, leafPaths);
  await waitForProductList(call, count);
  return { seconds: imported.seconds, rowsPerSecond: imported.rate };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 1 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const MEMORY_HEADER = ['tree RSS MB', 'ELK RSS', 'ELK HWM', 'WASM', 'JIT code', 'malloc', 'other anon', 'files', 'V8 heap used/total', 'external'];
function memoryCells(memory: ElkMemory): string[] {
  const { elk, mappings: m, node } = memory;
  return [memory.treeRssMb, elk.rssMb, elk.hwmMb, m.wasm, m.jitCode, m.mallocHeap, m.otherAnonymous, m.files].map(String).concat(`${node.heapUsed}/${node.heapTotal}`, String(node.external));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '3' }, 'idle-seconds': { type: 'string', default: '10' }, products: { type: 'string', default: '10000' }, direct: { type: 'boolean', default: false }, 'without-template': { type: 'boolean', default: false } },
  });
  const runs = Number(values.runs);
  const idleSeconds = Number(values['idle-seconds']);
  const products = Number(values.products);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, not ${values.runs}`);
  if (!(idleSeconds >= 0)) throw new Error(`--idle-seconds must be a number of seconds, not ${values['idle-seconds']}`);
  if (!Number.isInteger(products) || products < 0) throw new Error(`--products must be a whole number, not ${values.products}`);
  const command = values.direct ? 'node scripts/start-embedded.cjs' : 'npm start';

  console.error(`startup bench: ${command}, ${runs} × (fresh data directory, then the same again), idle ${idleSeconds} s, then ${products.toLocaleString('en')} products imported`);
  const loadBefore = loadavg();
  const starts: Start[] = [];
  let afterImport: { seconds: number; rowsPerSecond: number; right: ElkMemory; idle: ElkMemory } | null = null;
  for (let run = 1; run <= runs; run++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'elk-startup-'));
    try {
      for (const data of ['fresh', 'existing'] as const) {
        if (data === 'fresh' && values['without-template']) rmSync(defaultTemplateDir(), { recursive: true, force: true });
        const loadAverage = loadavg()[0]!;
        const templateCached = existsSync(join(defaultTemplateDir(), 'PG_VERSION'));
        const { start, url, timings } = await RunningStart.launch(dataDir, values.direct);
        try {
          await sleep(idleSeconds * 1_000);
          starts.push({ data, ...timings, loadAverage, templateCached, idle: await start.memory() });
          const last = starts.at(-1)!;
          console.error(`  ${data} data: /api/health ${Math.round(last.healthMs)} ms, / ${Math.round(last.cabinetMs)} ms, ${Math.round(last.cpuMs)} ms of CPU (load ${loadAverage.toFixed(1)}); idle RSS ${last.idle.treeRssMb} MB`);
          if (run === runs && data === 'existing' && products > 0) {
            const imported = await importDemoCatalog(url, products);
            const right = await start.memory();
            console.error(`  imported ${products.toLocaleString('en')} products in ${imported.seconds.toFixed(1)} s; RSS ${right.treeRssMb} MB`);
            await sleep(idleSeconds * 1_000);
            afterImport = { ...imported, right, idle: await start.memory() };
          }
        } finally {
          await start.stop();
        }
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  console.log(
    table(
      ['start', 'health ms', 'cabinet ms', 'CPU ms', 'load', ...MEMORY_HEADER],
      starts.map((s) => [`${s.data} data`, String(Math.round(s.healthMs)), String(Math.round(s.cabinetMs)), String(Math.round(s.cpuMs)), s.loadAverage.toFixed(1), ...memoryCells(s.idle)]),
    ),
  );
  if (afterImport) {
    console.log();
    console.log(table([`after importing ${products.toLocaleString('en')} products`, ...MEMORY_HEADER], [['right after', ...memoryCells(afterImport.right)], [`idle ${idleSeconds} s`, ...memoryCells(afterImport.idle)]]));
  }
  const medianOf = (data: Start['data'], pick: (s: Start) => number) => median(starts.filter((s) => s.data === data).map(pick));
  const summary = {
    freshHealthMs: medianOf('fresh', (s) => s.healthMs),
    existingHealthMs: medianOf('existing', (s) => s.healthMs),
    freshCabinetMs: medianOf('fresh', (s) => s.cabinetMs),
    existingCabinetMs: medianOf('existing', (s) => s.cabinetMs),
    freshCpuMs: medianOf('fresh', (s) => s.cpuMs),
    existingCpuMs: medianOf('existing', (s) => s.cpuMs),
    idleTreeRssMb: median(starts.map((s) => s.idle.treeRssMb)),
    idleElkRssMb: median(starts.map((s) => s.idle.elk.rssMb)),
  };
  console.log(
    `\nmedians: serving in ${Math.round(summary.freshHealthMs)} ms fresh, ${Math.round(summary.existingHealthMs)} ms on existing data (cabinet ${Math.round(summary.freshCabinetMs)} / ${Math.round(summary.existingCabinetMs)} ms; CPU ${Math.round(summary.freshCpuMs)} / ${Math.round(summary.existingCpuMs)} ms); idle RSS ${summary.idleTreeRssMb} MB the tree, ${summary.idleElkRssMb} MB the ELK process (targets: < 5,000 ms, < 300 MB)`,
  );

  const finishedAt = new Date();
  const report = {
    finishedAt: finishedAt.toISOString(),
    command,
    node: process.version,
    cpus: cpus().length,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadavg(),
    idleSeconds,
    summary,
    starts,
    afterImport: afterImport && { products, ...afterImport },
  };
  writeBenchResults('startup', finishedAt, report);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
