import { ProductEvents, type ProductView } from '@elk/contracts';
import { defineCollection, documentProjection } from '@elk/documents';
import { parseEvent } from '@elk/service-kit';

/** The card as the list shows it, with the barcodes as one text for the search. */
export type ProductDocument = ProductView & { organisationId: string; barcodeText: string };

/** Barcodes separated by spaces: a search finds a whole barcode or a part of one, and never the array's JSON punctuation. */
function barcodeText(barcodes: readonly string[]): string {
  return barcodes.join(' ');
}

/** The product as the cabinet sees it, without what is kept only for the search. */
export function productOf({ barcodeText: _barcodeText, ...product }: Omit<ProductDocument, 'organisationId'>): ProductView {
  return product;
}

export const productsCollection = defineCollection<ProductDocument>('catalog.products', {
  indexes: [
    { fields: ['organisationId', 'name'] },
    { fields: ['organisationId', 'price'] },
    { fields: ['organisationId', 'categoryId'] },
    { fields: ['organisationId', 'unitId'] },
  ],
  searchFields: ['name', 'barcodeText', 'article'],
  // Organisations with 100,000 products: a search reads the matches, not the whole list.
  indexSearchFields: true,
});

/** Каталог → Все товары: one document per live product. */
export const productListProjection = documentProjection<ProductDocument>({
  name: 'catalog.products.v2',
  collection: productsCollection,
  handles: Object.keys(ProductEvents),
  documentId: (recorded) => parseEvent(ProductEvents, recorded).data.productId,
  evolve: (current, recorded) => {
    const event = parseEvent(ProductEvents, recorded);
    switch (event.type) {
      case 'ProductAdded': {
        const { productId, addedAt, ...fields } = event.data;
        return { ...fields, id: productId, version: 1, barcodeText: barcodeText(fields.barcodes), createdAt: addedAt, updatedAt: addedAt };
      }
      case 'ProductUpdated': {
        if (!current) return null;
        const { productId, updatedAt, ...fields } = event.data;
        return { ...current, ...fields, id: productId, version: current.version + 1, barcodeText: barcodeText(fields.barcodes), updatedAt };
      }
      case 'ProductDeleted':
        return null;
    }
  },
});
