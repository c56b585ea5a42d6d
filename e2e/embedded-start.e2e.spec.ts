/**
 * `npm start` (embedded ELK's main()) as a child process: which addresses it answers on (the dev outbox hands out
 * every reset code without a token, so by default nobody but this machine may reach it), and the demo merchant it
 * seeds, whose «Касса №1» a simulated terminal has activated. One data directory for the file: the first start seeds
 * the demo shop, the second (with HOST) starts on the data the first left, as a person's next `npm start` does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// The constant alone: importing it from embedded.ts loaded the whole server into this file's module registry.
import { DEMO_MERCHANT } from '../scripts/run/demo-merchant';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '..');
const START_MAIN = "require('./scripts/run/register-typescript.cjs'); require('./scripts/run/embedded.ts').main();";

interface Started {
  port: number;
  output: () => string;
  /** Resolves once the output holds `pattern` (the moment it is written); fails if ELK exits first. */
  waitForOutput(pattern: RegExp): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

async function npmStart(dataDir: string, env: Record<string, string>): Promise<Started> {
  const child: ChildProcess = spawn(process.execPath, ['-e', START_MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ELK_DATA_DIR: dataDir, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      child.kill('SIGTERM');
      await exited;
    }
  };
  const waitForOutput = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const seen = () => {
        const match = pattern.exec(output);
        if (!match) return;
        child.stdout!.off('data', seen);
        resolve(match);
      };
      child.stdout!.on('data', seen);
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code} before printing ${pattern}:\n${output}`)));
      seen();
    });
  const port = await waitForOutput(/ELK запущен: http:\/\/localhost:(\d+)/).then(
    (url) => Number(url[1]),
    async (error: unknown) => {
      await stop();
      throw error;
    },
  );
  return { port, output: () => output, waitForOutput, stop };
}

/** An address of this machine that other machines on its network reach it by. */
function lanAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((candidate) => candidate && !candidate.internal && candidate.family === 'IPv4');
  if (!address) throw new Error('this machine has no non-loopback IPv4 address to test with');
  return address.address;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/health`)).ok;
  } catch {
    return false;
  }
}

const OUTBOX_WARNING = 'dev outbox (/api/v1/dev/sms) shows every reset code';

describe('npm start', () => {
  let dataDir = '';
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'elk-start-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers on localhost only by default, with no warning, and gives the demo merchant a shop: three tills activated by simulated terminals, their equipment, and a week of sales in both journals', async () => {
    const elk = await npmStart(dataDir, {});
    try {
      expect(await answers(`http://localhost:${elk.port}`)).toBe(true);
      expect(await answers(`http://127.0.0.1:${elk.port}`)).toBe(true);
      expect(await answers(`http://${lanAddress()}:${elk.port}`)).toBe(false);
      expect(elk.output()).not.toContain(OUTBOX_WARNING);

      const url = `http://localhost:${elk.port}`;
      const login = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: DEMO_MERCHANT.phone, password: DEMO_MERCHANT.password }),
      });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };
      const get = async (path: string) => (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${accessToken}` } })).json();
      expect(await get('/api/v1/workplaces')).toMatchObject({
        total: 3,
        items: [
          {
            name: 'Касса №1',
            number: 1,
            type: 'stationary',
            salesPointName: 'Демо-магазин',
            employeeName: DEMO_MERCHANT.fullName,
            status: 'activated',
            device: { model: 'LIFE POS Mini', serial: 'LP0000001' },
            activatedByName: DEMO_MERCHANT.fullName,
          },
          { name: 'Касса №2', salesPointName: 'Демо-магазин', employeeName: 'Смирнова Ольга', status: 'activated' },
          { name: 'Касса №3', salesPointName: 'Демо-кафе', employeeName: 'Кузнецов Павел', status: 'activated' },
        ],
      });
      for (const equipment of ['fiscal-registers', 'bank-terminals']) expect(await get(`/api/v1/${equipment}`)).toMatchObject({ total: 3 });

      // The week of sales arrives in the background: every status, every method, a refund, from all three tills.
      await elk.waitForOutput(/demo week of sales pushed/);
      const count = async (query: string) => ((await get(`/api/v1/sales?${query}`)) as { total: number }).total;
      for (const status of ['created', 'in-progress', 'completed', 'cancelled']) expect({ status, some: (await count(`status=${status}`)) > 0 }).toEqual({ status, some: true });
      for (const method of ['cash', 'card', 'sbp']) expect({ method, some: (await count(`paymentMethod=${method}`)) > 0 }).toEqual({ method, some: true });
      expect(await count('')).toBeGreaterThan(100);
      const tills = (await get('/api/v1/workplaces')) as { items: Array<{ id: string }> };
      for (const till of tills.items) expect(await count(`workplaceId=${till.id}`)).toBeGreaterThan(0);
      expect(((await get('/api/v1/transactions?kind=refund')) as { total: number }).total).toBeGreaterThan(0);
    } finally {
      await elk.stop();
    }
  });

  it('answers on the LAN with HOST=0.0.0.0 and warns that the dev outbox is exposed', async () => {
    const elk = await npmStart(dataDir, { HOST: '0.0.0.0' });
    try {
      expect(await answers(`http://${lanAddress()}:${elk.port}`)).toBe(true);
      expect(elk.output()).toContain(OUTBOX_WARNING);
    } finally {
      await elk.stop();
    }
  });
});
