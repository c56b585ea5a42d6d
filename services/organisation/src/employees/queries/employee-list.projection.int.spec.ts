import { randomUUID } from 'node:crypto';
import { handleCommand } from '@elk/service-kit';
import { infrastructureFixture, type TestInfrastructure } from '@elk/testing';
import { employeeDecider, employeesStreamId, type EmployeeActor, type EmployeeFields } from '../employee.decider';
import { employeeListProjection, employeesCollection } from './employee-list.projection';

describe.each(['embedded', 'distributed'] as const)('employee list projection (%s)', (mode) => {
  const fixture = infrastructureFixture(mode, 'employee_projection_test');
  let infrastructure: TestInfrastructure;

  beforeAll(() => fixture.start(), 30_000);
  beforeEach(async () => {
    infrastructure = await fixture.open();
    await infrastructure.documentStore.ensureCollections([employeesCollection]);
  });
  afterEach(() => fixture.cleanup());
  afterAll(() => fixture.close());

  it('keeps the card with its full name and last PIN-code time, drops the deleted, and a replay changes nothing', async () => {
    const organisationId = randomUUID();
    const [ownerId, cashierId, guestId] = [randomUUID(), randomUUID(), randomUUID()];
    const actor: EmployeeActor = { accountId: ownerId, role: 'owner' };
    const cashier: EmployeeFields = { lastName: 'Сидоров', firstName: 'Пётр', patronymic: null, phone: '+79123456789', email: null, role: 'cashier' };
    const streamId = employeesStreamId(organisationId);
    const metadata = { organisationId, actor: ownerId, correlationId: randomUUID(), causationId: randomUUID() };
    const run = (command: Parameters<typeof employeeDecider.decide>[0]) => handleCommand(infrastructure.eventStore, streamId, employeeDecider, command, metadata);
    await run({ type: 'AddOwner', organisationId, employeeId: ownerId, fullName: 'Иванов Иван', phone: '+79120000001', email: 'ivan@example.ru', at: '2025-01-15T10:00:00.000Z' });
    await run({ type: 'AddEmployee', organisationId, employeeId: cashierId, fields: cashier, actor, pinSentAt: '2025-01-15T10:00:01.000Z', at: '2025-01-15T10:00:00.000Z' });
    await run({ type: 'AddEmployee', organisationId, employeeId: guestId, fields: { ...cashier, phone: '+79120000003', role: 'guest' }, actor, pinSentAt: '2025-01-15T10:00:01.000Z', at: '2025-01-15T10:00:00.000Z' });
    await run({ type: 'UpdateEmployee', organisationId, employeeId: cashierId, fields: { ...cashier, patronymic: 'Ильич', role: 'manager' }, expectedVersion: 1, actor, at: '2025-01-16T10:00:00.000Z' });
    await run({ type: 'SendPin', organisationId, employeeId: cashierId, actor, sentAt: '2025-01-17T10:00:00.000Z' });
    await run({ type: 'DeleteEmployee', organisationId, employeeId: guestId, actor, at: '2025-01-17T10:00:00.000Z' });

    const { events } = await infrastructure.eventStore.readStream(streamId);
    const project = () =>
      infrastructure.documentStore.transaction(async (session) => {
        for (const event of events) await employeeListProjection.apply([event], session);
      });
    const documents = infrastructure.documentStore.collection(employeesCollection);

    await project();
    const first = await documents.get(cashierId);
    await project();

    expect(first?.data).toEqual({
      organisationId,
      id: cashierId,
      version: 2,
      lastName: 'Сидоров',
      firstName: 'Пётр',
      patronymic: 'Ильич',
      fullName: 'Сидоров Пётр Ильич',
      phone: '+79123456789',
      phoneDigits: '79123456789 89123456789',
      email: null,
      role: 'manager',
      pinSentAt: '2025-01-17T10:00:00.000Z',
      createdAt: '2025-01-15T10:00:00.000Z',
      updatedAt: '2025-01-16T10:00:00.000Z',
    });
    expect(await documents.get(cashierId)).toEqual(first);
    expect((await documents.get(ownerId))?.data).toMatchObject({ fullName: 'Иванов Иван', role: 'owner', pinSentAt: null });
    expect(await documents.get(guestId)).toBeNull();
  });
});
