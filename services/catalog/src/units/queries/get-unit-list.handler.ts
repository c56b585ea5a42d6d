import { Inject, Injectable } from '@nestjs/common';
import type { Actor, GetUnitList, UnitList, UnitView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationListPage } from '@elk/service-kit';
import { unitsCollection } from './unit-list.projection';

@Injectable()
export class GetUnitListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The actor's organisation's units by name; search looks in the name and the short name. */
  execute(query: GetUnitList, actor: Actor): Promise<UnitList> {
    return organisationListPage<UnitView>(this.documents, unitsCollection, actor.organisationId, query);
  }
}
