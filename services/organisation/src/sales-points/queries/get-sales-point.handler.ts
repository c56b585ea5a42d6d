import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { type Actor, GetSalesPoint, type SalesPointView, OrganisationSubjects } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, BusPayload, BusActor } from '@elk/service-kit';
import { salesPointView } from '../sales-point.view';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class GetSalesPointHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Another organisation's sales point does not exist for the actor. */
  @MessagePattern(OrganisationSubjects.GetSalesPoint, { queue: ORGANISATION_QUEUE })
  execute(@BusPayload(GetSalesPoint) query: GetSalesPoint, @BusActor() actor: Actor): Promise<SalesPointView> {
    return salesPointView(this.documents, actor.organisationId, query.salesPointId);
  }
}
