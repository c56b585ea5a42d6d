import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor, type OrganisationView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE } from '@elk/service-kit';
import { organisationsCollection } from './organisation-details.projection';

@Injectable()
export class GetOrganisationHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Only the actor's own organisation exists for it. */
  async execute(query: { organisationId: string }, actor: Actor): Promise<OrganisationView> {
    const organisation = query.organisationId === actor.organisationId ? await this.documents.collection(organisationsCollection).get(query.organisationId) : null;
    if (!organisation) throw new DomainError('NOT_FOUND', 'Организация не найдена');
    return organisation.data;
  }
}
