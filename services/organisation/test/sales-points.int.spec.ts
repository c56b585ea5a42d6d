import { randomUUID } from 'node:crypto';
import { DEFAULT_PAYMENT_METHODS, OrganisationSubjects, type History, type LegalEntityView, type SalesPointList, type SalesPointView } from '@elk/contracts';
import { failureOf } from '@elk/testing';
import { organisationProjections, salesPointStreamId } from '../src';
import { ivanov, organisationTestbed, romashka } from './organisation.testbed';

const grid = { owner: ['cash', 'card', 'sbp'], admin: ['cash', 'card'], manager: ['cash'], cashier: ['cash'], guest: [] };

describe.each(['embedded', 'distributed'] as const)('sales points in the organisation service (%s)', (mode) => {
  const testbed = organisationTestbed(mode, 'org_sales_points_test');

  function actor() {
    const { organisationId, accountId, request } = testbed.actor();
    return {
      organisationId,
      accountId,
      addLegalEntity: (entity: object) => request<LegalEntityView>(OrganisationSubjects.AddLegalEntity, { legalEntityId: randomUUID(), entity }),
      updateLegalEntity: (legalEntityId: string, entity: object) => request<LegalEntityView>(OrganisationSubjects.UpdateLegalEntity, { legalEntityId, entity }),
      removeLegalEntity: (legalEntityId: string) => request<null>(OrganisationSubjects.DeleteLegalEntity, { legalEntityId }),
      add: (point: object, salesPointId = randomUUID()) => request<SalesPointView>(OrganisationSubjects.AddSalesPoint, { salesPointId, point }),
      update: (salesPointId: string, point: object) => request<SalesPointView>(OrganisationSubjects.UpdateSalesPoint, { salesPointId, point }),
      setGrid: (salesPointId: string, body: object) => request<SalesPointView>(OrganisationSubjects.SetSalesPointPaymentMethods, { salesPointId, grid: body }),
      remove: (salesPointId: string, expectedVersion?: number) => request<null>(OrganisationSubjects.DeleteSalesPoint, { salesPointId, expectedVersion }),
      list: (query: object = {}) => request<SalesPointList>(OrganisationSubjects.GetSalesPointList, query),
      get: (salesPointId: string) => request<SalesPointView>(OrganisationSubjects.GetSalesPoint, { salesPointId }),
      history: (salesPointId: string) => request<History>(OrganisationSubjects.GetSalesPointHistory, { salesPointId }),
    };
  }

  it('adds, lists, searches, updates, sets the payment methods and deletes', async () => {
    const owner = actor();
    const company = await owner.addLegalEntity(romashka);
    const shop = await owner.add({ name: 'Магазин на Тверской', legalEntityId: company.id, address: 'г. Москва, ул. Тверская, д. 1', brand: 'Ромашка' });
    expect(shop).toMatchObject({ version: 1, legalEntityName: 'ООО «Ромашка»', brand: 'Ромашка', paymentMethods: DEFAULT_PAYMENT_METHODS });
    const kiosk = await owner.add({ name: 'Киоск', legalEntityId: company.id, address: 'г. Москва, ул. Арбат, д. 2' });
    expect(kiosk.brand).toBeNull();

    const all = await owner.list();
    expect(all.items.map((item) => item.name)).toEqual(['Киоск', 'Магазин на Тверской']);
    expect(all.total).toBe(2);
    expect((await owner.list({ search: 'тверская' })).items.map((item) => item.id)).toEqual([shop.id]);
    expect((await owner.list({ search: 'КИОСК' })).items.map((item) => item.id)).toEqual([kiosk.id]);
    const firstPage = await owner.list({ limit: 1 });
    expect(firstPage.items.map((item) => item.id)).toEqual([kiosk.id]);
    expect((await owner.list({ limit: 1, cursor: firstPage.nextCursor })).items.map((item) => item.id)).toEqual([shop.id]);
    expect(await owner.get(shop.id)).toEqual(shop);

    const moved = await owner.update(shop.id, { name: 'Магазин', legalEntityId: company.id, address: 'г. Москва, ул. Тверская, д. 3', brand: null, expectedVersion: 1 });
    expect(moved).toMatchObject({ name: 'Магазин', version: 2, brand: null });
    expect((await failureOf(owner.update(shop.id, { name: 'Старое', legalEntityId: company.id, address: 'x', expectedVersion: 1 }))).code).toBe('VERSION_CONFLICT');

    const set = await owner.setGrid(shop.id, { paymentMethods: grid, expectedVersion: 2 });
    expect(set).toMatchObject({ version: 3, paymentMethods: grid });
    const guest = await failureOf(owner.setGrid(shop.id, { paymentMethods: { ...grid, guest: ['cash'] }, expectedVersion: 3 }));
    expect(guest.code).toBe('VALIDATION_FAILED');
    expect(guest.details).toMatchObject({ errors: [{ path: 'grid.paymentMethods.guest', message: 'Гость не проводит продажи: способы оплаты ему не назначаются' }] });

    const history = await owner.history(shop.id);
    expect(history.items.map((entry) => entry.action)).toEqual(['created', 'updated', 'updated']);
    expect(history.items[1]).toMatchObject({ actor: { accountId: owner.accountId, fullName: 'Иванов Иван Иванович' } });
    expect(history.items[1]?.changes).toContainEqual({ field: 'address', from: 'г. Москва, ул. Тверская, д. 1', to: 'г. Москва, ул. Тверская, д. 3' });
    expect(history.items[2]?.changes).toEqual([{ field: 'paymentMethods', from: DEFAULT_PAYMENT_METHODS, to: grid }]);

    await owner.remove(shop.id, 3);
    expect((await failureOf(owner.get(shop.id))).code).toBe('NOT_FOUND');
    expect((await owner.list()).items.map((item) => item.id)).toEqual([kiosk.id]);
    const { events } = await testbed.infrastructure.eventStore.readStream(salesPointStreamId(owner.organisationId, shop.id));
    expect(events.map((event) => event.type)).toEqual(['SalesPointAdded', 'SalesPointUpdated', 'SalesPointPaymentMethodsSet', 'SalesPointDeleted']);
  });

  it('refuses a legal entity the organisation does not have, under legalEntityId', async () => {
    const owner = actor();
    const stranger = actor();
    const theirs = await stranger.addLegalEntity(romashka);
    for (const legalEntityId of [randomUUID(), theirs.id]) {
      const error = await failureOf(owner.add({ name: 'Магазин', legalEntityId, address: 'г. Москва' }));
      expect(error.code).toBe('RULE_VIOLATED');
      expect(error.details).toMatchObject({ errors: [{ path: 'legalEntityId', message: 'Юридическое лицо не найдено' }] });
    }
    expect((await owner.list()).total).toBe(0);
  });

  it('keeps the legal entity name current and refuses deleting a legal entity still in use, naming the sales points', async () => {
    const owner = actor();
    const company = await owner.addLegalEntity(romashka);
    const other = await owner.addLegalEntity(ivanov);
    const shop = await owner.add({ name: 'Магазин на Тверской', legalEntityId: company.id, address: 'г. Москва' });

    await owner.updateLegalEntity(company.id, { ...romashka, name: 'ООО «Ромашка плюс»', expectedVersion: 1 });
    expect((await owner.get(shop.id)).legalEntityName).toBe('ООО «Ромашка плюс»');

    const refused = await failureOf(owner.removeLegalEntity(company.id));
    expect(refused.code).toBe('RULE_VIOLATED');
    expect(refused.message).toContain('«Магазин на Тверской»');

    const moved = await owner.update(shop.id, { name: 'Магазин на Тверской', legalEntityId: other.id, address: 'г. Москва', expectedVersion: 1 });
    expect(moved.legalEntityName).toBe('ИП Иванов');
    await owner.removeLegalEntity(company.id);
  });

  it('shows another organisation nothing', async () => {
    const owner = actor();
    const stranger = actor();
    const company = await owner.addLegalEntity(romashka);
    const shop = await owner.add({ name: 'Магазин', legalEntityId: company.id, address: 'г. Москва' });
    for (const attempt of [
      stranger.get(shop.id),
      stranger.update(shop.id, { name: 'Чужой', legalEntityId: company.id, address: 'г. Москва', expectedVersion: 1 }),
      stranger.setGrid(shop.id, { paymentMethods: grid, expectedVersion: 1 }),
      stranger.remove(shop.id),
      stranger.history(shop.id),
    ]) {
      expect((await failureOf(attempt)).code).toBe('NOT_FOUND');
    }
    expect((await stranger.list()).items).toEqual([]);
  });

  it('rebuilds the same documents when the projection is replayed', async () => {
    const owner = actor();
    const company = await owner.addLegalEntity(romashka);
    const shop = await owner.add({ name: 'Магазин', legalEntityId: company.id, address: 'г. Москва' });
    await owner.updateLegalEntity(company.id, { ...romashka, name: 'ООО «Ромашка плюс»', expectedVersion: 1 });
    const projection = organisationProjections.find((candidate) => candidate.name === 'organisation.sales-points.v1')!;
    const before = await owner.get(shop.id);
    const { events } = await testbed.infrastructure.eventStore.readStream(salesPointStreamId(owner.organisationId, shop.id));
    for (const event of events) await testbed.infrastructure.documentStore.transaction((session) => projection.apply([event], session));
    expect(await owner.get(shop.id)).toEqual(before);
  });
});
