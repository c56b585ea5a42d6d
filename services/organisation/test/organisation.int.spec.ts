import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { DomainError, IdentitySubjects, OrganisationSubjects, actorHeaders, type OrganisationView, type RegisterAccount, type SignUp } from '@elk/contracts';
import { RemoteError } from '@elk/messaging';
import { InfrastructureModule } from '@elk/service-kit';
import { infrastructureFixture, withFakeHandler, type TestInfrastructure } from '@elk/testing';
import { OrganisationModule, organisationStreamId, type SignUpResult } from '../src';

const clock = { now: () => new Date('2025-01-15T10:00:00.000Z') };

function newSignUp(): SignUp {
  return {
    organisationId: randomUUID(),
    accountId: randomUUID(),
    organisationName: 'ООО «Ромашка»',
    fullName: 'Иванов Иван Иванович',
    phone: `+79${String(randomInt(0, 1e9)).padStart(9, '0')}`,
    email: `ivan.${randomUUID().slice(0, 8)}@example.ru`,
    password: 'Пароль-надёжный-1',
  };
}

async function failureOf(promise: Promise<unknown>): Promise<RemoteError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RemoteError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe.each(['embedded', 'distributed'] as const)('organisation service (%s)', (mode) => {
  const fixture = infrastructureFixture(mode, 'organisation_test');
  let infrastructure: TestInfrastructure;
  let app: TestingModule | undefined;
  /** What the fake identity service was asked to register. */
  let registered: RegisterAccount[];
  let identityRefuses: DomainError | null;

  beforeAll(() => fixture.start(), 30_000);

  beforeEach(async () => {
    infrastructure = await fixture.open();
    registered = [];
    identityRefuses = null;
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await fixture.cleanup();
  });

  afterAll(() => fixture.close());

  async function start(options: { identity: boolean } = { identity: true }): Promise<void> {
    const withIdentity = options.identity
      ? await withFakeHandler(infrastructure, IdentitySubjects.RegisterAccount, async (data) => {
          if (identityRefuses) throw identityRefuses;
          registered.push(data as RegisterAccount);
          return { accountId: (data as RegisterAccount).accountId };
        })
      : infrastructure;
    app = await Test.createTestingModule({ imports: [InfrastructureModule.forRoot(withIdentity), OrganisationModule.forRoot({ clock, secretsKey: randomBytes(32) })] }).compile();
    await app.init();
  }

  const signUp = (command: SignUp) => infrastructure.bus.request<SignUpResult>(OrganisationSubjects.SignUp, command);
  const getOrganisation = (organisationId: string, actor: { organisationId: string; accountId: string }) =>
    infrastructure.bus.request<OrganisationView>(OrganisationSubjects.GetOrganisation, { organisationId }, { headers: actorHeaders({ ...actor, role: 'owner' }, randomUUID()) });

  it('registers the Owner with identity, then the organisation, readable at once', async () => {
    await start();
    const command = newSignUp();

    await expect(signUp(command)).resolves.toEqual({ organisationId: command.organisationId, accountId: command.accountId });

    expect(registered).toEqual([
      { accountId: command.accountId, organisationId: command.organisationId, fullName: command.fullName, phone: command.phone, email: command.email, role: 'owner', password: command.password },
    ]);
    expect(await getOrganisation(command.organisationId, command)).toEqual({
      organisationId: command.organisationId,
      name: command.organisationName,
      ownerAccountId: command.accountId,
      registeredAt: '2025-01-15T10:00:00.000Z',
    });
    const { events } = await infrastructure.eventStore.readStream(organisationStreamId(command.organisationId));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'OrganisationRegistered',
      schemaVersion: 1,
      data: { name: command.organisationName, owner: { accountId: command.accountId, phone: command.phone, email: command.email } },
      metadata: { organisationId: command.organisationId, actor: command.accountId },
    });
    expect(JSON.stringify([events[0]?.data, events[0]?.metadata])).not.toContain(command.password);
  });

  it('stores nothing when identity refuses the phone, and passes the refusal on', async () => {
    await start();
    identityRefuses = new DomainError('PHONE_TAKEN', 'Этот телефон уже зарегистрирован', [{ path: 'phone', message: 'Этот телефон уже зарегистрирован' }]);
    const command = newSignUp();

    const failure = await failureOf(signUp(command));

    expect(failure).toMatchObject({ code: 'PHONE_TAKEN', message: 'Этот телефон уже зарегистрирован', details: { errors: [{ path: 'phone' }] } });
    expect((await infrastructure.eventStore.readStream(organisationStreamId(command.organisationId))).version).toBe(0);
  });

  it('takes a retried sign-up as done', async () => {
    await start();
    const command = newSignUp();

    await signUp(command);
    await signUp(command);

    expect((await infrastructure.eventStore.readStream(organisationStreamId(command.organisationId))).version).toBe(1);
  });

  it('refuses a bad sign-up with per-field messages', async () => {
    await start();

    const failure = await failureOf(signUp({ ...newSignUp(), phone: '12345', password: 'short' }));

    expect(failure.code).toBe('VALIDATION_FAILED');
    expect((failure.details as { errors: Array<{ path: string }> }).errors.map((error) => error.path).sort()).toEqual(['password', 'password', 'phone']);
    expect(registered).toEqual([]);
  });

  // Only on a bus of its own: on the shared NATS server another test file's identity may answer.
  if (mode === 'embedded') {
    it('says the service is unavailable when identity does not answer', async () => {
      await start({ identity: false });

      const failure = await failureOf(signUp(newSignUp()));

      expect(failure.code).toBe('SERVICE_UNAVAILABLE');
    });
  }

  it('shows an organisation only to its own people', async () => {
    await start();
    const command = newSignUp();
    await signUp(command);

    expect(await failureOf(getOrganisation(command.organisationId, { organisationId: randomUUID(), accountId: randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failureOf(infrastructure.bus.request(OrganisationSubjects.GetOrganisation, { organisationId: command.organisationId }))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
