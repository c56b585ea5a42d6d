import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { type Actor, GetLegalEntityList, type LegalEntityList, type LegalEntityView, OrganisationSubjects } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationListPage, BusPayload, BusActor } from '@elk/service-kit';
import { legalEntitiesCollection } from './legal-entity-list.projection';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class GetLegalEntityListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The actor's organisation's legal entities by name; search looks in the name and the ИНН. */
  @MessagePattern(OrganisationSubjects.GetLegalEntityList, { queue: ORGANISATION_QUEUE })
  execute(@BusPayload(GetLegalEntityList) query: GetLegalEntityList, @BusActor() actor: Actor): Promise<LegalEntityList> {
    return organisationListPage<LegalEntityView>(this.documents, legalEntitiesCollection, actor.organisationId, query);
  }
}
