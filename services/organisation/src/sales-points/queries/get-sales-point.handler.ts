import { Inject, Injectable } from '@nestjs/common';
import type { Actor, GetSalesPoint, SalesPointView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE } from '@elk/service-kit';
import { salesPointView } from '../sales-point.view';

@Injectable()
export class GetSalesPointHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Another organisation's sales point does not exist for the actor. */
  execute(query: GetSalesPoint, actor: Actor): Promise<SalesPointView> {
    return salesPointView(this.documents, actor.organisationId, query.salesPointId);
  }
}
