import { randomUUID } from 'node:crypto';
import { DomainError, IdentitySubjects, OrganisationSubjects, type OrganisationView, type RegisterAccount } from '@elk/contracts';
import { failureOf } from '@elk/testing';
import { organisationStreamId } from '../src';
import { newSignUp, organisationTestbed } from './organisation.testbed';

const clock = { now: () => new Date('2025-01-15T10:00:00.000Z') };

describe.each(['embedded', 'distributed'] as const)('organisation service (%s)', (mode) => {
  const testbed = organisationTestbed(mode, 'organisation_test', {
    clock,
    startEachTest: false,
    identity: { [IdentitySubjects.RegisterAccount]: (data: RegisterAccount) => ({ accountId: data.accountId }) },
  });
  /** What the fake identity service was asked to register. */
  const registered = () => testbed.identityAsked.map((call) => call.data as RegisterAccount);
  const { start, signUp } = testbed;
  const getOrganisation = (organisationId: string, actor: { organisationId: string; accountId: string }) =>
    testbed.actor({ ...actor, role: 'owner' }).request<OrganisationView>(OrganisationSubjects.GetOrganisation, { organisationId });

  it('registers the Owner with identity, then the organisation, readable at once', async () => {
    await start();
    const command = newSignUp();

    await expect(signUp(command)).resolves.toEqual({ organisationId: command.organisationId, accountId: command.accountId });

    expect(registered()).toEqual([
      { accountId: command.accountId, organisationId: command.organisationId, fullName: command.fullName, phone: command.phone, email: command.email, role: 'owner', password: command.password },
    ]);
    expect(await getOrganisation(command.organisationId, command)).toEqual({
      organisationId: command.organisationId,
      name: command.organisationName,
      ownerAccountId: command.accountId,
      registeredAt: '2025-01-15T10:00:00.000Z',
    });
    const { events } = await testbed.infrastructure.eventStore.readStream(organisationStreamId(command.organisationId));
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
    testbed.identityRefuses = new DomainError('PHONE_TAKEN', 'Этот телефон уже зарегистрирован', [{ path: 'phone', message: 'Этот телефон уже зарегистрирован' }]);
    const command = newSignUp();

    const failure = await failureOf(signUp(command));

    expect(failure).toMatchObject({ code: 'PHONE_TAKEN', message: 'Этот телефон уже зарегистрирован', details: { errors: [{ path: 'phone' }] } });
    expect((await testbed.infrastructure.eventStore.readStream(organisationStreamId(command.organisationId))).version).toBe(0);
  });

  it('takes a retried sign-up as done', async () => {
    await start();
    const command = newSignUp();

    await signUp(command);
    await signUp(command);

    expect((await testbed.infrastructure.eventStore.readStream(organisationStreamId(command.organisationId))).version).toBe(1);
  });

  it('refuses a bad sign-up with per-field messages', async () => {
    await start();

    const failure = await failureOf(signUp({ ...newSignUp(), phone: '12345', password: 'short' }));

    expect(failure.code).toBe('VALIDATION_FAILED');
    expect((failure.details as { errors: Array<{ path: string }> }).errors.map((error) => error.path).sort()).toEqual(['password', 'password', 'phone']);
    expect(registered()).toEqual([]);
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
    expect(await failureOf(testbed.infrastructure.bus.request(OrganisationSubjects.GetOrganisation, { organisationId: command.organisationId }))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
