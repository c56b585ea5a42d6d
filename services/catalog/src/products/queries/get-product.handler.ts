import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor, type GetProduct, type ProductView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationDocument } from '@elk/service-kit';
import { PRODUCT_NOT_FOUND_MESSAGE } from '../product.decider';
import { productOf, productsCollection, type ProductDocument } from './product-list.projection';

@Injectable()
export class GetProductHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Another organisation's product does not exist for the actor. */
  async execute(query: GetProduct, actor: Actor): Promise<ProductView> {
    const product = await organisationDocument<Omit<ProductDocument, 'organisationId'>>(this.documents, productsCollection, actor.organisationId, query.productId);
    if (!product) throw new DomainError('NOT_FOUND', PRODUCT_NOT_FOUND_MESSAGE);
    return productOf(product);
  }
}
