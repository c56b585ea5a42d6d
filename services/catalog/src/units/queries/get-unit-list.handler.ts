import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { type Actor, GetUnitList, type UnitList, type UnitView, CatalogSubjects } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationListPage, BusPayload, BusActor } from '@elk/service-kit';
import { unitsCollection } from './unit-list.projection';
import { CATALOG_QUEUE } from '../../catalog.queue';

@Controller()
export class GetUnitListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The actor's organisation's units by name; search looks in the name and the short name. */
  @MessagePattern(CatalogSubjects.GetUnitList, { queue: CATALOG_QUEUE })
  execute(@BusPayload(GetUnitList) query: GetUnitList, @BusActor() actor: Actor): Promise<UnitList> {
    return organisationListPage<UnitView>(this.documents, unitsCollection, actor.organisationId, query);
  }
}
