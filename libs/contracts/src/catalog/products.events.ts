import { z } from 'zod';
import { ProductView } from './products.http';

/**
 * Events of one product, in its stream `catalog-product-<organisationId>-<productId>`, and of the claims that keep
 * barcodes and articles unique, one stream per code (`catalog-product-code-<organisationId>-<kind>-<code>`). Each with
 * the version of its current schema.
 */

/** The card's fields as ProductView has them. */
const productFields = {
  organisationId: z.uuid(),
  productId: z.uuid(),
  ...ProductView.omit({ id: true, version: true, createdAt: true, updatedAt: true }).shape,
};

export const ProductAdded = z.object({ ...productFields, addedAt: z.iso.datetime() });
export type ProductAdded = z.infer<typeof ProductAdded>;

/** The full new values of every field. */
export const ProductUpdated = z.object({ ...productFields, updatedAt: z.iso.datetime() });
export type ProductUpdated = z.infer<typeof ProductUpdated>;

export const ProductDeleted = z.object({ organisationId: z.uuid(), productId: z.uuid(), deletedAt: z.iso.datetime() });
export type ProductDeleted = z.infer<typeof ProductDeleted>;

export const ProductEvents = {
  ProductAdded: { version: 1, schema: ProductAdded },
  ProductUpdated: { version: 1, schema: ProductUpdated },
  ProductDeleted: { version: 1, schema: ProductDeleted },
} as const;

export const PRODUCT_CODE_KINDS = ['barcode', 'article'] as const;
export const ProductCodeKind = z.enum(PRODUCT_CODE_KINDS);
export type ProductCodeKind = z.infer<typeof ProductCodeKind>;

const productCodeFields = { organisationId: z.uuid(), kind: ProductCodeKind, code: z.string(), productId: z.uuid() };

/**
 * A product took a barcode or an article (from the product that held it before, when that one no longer has it).
 * `productVersion` is the product's stream version when it claimed: the claim is settled once the product has moved on.
 */
export const ProductCodeClaimed = z.object({ ...productCodeFields, productVersion: z.number().int().min(0), claimedAt: z.iso.datetime() });
export type ProductCodeClaimed = z.infer<typeof ProductCodeClaimed>;

/** A product that was never saved gave its claim back. */
export const ProductCodeReleased = z.object(productCodeFields);
export type ProductCodeReleased = z.infer<typeof ProductCodeReleased>;

export const ProductCodeEvents = {
  ProductCodeClaimed: { version: 1, schema: ProductCodeClaimed },
  ProductCodeReleased: { version: 1, schema: ProductCodeReleased },
} as const;
