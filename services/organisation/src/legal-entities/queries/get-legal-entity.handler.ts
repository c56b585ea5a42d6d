import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor, type GetLegalEntity, type LegalEntityView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE } from '@elk/service-kit';
import { NOT_FOUND_MESSAGE } from '../legal-entity.decider';
import { legalEntitiesCollection } from './legal-entity-list.projection';

@Injectable()
export class GetLegalEntityHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Another organisation's legal entity does not exist for the actor. */
  async execute(query: GetLegalEntity, actor: Actor): Promise<LegalEntityView> {
    const document = await this.documents.collection(legalEntitiesCollection).get(query.legalEntityId);
    if (!document || document.data.organisationId !== actor.organisationId) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
    const { organisationId: _organisationId, ...view } = document.data;
    return view;
  }
}
