import { randomUUID } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IdentitySubjects, type RegisterAccount } from '@elk/contracts';
import { InfrastructureModule } from '@elk/service-kit';
import { infrastructureFixture, probeIntegrationEvents, serveOnBus, uniquePhone, type IntegrationEventsProbe, type TestInfrastructure } from '@elk/testing';
import { IdentityModule } from '../src';

const JWT_SECRET = 'identity-test-secret-0123456789abcdef';

function newAccount(): RegisterAccount {
  return {
    accountId: randomUUID(),
    organisationId: randomUUID(),
    fullName: 'Петрова Анна Сергеевна',
    phone: uniquePhone(),
    email: `anna.${randomUUID().slice(0, 8)}@example.ru`,
    role: 'owner',
    password: 'Пароль-надёжный-1',
  };
}

describe.each(['embedded', 'distributed'] as const)('identity integration events (%s)', (mode) => {
  const fixture = infrastructureFixture(mode, 'identity_events_test');
  let infrastructure: TestInfrastructure;
  let probe: IntegrationEventsProbe;
  let app: INestMicroservice | undefined;

  beforeAll(() => fixture.start(), 30_000);
  afterAll(() => fixture.close());

  beforeEach(async () => {
    infrastructure = await fixture.open();
    probe = await probeIntegrationEvents(infrastructure, 'identity');
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await probe.close();
    await fixture.cleanup();
  });

  async function start(): Promise<void> {
    const module = await Test.createTestingModule({
      imports: [InfrastructureModule.forRoot({ ...infrastructure, bus: probe.bus }), IdentityModule.forRoot({ jwtSecret: JWT_SECRET, eventSubjectPrefix: probe.subjectPrefix })],
    }).compile();
    app = await serveOnBus(module, probe.bus);
  }

  it('publishes each registration once, without the password hash, across a restart', async () => {
    const first = newAccount();
    await start();
    await probe.bus.request(IdentitySubjects.RegisterAccount, first);

    const [registered] = await probe.expectReceived(1);
    expect(probe.received[0]?.subject).toBe(`${probe.subjectPrefix}.identity.AccountRegistered`);
    const { password: _, ...publicFields } = first;
    expect(registered).toMatchObject({
      type: 'AccountRegistered',
      streamId: `account-${first.organisationId}-${first.accountId}`,
      data: { ...publicFields, registeredAt: expect.any(String) },
      metadata: { organisationId: first.organisationId, actor: first.accountId },
    });
    expect(JSON.stringify(probe.received)).not.toMatch(/passwordHash|argon2|Пароль/);

    await app?.close();
    await start();
    const second = newAccount();
    await probe.bus.request(IdentitySubjects.RegisterAccount, second);

    const events = await probe.expectReceived(2);
    expect(events.map((event) => (event.data as { accountId: string }).accountId)).toEqual([first.accountId, second.accountId]);
  });
});
