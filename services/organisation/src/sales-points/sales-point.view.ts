import { DomainError, type SalesPointView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import type { EventStore } from '@elk/eventstore';
import { organisationDocument, readStreamState } from '@elk/service-kit';
import { legalEntitiesStreamId, legalEntityDecider } from '../legal-entities/legal-entity.decider';
import { salesPointsCollection } from './queries/sales-point-list.projection';
import { NOT_FOUND_MESSAGE, type LegalEntityLookup } from './sales-point.decider';

/** The organisation's live legal entity with this id, from its stream (not a read model that may lag): null when none. */
export async function findLegalEntity(eventStore: EventStore, organisationId: string, legalEntityId: string): Promise<LegalEntityLookup> {
  const { state } = await readStreamState(eventStore, legalEntitiesStreamId(organisationId), legalEntityDecider);
  const entity = state.entities[legalEntityId];
  return entity && !entity.deleted ? { name: entity.name } : null;
}

/** The sales point's card from the read model; another organisation's does not exist for the actor. */
export async function salesPointView(documents: DocumentStore, organisationId: string, salesPointId: string): Promise<SalesPointView> {
  const view = await organisationDocument<SalesPointView>(documents, salesPointsCollection, organisationId, salesPointId);
  if (!view) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
  return view;
}
