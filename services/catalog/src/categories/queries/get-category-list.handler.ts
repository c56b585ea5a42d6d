import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { type Actor, type CategoryList, type CategoryView, GetCategoryList, CatalogSubjects } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationListPage, BusPayload, BusActor } from '@elk/service-kit';
import { categoriesCollection } from './category-list.projection';
import { CATALOG_QUEUE } from '../../catalog.queue';

@Controller()
export class GetCategoryListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The actor's organisation's categories by name, each with its `parentId` to build the tree; search looks in the name. */
  @MessagePattern(CatalogSubjects.GetCategoryList, { queue: CATALOG_QUEUE })
  execute(@BusPayload(GetCategoryList) query: GetCategoryList, @BusActor() actor: Actor): Promise<CategoryList> {
    return organisationListPage<CategoryView>(this.documents, categoriesCollection, actor.organisationId, query);
  }
}
