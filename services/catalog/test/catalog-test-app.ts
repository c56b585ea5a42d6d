import { randomUUID } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  CatalogSubjects,
  IdentitySubjects,
  actorHeaders,
  type AccountView,
  type AddProductRequest,
  type BulkProductsRequest,
  type BulkResult,
  type CategoryList,
  type CategoryView,
  type History,
  type ImportProductRows,
  type ImportProductRowsResult,
  type OrganisationRegistered,
  type ProductList,
  type ProductView,
  type TerminalCatalogPage,
  type UnitList,
  type UnitView,
} from '@elk/contracts';
import type { RunMode } from '@elk/service-kit';
import { InfrastructureModule, type IntegrationEventPayload } from '@elk/service-kit';
import { infrastructureFixture, isolatedEventBus, serveOnBus, withFakeHandler, type IsolatedEventBus, type TestInfrastructure } from '@elk/testing';
import { CatalogModule } from '../src';

export const OWNER_NAME = 'Иванов Иван Иванович';

/**
 * The catalog service over the infrastructure of one run mode, for the tests of a describe block, identity faked (every
 * account is «Иванов Иван Иванович»). One service for the whole block, whose tests keep apart by organisations of their own
 * (`merchant()` makes one): a fresh module and schemas per test cost about as much CPU as the test. A test may stop it
 * (to restart it or to replay its projections); the next test finds it started. With `servicePerTest`, each test gets
 * fresh schemas and event subjects and starts the service itself: for a test that must publish before the event
 * consumer first exists.
 */
