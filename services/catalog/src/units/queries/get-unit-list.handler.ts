import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { type Actor, GetUnitList, type UnitList, CatalogSubjects } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationListPage, BusPayload, BusActor } from '@elk/service-kit';
import { unitOf, unitsCollection, type UnitDocument } from './unit-list.projection';
import { CATALOG_QUEUE } from '../../catalog.queue';

@Controller()
export class GetUnitListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The actor's organisation's units, the most common FFD measures first unless sorted; search looks in the name and the short name. */
  @MessagePattern(CatalogSubjects.GetUnitList, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(GetUnitList) query: GetUnitList, @BusActor() actor: Actor): Promise<UnitList> {
    const page = await organisationListPage<Omit<UnitDocument, 'organisationId'>>(this.documents, unitsCollection, actor.organisationId, query, {
      defaultSort: [{ field: 'commonRank' }, { field: 'name' }],
    });
    return { ...page, items: page.items.map(unitOf) };
  }
}
