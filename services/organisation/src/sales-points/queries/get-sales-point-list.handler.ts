import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { type Actor, GetSalesPointList, type SalesPointList, type SalesPointView, OrganisationSubjects } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationListPage, BusPayload, BusActor } from '@elk/service-kit';
import { salesPointsCollection } from './sales-point-list.projection';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class GetSalesPointListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The actor's organisation's sales points by name; search looks in the name and the address. */
  @MessagePattern(OrganisationSubjects.GetSalesPointList, { queue: ORGANISATION_QUEUE })
  execute(@BusPayload(GetSalesPointList) query: GetSalesPointList, @BusActor() actor: Actor): Promise<SalesPointList> {
    return organisationListPage<SalesPointView>(this.documents, salesPointsCollection, actor.organisationId, query);
  }
}
