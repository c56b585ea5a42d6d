import { Inject, Injectable } from '@nestjs/common';
import type { Actor, CategoryList, CategoryView, GetCategoryList } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationListPage } from '@elk/service-kit';
import { categoriesCollection } from './category-list.projection';

@Injectable()
export class GetCategoryListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The actor's organisation's categories by name, each with its `parentId` to build the tree; search looks in the name. */
  execute(query: GetCategoryList, actor: Actor): Promise<CategoryList> {
    return organisationListPage<CategoryView>(this.documents, categoriesCollection, actor.organisationId, query);
  }
}
