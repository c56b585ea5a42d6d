import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@elk/eventstore';
import { identityIntegrationEvents } from './identity.integration-events';

const accountId = randomUUID();
const organisationId = randomUUID();
const at = '2025-01-15T10:00:00.000Z';

function recorded(streamId: string, type: string, data: unknown): RecordedEvent {
  return {
    eventId: randomUUID(),
    streamId,
    streamPosition: 1,
    globalPosition: 1n,
    transactionId: 1n,
    type,
    schemaVersion: 1,
    data,
    metadata: { organisationId, actor: accountId, correlationId: 'c', causationId: 'c' },
    recordedAt: new Date(at),
  };
}

const account = (type: string, data: Record<string, unknown>) => recorded(`account-${organisationId}-${accountId}`, type, { accountId, ...data });
const login = (type: string, data: Record<string, unknown>) => recorded('login-phone-+79120001122', type, { kind: 'phone', login: '+79120001122', accountId, ...data });

describe('identity integration events', () => {
  it('publishes account changes without password hashes', () => {
    const published = [
      account('AccountRegistered', { organisationId, fullName: 'Иванов Иван', phone: '+79120001122', email: 'ivan@example.ru', role: 'owner', passwordHash: '$argon2id$x', registeredAt: at }),
      account('AccountRegistered', { organisationId, fullName: 'Петрова Анна', phone: '+79120003344', email: null, role: 'cashier', passwordHash: null, registeredAt: at }),
      account('AccountPasswordChanged', { passwordHash: '$argon2id$y', changedAt: at }),
      account('AccountPasswordResetCompleted', { passwordHash: '$argon2id$z', completedAt: at }),
      account('AccountProfileChanged', { fullName: 'Петрова Анна', phone: '+79120005566', email: 'anna@example.ru', role: 'manager', changedAt: at }),
      account('AccountClosed', { closedAt: at }),
    ].map((event) => identityIntegrationEvents.publicEvent(event));

    expect(published).toEqual([
      { type: 'AccountRegistered', schemaVersion: 1, data: { accountId, organisationId, fullName: 'Иванов Иван', phone: '+79120001122', email: 'ivan@example.ru', role: 'owner', registeredAt: at } },
      { type: 'AccountRegistered', schemaVersion: 1, data: { accountId, organisationId, fullName: 'Петрова Анна', phone: '+79120003344', email: null, role: 'cashier', registeredAt: at } },
      { type: 'AccountPasswordChanged', schemaVersion: 1, data: { accountId, changedAt: at } },
      { type: 'AccountPasswordResetCompleted', schemaVersion: 1, data: { accountId, completedAt: at } },
      { type: 'AccountProfileChanged', schemaVersion: 1, data: { accountId, fullName: 'Петрова Анна', phone: '+79120005566', email: 'anna@example.ru', role: 'manager', changedAt: at } },
      { type: 'AccountClosed', schemaVersion: 1, data: { accountId, closedAt: at } },
    ]);
  });

  it('keeps reset codes, PIN-codes and login-name claims inside the service', () => {
    const kept = [
      account('AccountPasswordResetCodeIssued', { codeHash: '$argon2id$c', issuedAt: at, expiresAt: at }),
      account('AccountPasswordResetCodeRejected', { failedAttempts: 1, rejectedAt: at }),
      account('AccountPinIssued', { pinHash: '$argon2id$p', issuedAt: at }),
      login('LoginClaimed', { organisationId }),
      login('LoginReleased', {}),
    ].map((event) => identityIntegrationEvents.publicEvent(event));

    expect(kept).toEqual([null, null, null, null, null]);
  });

  it("leaves other services' streams alone and refuses a type it does not know in its own", () => {
    expect(identityIntegrationEvents.publicEvent(recorded(`organisation-${organisationId}-${organisationId}`, 'OrganisationRegistered', {}))).toBeNull();
    expect(() => identityIntegrationEvents.publicEvent(account('AccountVanished', {}))).toThrow(/no integration mapping for AccountVanished/);
  });
});
