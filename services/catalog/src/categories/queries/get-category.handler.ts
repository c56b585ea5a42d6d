import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DomainError, type Actor, type CategoryView, GetCategory, CatalogSubjects } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationDocument, BusPayload, BusActor } from '@elk/service-kit';
import { CATEGORY_NOT_FOUND_MESSAGE } from '../category.decider';
import { categoriesCollection } from './category-list.projection';
import { CATALOG_QUEUE } from '../../catalog.queue';

@Controller()
export class GetCategoryHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Another organisation's category does not exist for the actor. */
  @MessagePattern(CatalogSubjects.GetCategory, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(GetCategory) query: GetCategory, @BusActor() actor: Actor): Promise<CategoryView> {
    const category = await organisationDocument<CategoryView>(this.documents, categoriesCollection, actor.organisationId, query.categoryId);
    if (!category) throw new DomainError('NOT_FOUND', CATEGORY_NOT_FOUND_MESSAGE);
    return category;
  }
}
