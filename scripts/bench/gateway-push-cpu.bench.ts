/**
 * The gateway's own CPU for a terminal's push, without the rest of ELK: the real gateway app over HTTP on loopback, its
 * services stubbed on the in-process bus (a device, a cashier's session, and a push answered `accepted`), so that what
 * is measured is the gateway's HTTP, Fastify hooks, Nest, zod and the bus's JSON (and the load's HTTP client, which
 * shares the process). Seconds of a few rounds, CPU from process.cpuUsage():
 *
 *   node -r ./scripts/run/register-typescript.cjs scripts/bench/gateway-push-cpu.bench.ts [--batch 1] [--pushes 2000] [--rounds 4]
 *
 * A first round warms up; compare the later ones. `node --cpu-prof` on the same command gives the profile.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { DevicesSubjects, IdentitySubjects, SalesJournalSubjects, TERMINAL_SESSION_HEADER, type PushedSaleEvent } from '@elk/contracts';
import { InProcessBroker, InProcessMessageBus } from '@elk/messaging';
import { startTelemetry } from '@elk/telemetry';
import pino from 'pino';
import { createGatewayApp, GatewayInfrastructureModule } from '@elk/gateway';
import { SaleGenerator } from '../pos-sim/sale-generator';

const TERMINALS = 16;

async function stubServices(bus: InProcessMessageBus): Promise<void> {
  const device = { organisationId: randomUUID(), workplaceId: randomUUID(), salesPointId: randomUUID(), credentialId: randomUUID() };
  const employee = { id: randomUUID(), name: 'Кассирова Анна' };
  const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
  await bus.serve(DevicesSubjects.AuthenticateDevice, async () => device);
  await bus.serve(IdentitySubjects.AuthenticateTerminalSession, async () => ({ employee, role: 'cashier', expiresAt }));
  await bus.serve(DevicesSubjects.GetTerminalSession, async () => ({
    employee,
    role: 'cashier',
    salesPoint: { id: device.salesPointId, name: 'Гипермаркет' },
    workplace: { id: device.workplaceId, name: 'Касса №1', number: 1 },
    paymentMethods: ['cash', 'card', 'sbp'],
    canSell: true,
    expiresAt,
  }));
  await bus.serve(SalesJournalSubjects.PushSaleEvents, async ({ data }) => {
    const { push } = data as { push: { events: PushedSaleEvent[] } };
    return { results: push.events.map(({ eventId }) => ({ eventId, outcome: 'accepted', reason: null, code: null, saleStatus: 'created' })), chainHead: { seq: 1, hash: '0'.repeat(64) } };
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { batch: { type: 'string', default: '1' }, pushes: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '4' } } });
  const [batch, pushes, rounds] = [Number(values.batch), Number(values.pushes), Number(values.rounds)];
  const telemetry = startTelemetry({ serviceName: 'elk-gateway-bench' });
  const bus = new InProcessMessageBus({ broker: new InProcessBroker() });
  await stubServices(bus);
  const app = await createGatewayApp({ infrastructure: GatewayInfrastructureModule.forRoot({ bus, logger: pino({ level: 'warn' }) }), jwtSecret: randomUUID().repeat(2), busTimeoutMs: 5_000 });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  try {
    const sales = new SaleGenerator({ bankTerminal: { tid: '12345678', mid: '123456789012' }, fnNumber: '9999078900001234', paymentMethods: ['cash', 'card', 'sbp'] });
    const events: PushedSaleEvent[] = [];
    while (events.length < batch * pushes) events.push(...sales.sale(new Date()));
    const bodies = Array.from({ length: pushes }, (_, i) => JSON.stringify({ events: events.slice(i * batch, (i + 1) * batch) }));
    const headers = { authorization: `Bearer elkd.${randomUUID()}.bench`, [TERMINAL_SESSION_HEADER]: 'bench-session', 'content-type': 'application/json' };
    const agent = new Agent({ keepAlive: true, maxSockets: TERMINALS });
    const send = (body: string) =>
      new Promise<void>((resolve, reject) => {
        const sent = request({ host: '127.0.0.1', port, path: '/pos/v1/sales/events', method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent }, (answer) => {
          answer.resume();
          answer.on('end', () => (answer.statusCode === 200 ? resolve() : reject(new Error(`answered ${answer.statusCode}`))));
        });
        sent.on('error', reject);
        sent.end(body);
      });
    for (let round = 1; round <= rounds; round++) {
      const before = process.cpuUsage();
      let next = 0;
      await Promise.all(Array.from({ length: TERMINALS }, async () => {
        for (let body = bodies[next++]; body; body = bodies[next++]) await send(body);
      }));
      const used = process.cpuUsage(before);
      console.log(`round ${round}: ${((used.user + used.system) / 1000 / pushes).toFixed(3)} ms of CPU a push of ${batch}`);
    }
    agent.destroy();
  } finally {
    await app.close();
    await bus.close();
    await telemetry.shutdown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
