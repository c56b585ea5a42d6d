import { DomainError, OrganisationEvents, type OrganisationRegistered } from '@elk/contracts';
import type { Decider, EventOf } from '@elk/service-kit';

export type OrganisationEvent = EventOf<typeof OrganisationEvents>;

export type OrganisationCommand = { type: 'RegisterOrganisation' } & OrganisationRegistered;

export type OrganisationState = { status: 'absent' } | { status: 'registered'; organisationId: string; name: string; ownerAccountId: string };

export function organisationStreamId(organisationId: string): string {
  return `organisation-${organisationId}-${organisationId}`;
}

function decide(command: OrganisationCommand, state: OrganisationState): OrganisationEvent[] {
  const { type: _type, ...data } = command;
  if (state.status === 'absent') return [{ type: 'OrganisationRegistered', data }];
  if (state.ownerAccountId === data.owner.accountId) return [];
  throw new DomainError('RULE_VIOLATED', 'Организация с этим идентификатором уже зарегистрирована');
}

function evolve(_state: OrganisationState, event: OrganisationEvent): OrganisationState {
  switch (event.type) {
    case 'OrganisationRegistered':
      return { status: 'registered', organisationId: event.data.organisationId, name: event.data.name, ownerAccountId: event.data.owner.accountId };
  }
}

export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  decide,
  evolve,
  initialState: { status: 'absent' },
  events: OrganisationEvents,
};
