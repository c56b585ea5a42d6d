import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor, type GetLegalEntity, type LegalEntityView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationDocument } from '@elk/service-kit';
import { NOT_FOUND_MESSAGE } from '../legal-entity.decider';
import { legalEntitiesCollection } from './legal-entity-list.projection';

@Injectable()
export class GetLegalEntityHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Another organisation's legal entity does not exist for the actor. */
  async execute(query: GetLegalEntity, actor: Actor): Promise<LegalEntityView> {
    const view = await organisationDocument<LegalEntityView>(this.documents, legalEntitiesCollection, actor.organisationId, query.legalEntityId);
    if (!view) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
    return view;
  }
}
