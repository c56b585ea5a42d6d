import { Inject, Injectable } from '@nestjs/common';
import type { Actor, GetSalesPointList, SalesPointList, SalesPointView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationListPage } from '@elk/service-kit';
import { salesPointsCollection } from './sales-point-list.projection';

@Injectable()
export class GetSalesPointListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The actor's organisation's sales points by name; search looks in the name and the address. */
  execute(query: GetSalesPointList, actor: Actor): Promise<SalesPointList> {
    return organisationListPage<SalesPointView>(this.documents, salesPointsCollection, actor.organisationId, query);
  }
}
