/**
 * ops:verify-journal against PostgreSQL: the chains a workplace's pushes made hold, and after one stored event's
 * amount is changed directly in the database the verifier names that event, its sale and its workplace.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import pino from 'pino';
import { Pool } from 'pg';
import { SalesJournalSubjects, type PushedSaleEvent, type PushSaleEvents } from '@elk/contracts';
import { SalesJournalModule } from '@elk/sales-journal';
import { EVENTS_SCHEMA, InfrastructureModule, createInfrastructure } from '@elk/service-kit';
import { TEST_DATABASE_URL, TEST_NATS_NAMESPACE, TEST_NATS_URL, serveOnBus } from '@elk/testing';
import { runOpsCommand } from './ops-command.harness';

const item = { line: 1, name: 'Хлеб', quantity: 1, unit: 'шт', price: 5_000, discount: 0, sum: 5_000, vatCode: 2, paymentSubject: 1 };

describe('ops: verify-journal (distributed)', () => {
  const database = `elk_verify_${randomBytes(4).toString('hex')}`;
  const databaseUrl = (() => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${database}`;
    return url.toString();
  })();
  const admin = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
  const env = { DATABASE_URL: databaseUrl, NATS_URL: TEST_NATS_URL, ELK_NATS_NAMESPACE: TEST_NATS_NAMESPACE };
  const organisationId = randomUUID();
  const workplaceId = randomUUID();
  let seq = 0;
  const event = (saleId: string, payload: Partial<PushedSaleEvent>): PushedSaleEvent =>
    ({ eventId: randomUUID(), saleId, occurredAt: new Date(Date.UTC(2026, 11, 6, 9) + ++seq * 1000).toISOString(), seq, ...payload }) as PushedSaleEvent;
  const created = (saleId: string, number: number) => event(saleId, { saleCreated: { number, items: [item], discount: 0, total: 5_000 } });
  const paid = (saleId: string) => event(saleId, { paymentReceived: { paymentId: randomUUID(), method: 'cash', amount: 5_000 } });
  const [first, second] = [randomUUID(), randomUUID()];
  const pushes = [[created(first, 1), created(second, 2), paid(first)], [paid(second)]];

  beforeAll(async () => {
    await admin.query(`CREATE DATABASE "${database}"`);
    const infrastructure = await createInfrastructure({ mode: 'distributed', serviceName: 'verify-journal-test', databaseUrl, natsUrl: TEST_NATS_URL, natsNamespace: TEST_NATS_NAMESPACE, logger: pino({ level: 'silent' }) });
    const module = await Test.createTestingModule({ imports: [InfrastructureModule.forRoot(infrastructure), SalesJournalModule.forRoot()] }).compile();
    const app = await serveOnBus(module, infrastructure.bus);
    try {
      const session = {
        employee: { id: randomUUID(), name: 'Петрова Анна' },
        role: 'cashier' as const,
        salesPoint: { id: randomUUID(), name: 'Магазин у дома' },
        workplace: { id: workplaceId, name: 'Касса №1', number: 1 },
        paymentMethods: ['cash' as const],
        canSell: true,
        expiresAt: '2026-12-06T22:00:00.000Z',
      };
      const device = { organisationId, workplaceId, salesPointId: session.salesPoint.id, credentialId: randomUUID() };
      for (const events of pushes) await infrastructure.bus.request(SalesJournalSubjects.PushSaleEvents, { device, session, push: { events } } satisfies PushSaleEvents);
    } finally {
      await app.close();
      await infrastructure.close();
    }
  }, 60_000);
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  it('finds the chains whole, then names the event whose amount was changed in PostgreSQL', async () => {
    expect(await runOpsCommand('verify-journal', [], env)).toMatchObject({ code: 0, stdout: 'Проверено событий продаж — 4, рабочих мест — 1\nЦепочки целы\n' });

    const tampered = pushes[0]![2]!;
    const pool = new Pool({ connectionString: databaseUrl, max: 1 });
    try {
      const { rowCount } = await pool.query(`UPDATE "${EVENTS_SCHEMA}".events SET data = jsonb_set(data, '{payload,amount}', '500') WHERE event_id = $1`, [tampered.eventId]);
      expect(rowCount).toBe(1);
    } finally {
      await pool.end();
    }

    const broken = await runOpsCommand('verify-journal', ['--organisation', organisationId], env);
    expect(broken).toMatchObject({ code: 1, stdout: 'Проверено событий продаж — 2, рабочих мест — 1\n' });
    expect(broken.stderr).toBe(`Цепочка рабочего места ${workplaceId} нарушена на событии ${tampered.eventId} (продажа ${first}): событие изменено: его хеш не сходится с цепочкой\n`);

    expect(await runOpsCommand('verify-journal', ['--organisation', randomUUID()], env)).toMatchObject({ code: 0, stdout: 'Проверено событий продаж — 0, рабочих мест — 0\nЦепочки целы\n' });
    expect(await runOpsCommand('verify-journal', ['--organisation', 'ромашка'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('--organisation: идентификатор организации — UUID') });
  }, 60_000);
});
