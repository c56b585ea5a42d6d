import { ProductEvents, type ProductView } from '@elk/contracts';
import { defineCollection, documentProjection } from '@elk/documents';
import { parseEvent } from '@elk/service-kit';

export type ProductDocument = ProductView & { organisationId: string };

export const productsCollection = defineCollection<ProductDocument>('catalog.products', {
  indexes: [
    { fields: ['organisationId', 'name'] },
    { fields: ['organisationId', 'price'] },
    { fields: ['organisationId', 'categoryId'] },
    { fields: ['organisationId', 'unitId'] },
  ],
  // Barcodes are searched in the array's JSON text: a whole barcode or a part of one.
  searchFields: ['name', 'barcodes', 'article'],
  // Organisations with 100,000 products: a search reads the matches, not the whole list.
  indexSearchFields: true,
});

/** Каталог → Все товары: one document per live product. */
export const productListProjection = documentProjection<ProductDocument>({
  name: 'catalog.products.v1',
  collection: productsCollection,
  handles: Object.keys(ProductEvents),
  documentId: (recorded) => parseEvent(ProductEvents, recorded).data.productId,
  evolve: (current, recorded) => {
    const event = parseEvent(ProductEvents, recorded);
    switch (event.type) {
      case 'ProductAdded': {
        const { productId, addedAt, ...fields } = event.data;
        return { ...fields, id: productId, version: 1, createdAt: addedAt, updatedAt: addedAt };
      }
      case 'ProductUpdated': {
        if (!current) return null;
        const { productId, updatedAt, ...fields } = event.data;
        return { ...current, ...fields, id: productId, version: current.version + 1, updatedAt };
      }
      case 'ProductDeleted':
        return null;
    }
  },
});
