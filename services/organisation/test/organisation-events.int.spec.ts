import { randomBytes, randomUUID } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IdentitySubjects, OrganisationSubjects, actorHeaders, type SignUp } from '@elk/contracts';
import { InfrastructureModule } from '@elk/service-kit';
import { infrastructureFixture, probeIntegrationEvents, serveOnBus, uniquePhone, withFakeHandler, type IntegrationEventsProbe, type TestInfrastructure } from '@elk/testing';
import { OrganisationModule } from '../src';

function newSignUp(): SignUp {
  return {
    organisationId: randomUUID(),
    accountId: randomUUID(),
    organisationName: 'ООО «Василёк»',
    fullName: 'Сидоров Пётр Ильич',
    phone: uniquePhone(),
    email: `petr.${randomUUID().slice(0, 8)}@example.ru`,
    password: 'Пароль-надёжный-1',
  };
}

describe.each(['embedded', 'distributed'] as const)('organisation integration events (%s)', (mode) => {
  const fixture = infrastructureFixture(mode, 'organisation_events_test');
  let infrastructure: TestInfrastructure;
  let probe: IntegrationEventsProbe;
  let app: INestMicroservice | undefined;

  beforeAll(() => fixture.start(), 30_000);
  afterAll(() => fixture.close());

  beforeEach(async () => {
    infrastructure = await fixture.open();
    probe = await probeIntegrationEvents(infrastructure, 'organisation');
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await probe.close();
    await fixture.cleanup();
  });

  async function start(): Promise<void> {
    const withIdentity = await withFakeHandler({ ...infrastructure, bus: probe.bus }, IdentitySubjects.RegisterAccount, async (data) => ({ accountId: (data as { accountId: string }).accountId }));
    const module = await Test.createTestingModule({
      imports: [InfrastructureModule.forRoot(withIdentity), OrganisationModule.forRoot({ eventSubjectPrefix: probe.subjectPrefix, secretsKey: randomBytes(32) })],
    }).compile();
    app = await serveOnBus(module, withIdentity.bus);
  }

  it('publishes each sign-up once, across a restart, with its Owner as an employee (no phone or email)', async () => {
    const first = newSignUp();
    await start();
    await probe.bus.request(OrganisationSubjects.SignUp, first);

    const [registered, ownerAdded] = await probe.expectReceived(2);
    expect(probe.received[0]?.subject).toBe(`${probe.subjectPrefix}.organisation.OrganisationRegistered`);
    expect(registered).toMatchObject({
      type: 'OrganisationRegistered',
      schemaVersion: 1,
      streamId: `organisation-${first.organisationId}-${first.organisationId}`,
      streamPosition: 1,
      data: {
        organisationId: first.organisationId,
        name: first.organisationName,
        owner: { accountId: first.accountId, fullName: first.fullName, phone: first.phone, email: first.email },
        registeredAt: expect.any(String),
      },
      metadata: { organisationId: first.organisationId, actor: first.accountId },
    });
    expect(ownerAdded).toMatchObject({ type: 'EmployeeAdded', streamId: `employees-${first.organisationId}-${first.organisationId}` });
    expect(ownerAdded?.data).toEqual({
      organisationId: first.organisationId,
      employeeId: first.accountId,
      lastName: 'Сидоров',
      firstName: 'Пётр',
      patronymic: 'Ильич',
      role: 'owner',
      addedAt: expect.any(String),
    });
    expect(JSON.stringify(probe.received)).not.toContain(first.password);

    await app?.close();
    await start();
    const second = newSignUp();
    await probe.bus.request(OrganisationSubjects.SignUp, second);

    const events = await probe.expectReceived(4);
    expect(events.map((event) => `${event.type} ${(event.data as { organisationId: string }).organisationId}`)).toEqual([
      `OrganisationRegistered ${first.organisationId}`,
      `EmployeeAdded ${first.organisationId}`,
      `OrganisationRegistered ${second.organisationId}`,
      `EmployeeAdded ${second.organisationId}`,
    ]);
  });

  it('publishes legal entities without the Честный Знак token', async () => {
    await start();
    const organisationId = randomUUID();
    const headers = actorHeaders({ organisationId, accountId: randomUUID(), role: 'owner' }, randomUUID());
    const token = 'plain-chestny-znak-token-Qxyz';
    const legalEntityId = randomUUID();
    const entity = { type: 'ooo', name: 'ООО «Ромашка»', inn: '7707083893', kpp: '773601001', ogrn: '1027700132195', legalAddress: 'г. Москва, ул. Вавилова, д. 19', taxSystem: 'osn' };
    await probe.bus.request(OrganisationSubjects.AddLegalEntity, { legalEntityId, entity: { ...entity, chestnyZnakToken: token } }, { headers });
    await probe.bus.request(OrganisationSubjects.UpdateLegalEntity, { legalEntityId, entity: { ...entity, name: 'ООО «Ромашка-2»', expectedVersion: 1 } }, { headers });
    await probe.bus.request(OrganisationSubjects.DeleteLegalEntity, { legalEntityId }, { headers });

    const events = await probe.expectReceived(3);
    expect(events.map((event) => event.type)).toEqual(['LegalEntityAdded', 'LegalEntityUpdated', 'LegalEntityDeleted']);
    expect(events[0]?.data).toEqual({ organisationId, legalEntityId, ...entity, addedAt: expect.any(String) });
    expect(events[1]?.data).toMatchObject({ name: 'ООО «Ромашка-2»' });
    expect(JSON.stringify(probe.received)).not.toMatch(/chestnyZnakToken|ciphertext|plain-chestny|Qxyz/);
  });

  it('publishes the sales point events, the payment methods grid whole', async () => {
    await start();
    const organisationId = randomUUID();
    const headers = actorHeaders({ organisationId, accountId: randomUUID(), role: 'owner' }, randomUUID());
    const legalEntityId = randomUUID();
    const salesPointId = randomUUID();
    const entity = { type: 'ooo', name: 'ООО «Ромашка»', inn: '7707083893', kpp: '773601001', ogrn: '1027700132195', legalAddress: 'г. Москва', taxSystem: 'osn' };
    await probe.bus.request(OrganisationSubjects.AddLegalEntity, { legalEntityId, entity }, { headers });
    const point = { name: 'Магазин', legalEntityId, address: 'г. Москва, ул. Тверская, д. 1', brand: 'Ромашка' };
    await probe.bus.request(OrganisationSubjects.AddSalesPoint, { salesPointId, point }, { headers });
    await probe.bus.request(OrganisationSubjects.UpdateSalesPoint, { salesPointId, point: { ...point, name: 'Магазин у дома', expectedVersion: 1 } }, { headers });
    const paymentMethods = { owner: ['cash', 'card', 'sbp'], admin: ['cash'], manager: ['cash'], cashier: ['card'], guest: [] };
    await probe.bus.request(OrganisationSubjects.SetSalesPointPaymentMethods, { salesPointId, grid: { paymentMethods, expectedVersion: 2 } }, { headers });
    await probe.bus.request(OrganisationSubjects.DeleteSalesPoint, { salesPointId }, { headers });

    const events = await probe.expectReceived(5);
    expect(events.map((event) => event.type)).toEqual(['LegalEntityAdded', 'SalesPointAdded', 'SalesPointUpdated', 'SalesPointPaymentMethodsSet', 'SalesPointDeleted']);
    expect(events[1]).toMatchObject({ streamId: `sales-point-${organisationId}-${salesPointId}`, schemaVersion: 1 });
    expect(events[1]?.data).toEqual({
      organisationId,
      salesPointId,
      ...point,
      paymentMethods: { owner: ['cash', 'card'], admin: ['cash', 'card'], manager: ['cash', 'card'], cashier: ['cash', 'card'], guest: [] },
      addedAt: expect.any(String),
    });
    expect(events[2]?.data).toMatchObject({ name: 'Магазин у дома' });
    expect(events[3]?.data).toEqual({ organisationId, salesPointId, paymentMethods, setAt: expect.any(String) });
    expect(events[4]?.data).toEqual({ organisationId, salesPointId, deletedAt: expect.any(String) });
  });
});
