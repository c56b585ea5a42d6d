import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor, type CategoryView, type GetCategory } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationDocument } from '@elk/service-kit';
import { CATEGORY_NOT_FOUND_MESSAGE } from '../category.decider';
import { categoriesCollection } from './category-list.projection';

@Injectable()
export class GetCategoryHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Another organisation's category does not exist for the actor. */
  async execute(query: GetCategory, actor: Actor): Promise<CategoryView> {
    const category = await organisationDocument<CategoryView>(this.documents, categoriesCollection, actor.organisationId, query.categoryId);
    if (!category) throw new DomainError('NOT_FOUND', CATEGORY_NOT_FOUND_MESSAGE);
    return category;
  }
}
