import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { type Actor, GetProductList, type ProductList, CatalogSubjects, WITHOUT_CATEGORY } from '@elk/contracts';
import type { DocumentStore, FieldCondition } from '@elk/documents';
import { DOCUMENT_STORE, organisationListPage, BusPayload, BusActor } from '@elk/service-kit';
import { allOrganisationDocuments } from '../../organisation-documents';
import { categoriesCollection } from '../../categories/queries/category-list.projection';
import { productOf, productsCollection, type ProductDocument } from './product-list.projection';
import { CATALOG_QUEUE } from '../../catalog.queue';

@Controller()
export class GetProductListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** «Все товары» of the actor's organisation: search in the name, barcodes and article; a category with all below it. */
  @MessagePattern(CatalogSubjects.GetProductList, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(GetProductList) query: GetProductList, @BusActor() actor: Actor): Promise<ProductList> {
    const { organisationId } = actor;
    const page = await organisationListPage<Omit<ProductDocument, 'organisationId'>>(this.documents, productsCollection, organisationId, query, {
      where: { categoryId: await this.categoryCondition(organisationId, query.categoryId), unitId: query.unitId },
    });
    return { ...page, items: page.items.map(productOf) };
  }

  /** None asked: every product; «Без категории»: the products in no category; a category: it and all below it. */
  private async categoryCondition(organisationId: string, categoryId: GetProductList['categoryId']): Promise<FieldCondition | undefined> {
    if (categoryId === undefined) return undefined;
    if (categoryId === WITHOUT_CATEGORY) return { exists: false };
    return { in: await this.categoryWithDescendants(organisationId, categoryId) };
  }

  /** The category and every category under it, at any depth, from the organisation's category tree. */
  private async categoryWithDescendants(organisationId: string, categoryId: string): Promise<string[]> {
    const childrenOf = new Map<string, string[]>();
    for (const category of await allOrganisationDocuments(this.documents, categoriesCollection, organisationId)) {
      if (category.parentId !== null) childrenOf.set(category.parentId, [...(childrenOf.get(category.parentId) ?? []), category.id]);
    }
    const found = [categoryId];
    for (let index = 0; index < found.length; index++) found.push(...(childrenOf.get(found[index]!) ?? []));
    return found;
  }
}
