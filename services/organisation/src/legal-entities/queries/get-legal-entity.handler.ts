import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DomainError, type Actor, GetLegalEntity, type LegalEntityView, OrganisationSubjects } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationDocument, BusPayload, BusActor } from '@elk/service-kit';
import { NOT_FOUND_MESSAGE } from '../legal-entity.decider';
import { legalEntitiesCollection } from './legal-entity-list.projection';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class GetLegalEntityHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Another organisation's legal entity does not exist for the actor. */
  @MessagePattern(OrganisationSubjects.GetLegalEntity, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(GetLegalEntity) query: GetLegalEntity, @BusActor() actor: Actor): Promise<LegalEntityView> {
    const view = await organisationDocument<LegalEntityView>(this.documents, legalEntitiesCollection, actor.organisationId, query.legalEntityId);
    if (!view) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
    return view;
  }
}
