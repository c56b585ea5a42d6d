import { Inject, Injectable } from '@nestjs/common';
import type { Actor, GetLegalEntityList, LegalEntityList, LegalEntityView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationListPage } from '@elk/service-kit';
import { legalEntitiesCollection } from './legal-entity-list.projection';

@Injectable()
export class GetLegalEntityListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The actor's organisation's legal entities by name; search looks in the name and the ИНН. */
  execute(query: GetLegalEntityList, actor: Actor): Promise<LegalEntityList> {
    return organisationListPage<LegalEntityView>(this.documents, legalEntitiesCollection, actor.organisationId, query);
  }
}
