import { deciderSpec } from '@elk/testing';
import { organisationDecider, type OrganisationEvent } from './organisation.decider';

const spec = deciderSpec(organisationDecider);

const organisationId = '0b6c3f0e-8a8e-4f57-9d0a-4d8f2a1e7c22';
const owner = { accountId: '7d1c7a3e-5b1f-4c0e-9a55-2f1f6f0c9b11', fullName: 'Иванов Иван', phone: '+79123456789', email: 'ivan@example.ru' };
const data = { organisationId, name: 'ООО «Ромашка»', owner, registeredAt: '2025-01-15T10:00:00.000Z' };
const registered: OrganisationEvent = { type: 'OrganisationRegistered', data };

describe('organisation decider', () => {
  it('registers a new organisation with its owner', () => {
    spec.given([]).when({ type: 'RegisterOrganisation', ...data }).then([registered]);
  });

  it('does nothing when the same sign-up is retried', () => {
    spec.given([registered]).when({ type: 'RegisterOrganisation', ...data, registeredAt: '2025-01-15T10:00:05.000Z' }).then([]);
  });

  it('refuses to register the organisation again for another owner', () => {
    spec.given([registered]).when({ type: 'RegisterOrganisation', ...data, owner: { ...owner, accountId: '9e2d8b4f-6c2a-4d1f-8b66-3a2a7a1d0c33' } }).thenThrows('RULE_VIOLATED');
  });
});
