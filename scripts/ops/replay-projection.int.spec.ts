import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { catalogProjections } from '@elk/catalog';
import { CatalogSubjects, DevicesSubjects, OrganisationSubjects, SalesJournalSubjects, actorHeaders, type PushSaleEvents, type SignUp, type UnitList } from '@elk/contracts';
import { devicesProjections } from '@elk/devices';
import type { DocumentStore, StoredDocument } from '@elk/documents';
import { identityProjections } from '@elk/identity';
import { organisationProjections } from '@elk/organisation';
import { salesJournalProjections } from '@elk/sales-journal';
import { createInfrastructure } from '@elk/service-kit';
import { startEmbeddedServices } from '../run/embedded';
import { simulatedBankTerminal, simulatedFiscalRegister } from '../pos-sim/pos-terminal';
import { runOpsCommand } from './ops-command.harness';

const PROJECTIONS = [...identityProjections, ...organisationProjections, ...catalogProjections, ...devicesProjections, ...salesJournalProjections];
const COLLECTIONS = PROJECTIONS.flatMap((projection) => projection.collections);
const logger = pino({ level: 'silent' });

/**
 * Every document of every projection's collections, as stored, checkpoints included; without the count of writes
 * (`version`), which depends on how the events fell into batches.
 */
async function snapshot(documentStore: DocumentStore): Promise<Record<string, Omit<StoredDocument<unknown>, 'version'>[]>> {
  await documentStore.ensureCollections(COLLECTIONS);
  const documents = async (collection: (typeof COLLECTIONS)[number]) => (await documentStore.collection(collection).find({ limit: 1000 })).items.map(({ version: _version, ...document }) => document);
  return Object.fromEntries(await Promise.all(COLLECTIONS.map(async (collection) => [collection.name, await documents(collection)])));
}

function signUp(index: number): SignUp {
  return {
    organisationId: randomUUID(),
    accountId: randomUUID(),
    organisationName: `ООО «Ромашка ${index}»`,
    fullName: 'Иванов Иван Иванович',
    phone: `+7912000000${index}`,
    email: `owner${index}@example.ru`,
    password: 'Пароль-надёжный-1',
  };
}