export function catalogTestApp(mode: RunMode, { servicePerTest = false } = {}) {
  const fixture = infrastructureFixture(mode, 'catalog_test');
  let infrastructure: TestInfrastructure;
  let events: IsolatedEventBus;
  let app: INestMicroservice | undefined;

  async function open(): Promise<void> {
    infrastructure = await fixture.open();
    events = await isolatedEventBus(infrastructure);
  }
  async function close(): Promise<void> {
    await stop();
    await events.close();
    await fixture.cleanup();
  }

  beforeAll(async () => {
    await fixture.start();
    if (!servicePerTest) await open();
  }, 30_000);
  if (servicePerTest) {
    beforeEach(open);
    afterEach(close);
  } else {
    beforeEach(async () => {
      if (app === undefined) await start();
    }, 30_000);
    // A test's spy on a provider of the shared service ends with the test.
    afterEach(() => jest.restoreAllMocks());
  }
  afterAll(async () => {
    if (!servicePerTest) await close();
    await fixture.close();
  });

  async function start(): Promise<void> {
    await stop();
    const withIdentity = await withFakeHandler({ ...infrastructure, bus: events.bus }, IdentitySubjects.GetAccount, async (data) => {
      const { accountId } = data as { accountId: string };
      return { accountId, organisationId: randomUUID(), fullName: OWNER_NAME, phone: '+79123456789', email: 'ivan@example.ru', role: 'owner' } satisfies AccountView;
    });
    const module = await Test.createTestingModule({ imports: [InfrastructureModule.forRoot(withIdentity), CatalogModule.forRoot()] }).compile();
    app = await serveOnBus(module, withIdentity.bus, { eventSubjectPrefix: events.subjectPrefix });
  }

  async function stop(): Promise<void> {
    await app?.close();
    app = undefined;
  }

  /** organisation's OrganisationRegistered as its relay publishes it; a new eventId unless told. */
  function publishRegistered(organisationId: string, eventId = randomUUID()) {
    const ownerId = randomUUID();
    const data: OrganisationRegistered = {
      organisationId,
      name: 'ООО «Ромашка»',
      owner: { accountId: ownerId, fullName: OWNER_NAME, phone: '+79123456789', email: 'ivan@example.ru' },
      registeredAt: new Date().toISOString(),
    };
    const payload: IntegrationEventPayload = {
      type: 'OrganisationRegistered',
      schemaVersion: 1,
      streamId: `organisation-${organisationId}-${organisationId}`,
      streamPosition: 1,
      recordedAt: new Date().toISOString(),
      data,
      metadata: { organisationId, actor: ownerId, correlationId: randomUUID(), causationId: randomUUID() },
    };
    return events.bus.publishEvent({ eventId, subject: `${events.subjectPrefix}.organisation.OrganisationRegistered`, data: payload });
  }

  /** A manager of an organisation of its own, sending catalog requests over the bus. */
  function merchant(organisationId = randomUUID()) {
    const accountId = randomUUID();
    const headers = actorHeaders({ organisationId, accountId, role: 'manager' }, randomUUID());
    const request = <R>(subject: string, data: unknown, timeoutMs?: number) => events.bus.request<R>(subject, data, { headers, timeoutMs });
    return {
      organisationId,
      accountId,
      addUnit: (unit: object, unitId = randomUUID()) => request<UnitView>(CatalogSubjects.AddUnit, { unitId, unit }),
      updateUnit: (unitId: string, unit: object) => request<UnitView>(CatalogSubjects.UpdateUnit, { unitId, unit }),
      deleteUnit: (unitId: string, expectedVersion?: number, replaceWith?: string) => request<null>(CatalogSubjects.DeleteUnit, { unitId, expectedVersion, replaceWith }, 60_000),
      units: (query: object = {}) => request<UnitList>(CatalogSubjects.GetUnitList, query),
      unit: (unitId: string) => request<UnitView>(CatalogSubjects.GetUnit, { unitId }),
      unitHistory: (unitId: string) => request<History>(CatalogSubjects.GetUnitHistory, { unitId }),
      addCategory: (category: object, categoryId = randomUUID()) => request<CategoryView>(CatalogSubjects.AddCategory, { categoryId, category }),
      updateCategory: (categoryId: string, category: object) => request<CategoryView>(CatalogSubjects.UpdateCategory, { categoryId, category }),
      deleteCategory: (categoryId: string, mode?: string, expectedVersion?: number, replaceWith?: string) =>
        request<null>(CatalogSubjects.DeleteCategory, { categoryId, mode, expectedVersion, replaceWith }, 60_000),
      categories: (query: object = {}) => request<CategoryList>(CatalogSubjects.GetCategoryList, query),
      category: (categoryId: string) => request<CategoryView>(CatalogSubjects.GetCategory, { categoryId }),
      categoryHistory: (categoryId: string) => request<History>(CatalogSubjects.GetCategoryHistory, { categoryId }),
      addProduct: (product: AddProductRequest, productId = randomUUID()) => request<ProductView>(CatalogSubjects.AddProduct, { productId, product }),
      updateProduct: (productId: string, product: object) => request<ProductView>(CatalogSubjects.UpdateProduct, { productId, product }),
      deleteProduct: (productId: string, expectedVersion?: number) => request<null>(CatalogSubjects.DeleteProduct, { productId, expectedVersion }),
      products: (query: object = {}) => request<ProductList>(CatalogSubjects.GetProductList, query),
      product: (productId: string) => request<ProductView>(CatalogSubjects.GetProduct, { productId }),
      productHistory: (productId: string) => request<History>(CatalogSubjects.GetProductHistory, { productId }),
      changeInBulk: (command: BulkProductsRequest) => request<BulkResult>(CatalogSubjects.ChangeProductsInBulk, command, 60_000),
      // The gateway gives a batch of an import two minutes (a card's request gets the bus's 5 s): so does the test.
      /** A batch of an import of its own unless `importId` says which. */
      importRows: (batch: Omit<ImportProductRows, 'importId'> & { importId?: string }) =>
        request<ImportProductRowsResult>(CatalogSubjects.ImportProductRows, { importId: randomUUID(), ...batch }, 120_000),
      undoImport: (importId: string) => request<BulkResult>(CatalogSubjects.UndoProductImport, { importId }, 60_000),
      /** A page of the terminals' catalog feed, as the gateway asks for an authenticated terminal of this organisation. */
      terminalCatalog: (query: { cursor?: string; limit?: number } = {}) => request<TerminalCatalogPage>(CatalogSubjects.GetTerminalCatalog, { organisationId, ...query }),
    };
  }

  /** A manager whose organisation has a unit «порция» and the categories Напитки → Кофе → Зерновой. */
  async function stockedMerchant() {
    const manager = merchant();
    const portion = await manager.addUnit({ name: 'порция', shortName: 'порц', ffdCode: 255 });
    const drinks = await manager.addCategory({ name: 'Напитки' });
    const coffee = await manager.addCategory({ name: 'Кофе', parentId: drinks.id });
    const beans = await manager.addCategory({ name: 'Зерновой', parentId: coffee.id });
    const card = (changes: Partial<AddProductRequest> = {}): AddProductRequest => ({ name: 'Товар', price: 100, unitId: portion.id, vat: 'vat22', ...changes });
    return { manager, portion, drinks, coffee, beans, card };
  }

  return {
    get infrastructure() {
      return infrastructure;
    },
    /** The started service's module, to reach one of its providers. */
    get app() {
      if (app === undefined) throw new Error('start() the catalog first');
      return app;
    },
    start,
    stop,
    publishRegistered,
    merchant,
    stockedMerchant,
  };
}

export type CatalogMerchant = ReturnType<ReturnType<typeof catalogTestApp>['merchant']>;
