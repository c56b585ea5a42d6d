import type { ProductView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { organisationListPage } from '@elk/service-kit';
import { productsCollection } from './product-list.projection';

/** Enough names for a refusal to say which products are in the way. */
const NAMED_PRODUCTS = 10;

/** The names of the organisation's first products (by name) measured in a unit or directly in a category. */
export async function productNamesUsing(documents: DocumentStore, organisationId: string, reference: { unitId: string } | { categoryId: string }): Promise<string[]> {
  const page = await organisationListPage<ProductView>(documents, productsCollection, organisationId, { limit: NAMED_PRODUCTS }, { where: reference });
  return page.items.map((product) => product.name);
}