describe('ops: replay-projection (embedded)', () => {
  let dataDir: string;
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'elk-ops-replay-'));
    const services = await startEmbeddedServices(dataDir, logger);
    try {
      for (let index = 0; index < 3; index++) {
        const command = signUp(index);
        await services.infrastructure.bus.request(OrganisationSubjects.SignUp, command, { timeoutMs: 30_000 });
        const headers = actorHeaders({ organisationId: command.organisationId, accountId: command.accountId, role: 'owner' }, randomUUID());
        const entity = { type: 'ooo', name: command.organisationName, inn: '7707083893', kpp: '773601001', ogrn: '1027700132195', legalAddress: 'г. Москва', taxSystem: 'osn' };
        const legalEntityId = randomUUID();
        await services.infrastructure.bus.request(OrganisationSubjects.AddLegalEntity, { legalEntityId, entity }, { headers, timeoutMs: 30_000 });
        const point = { name: `Магазин ${index}`, legalEntityId, address: 'г. Москва, ул. Тверская, д. 1' };
        const salesPointId = randomUUID();
        await services.infrastructure.bus.request(OrganisationSubjects.AddSalesPoint, { salesPointId, point }, { headers, timeoutMs: 30_000 });
        const workplace = { name: 'Касса №1', number: 1, type: 'stationary', salesPointId, employeeId: command.accountId };
        const workplaceId = randomUUID();
        await services.infrastructure.bus.request(DevicesSubjects.AddWorkplace, { workplaceId, workplace }, { headers, timeoutMs: 30_000 });
        // What the gateway sends for a terminal whose credential it checked: the register and bank terminal it reports.
        const device = { organisationId: command.organisationId, workplaceId, salesPointId, credentialId: randomUUID() };
        const report = { fiscalRegister: simulatedFiscalRegister(`replay-${index}`), bankTerminal: simulatedBankTerminal(`replay-${index}`) };
        await services.infrastructure.bus.request(DevicesSubjects.ReportEquipment, { device, report }, { headers, timeoutMs: 30_000 });
        // A sale paid by card, as the gateway passes a terminal's push with its cashier's session.
        const saleId = randomUUID();
        const item = { line: 1, name: 'Хлеб', quantity: 1, unit: 'шт', price: 5000, sum: 5000, vatCode: 2, paymentSubject: 1 };
        const card = { rrn: '123456789012', authCode: 'A1B2C3', cardMask: '220220******1234', paymentSystem: 'МИР', tid: '10293847', mid: '781234567890', bank: 'Сбербанк' };
        const sale: PushSaleEvents = {
          device,
          session: {
            employee: { id: command.accountId, name: command.fullName },
            role: 'owner',
            salesPoint: { id: salesPointId, name: point.name },
            workplace: { id: workplaceId, name: workplace.name, number: workplace.number },
            paymentMethods: ['cash', 'card'],
            canSell: true,
            expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
          },
          push: {
            events: [
              { eventId: randomUUID(), saleId, occurredAt: '2026-12-06T12:00:00+03:00', seq: 1, saleCreated: { number: 1, items: [{ ...item, discount: 0 }], discount: 0, total: 5000 } },
              { eventId: randomUUID(), saleId, occurredAt: '2026-12-06T12:01:00+03:00', seq: 2, paymentReceived: { paymentId: randomUUID(), method: 'card', amount: 5000, card } },
            ],
          },
        };
        await services.infrastructure.bus.request(SalesJournalSubjects.PushSaleEvents, sale, { timeoutMs: 30_000 });
        await services.infrastructure.bus.request(CatalogSubjects.AddCategory, { categoryId: randomUUID(), category: { name: 'Еда' } }, { headers, timeoutMs: 30_000 });
        // The catalog preloads the units of measure from the sign-up's integration event, a moment later.
        const units = () => services.infrastructure.bus.request<UnitList>(CatalogSubjects.GetUnitList, {}, { headers });
        while ((await units()).total === 0) await new Promise((resolve) => setTimeout(resolve, 50));
        const [unit] = (await units()).items;
        const product = { name: 'Хлеб', price: 5000, unitId: unit!.id, vat: 'vat10' };
        await services.infrastructure.bus.request(CatalogSubjects.AddProduct, { productId: randomUUID(), product }, { headers, timeoutMs: 30_000 });
      }
      before = await snapshot(services.infrastructure.documentStore);
      // A stray document no event accounts for: the replay must drop it.
      const [collection] = COLLECTIONS;
      await services.infrastructure.documentStore.collection(collection!).upsert('stray', {});
    } finally {
      await services.close();
    }
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function documentsNow() {
    const infrastructure = await createInfrastructure({ mode: 'embedded', dataDir, logger });
    try {
      return await snapshot(infrastructure.documentStore);
    } finally {
      await infrastructure.close();
    }
  }

  it('rebuilds every projection from the event log into the same documents, reporting events and time', async () => {
    const replayed = await runOpsCommand('replay-projection', ['--all', '--embedded', '--data-dir', dataDir]);

    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toMatch(/^identity\.accounts\.v2: перестроена, событий — \d+, [\d.]+ с$/m);
    expect(replayed.stdout).toMatch(/^organisation\.organisations\.v1: перестроена, событий — \d+, [\d.]+ с$/m);
    expect(replayed.stdout).toMatch(/^organisation\.legal-entities\.v1: перестроена, событий — \d+, [\d.]+ с$/m);
    expect(replayed.stdout).toMatch(/^organisation\.sales-points\.v1: перестроена, событий — \d+, [\d.]+ с$/m);
    expect(replayed.stdout).toMatch(new RegExp(`^Готово: проекций — ${PROJECTIONS.length}, событий — \\d+, [\\d.]+ с$`, 'm'));
    const { 'catalog.units.v2': units, 'catalog.terminal-catalog': terminalCatalog, ...perOrganisation } = before;
    expect(units).toHaveLength(3 * 24);
    // The terminals' feed: each organisation's units, its category and its product.
    expect(terminalCatalog).toHaveLength(3 * 26);
    expect(Object.values(perOrganisation).every((documents) => documents.length === 3)).toBe(true);
    expect(await documentsNow()).toEqual(before);
  }, 60_000);

  it('rebuilds one projection by name, and refuses a name it does not know', async () => {
    const replayed = await runOpsCommand('replay-projection', ['organisation.organisations.v1', '--embedded', '--data-dir', dataDir]);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toContain('Готово: проекций — 1');
    expect(await documentsNow()).toEqual(before);

    const refused = await runOpsCommand('replay-projection', ['organisation.organisations.v0', '--embedded', '--data-dir', dataDir]);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('Неизвестная проекция: organisation.organisations.v0') });
    expect(refused.stderr).toContain('Проекции: identity.accounts.v2, organisation.organisations.v1');
  }, 60_000);
});
