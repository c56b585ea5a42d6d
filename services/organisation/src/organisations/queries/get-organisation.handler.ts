import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DomainError, type Actor, type OrganisationView, GetOrganisation, OrganisationSubjects } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, BusPayload, BusActor } from '@elk/service-kit';
import { organisationsCollection } from './organisation-details.projection';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class GetOrganisationHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Only the actor's own organisation exists for it. */
  @MessagePattern(OrganisationSubjects.GetOrganisation, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(GetOrganisation) query: { organisationId: string }, @BusActor() actor: Actor): Promise<OrganisationView> {
    const organisation = query.organisationId === actor.organisationId ? await this.documents.collection(organisationsCollection).get(query.organisationId) : null;
    if (!organisation) throw new DomainError('NOT_FOUND', 'Организация не найдена');
    return organisation.data;
  }
}
