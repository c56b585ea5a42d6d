import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DomainError, type Actor, GetProduct, type ProductView, CatalogSubjects } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationDocument, BusPayload, BusActor } from '@elk/service-kit';
import { PRODUCT_NOT_FOUND_MESSAGE } from '../product.decider';
import { productOf, productsCollection, type ProductDocument } from './product-list.projection';
import { CATALOG_QUEUE } from '../../catalog.queue';

@Controller()
export class GetProductHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Another organisation's product does not exist for the actor. */
  @MessagePattern(CatalogSubjects.GetProduct, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(GetProduct) query: GetProduct, @BusActor() actor: Actor): Promise<ProductView> {
    const product = await organisationDocument<Omit<ProductDocument, 'organisationId'>>(this.documents, productsCollection, actor.organisationId, query.productId);
    if (!product) throw new DomainError('NOT_FOUND', PRODUCT_NOT_FOUND_MESSAGE);
    return productOf(product);
  }
}
