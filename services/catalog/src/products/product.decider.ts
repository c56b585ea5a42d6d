import { DomainError, MAX_PRICE_KOPECKS, ProductEvents, type BulkProductChange, type PriceChange, type ProductFields } from '@elk/contracts';
import type { Decider, EventOf } from '@elk/service-kit';

export type ProductEvent = EventOf<typeof ProductEvents>;
export type { ProductFields };

/** Whether the unit and the category the card names exist in the organisation, looked up by the handler. */
export interface ProductReferences {
  unitFound: boolean;
  /** True when the card names no category. */
  categoryFound: boolean;
}

export type ProductCommand =
  | { type: 'AddProduct'; organisationId: string; productId: string; fields: ProductFields; references: ProductReferences; at: string }
  | {
      type: 'UpdateProduct';
      organisationId: string;
      productId: string;
      fields: ProductFields;
      references: ProductReferences;
      expectedVersion: number;
      at: string;
    }
  | { type: 'DeleteProduct'; organisationId: string; productId: string; expectedVersion?: number; at: string }
  /**
   * One product of a bulk action (against the version the user saw) or of a unit or category replaced for all its
   * products: its unit or category (checked once for all by the handler), VAT or price.
   */
  | { type: 'ChangeProduct'; organisationId: string; productId: string; change: BulkProductChange; expectedVersion?: number; replacing?: ProductsUsing; at: string };

/**
 * The products a unit measures or a category holds directly: a replacement changes only a product still using it
 * (one deleted or changed meanwhile is left as it is).
 */
export type ProductsUsing = { unitId: string } | { categoryId: string };

const uses = (product: ProductRecord, using: ProductsUsing) => ('unitId' in using ? product.unitId === using.unitId : product.categoryId === using.categoryId);

export interface ProductRecord extends ProductFields {
  productId: string;
  /** Number of events in the product's stream. */
  version: number;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
}

/** null until the product is added; a deleted product stays (so its id is never reused). */
export interface ProductState {
  product: ProductRecord | null;
}

export function productStreamId(organisationId: string, productId: string): string {
  return `catalog-product-${organisationId}-${productId}`;
}

export const PRODUCT_NOT_FOUND_MESSAGE = 'Товар не найден';
const STALE_MESSAGE = 'Товар уже изменили. Обновите страницу и повторите';

function checkReferences(references: ProductReferences): void {
  const errors = [
    ...(references.unitFound ? [] : [{ path: 'unitId', message: 'Единица измерения не найдена: выберите другую' }]),
    ...(references.categoryFound ? [] : [{ path: 'categoryId', message: 'Категория не найдена: выберите другую' }]),
  ];
  if (errors.length > 0) throw new DomainError('RULE_VIOLATED', errors.map((error) => error.message).join('. '), errors);
}

function existing(state: ProductState, expectedVersion: number | undefined): ProductRecord {
  const { product } = state;
  if (!product || product.deleted) throw new DomainError('NOT_FOUND', PRODUCT_NOT_FOUND_MESSAGE);
  if (expectedVersion !== undefined && expectedVersion !== product.version) throw new DomainError('VERSION_CONFLICT', STALE_MESSAGE);
  return product;
}

const FIELD_NAMES: ReadonlyArray<keyof ProductFields> = [
  'name',
  'description',
  'price',
  'unitId',
  'vat',
  'categoryId',
  'paymentSubject',
  'countryCode',
  'barcodes',
  'article',
  'marked',
];

/** The card's fields of a stored product, without its bookkeeping (id, version, dates). */
export function productFieldsOf(product: ProductRecord): ProductFields {
  const { productId: _productId, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, deleted: _deleted, ...fields } = product;
  return fields;
}

/** The price a change makes of `price`, in kopecks: a percentage rounded to the kopeck. */
export function changedPrice(price: number, change: PriceChange): number {
  const sign = change.direction === 'up' ? 1 : -1;
  if (change.by === 'amount') return price + sign * change.amount;
  return Math.round((price * (100 + sign * change.percent)) / 100);
}

const formatKopecks = (kopecks: number) => `${Math.trunc(kopecks / 100).toString().replace(/\B(?=(\d{3})+$)/g, ' ')},${String(Math.abs(kopecks) % 100).padStart(2, '0')} ₽`;

function changedFields(product: ProductRecord, change: BulkProductChange): ProductFields {
  const fields = productFieldsOf(product);
  switch (change.type) {
    case 'move-to-category':
      return { ...fields, categoryId: change.categoryId };
    case 'set-vat':
      return { ...fields, vat: change.vat };
    case 'set-unit':
      return { ...fields, unitId: change.unitId };
    case 'change-price': {
      const price = changedPrice(product.price, change.price);
      if (price < 0) throw new DomainError('RULE_VIOLATED', `Цена ${formatKopecks(product.price)} стала бы меньше 0 ₽`, [{ path: 'price', message: 'Цена стала бы меньше 0 ₽' }]);
      if (price > MAX_PRICE_KOPECKS) {
        throw new DomainError('RULE_VIOLATED', `Цена ${formatKopecks(product.price)} стала бы больше ${formatKopecks(MAX_PRICE_KOPECKS)}`, [{ path: 'price', message: 'Цена стала бы больше предела' }]);
      }
      return { ...fields, price };
    }
  }
}

const sameFields = (product: ProductRecord, fields: ProductFields) => FIELD_NAMES.every((field) => JSON.stringify(product[field]) === JSON.stringify(fields[field]));

function decide(command: ProductCommand, state: ProductState): ProductEvent[] {
  const { organisationId, productId } = command;
  switch (command.type) {
    case 'AddProduct': {
      // The same id again is a retried add: nothing more to do.
      if (state.product) return [];
      checkReferences(command.references);
      return [{ type: 'ProductAdded', data: { organisationId, productId, ...command.fields, addedAt: command.at } }];
    }
    case 'UpdateProduct': {
      const product = existing(state, command.expectedVersion);
      checkReferences(command.references);
      if (sameFields(product, command.fields)) return [];
      return [{ type: 'ProductUpdated', data: { organisationId, productId, ...command.fields, updatedAt: command.at } }];
    }
    case 'DeleteProduct': {
      existing(state, command.expectedVersion);
      return [{ type: 'ProductDeleted', data: { organisationId, productId, deletedAt: command.at } }];
    }
    case 'ChangeProduct': {
      if (command.replacing && !(state.product && !state.product.deleted && uses(state.product, command.replacing))) return [];
      const fields = changedFields(existing(state, command.expectedVersion), command.change);
      if (sameFields(state.product!, fields)) return [];
      return [{ type: 'ProductUpdated', data: { organisationId, productId, ...fields, updatedAt: command.at } }];
    }
  }
}

function evolve(state: ProductState, event: ProductEvent): ProductState {
  switch (event.type) {
    case 'ProductAdded': {
      const { organisationId: _organisationId, addedAt, ...fields } = event.data;
      return { product: { ...fields, version: 1, createdAt: addedAt, updatedAt: addedAt, deleted: false } };
    }
    case 'ProductUpdated': {
      const { organisationId: _organisationId, updatedAt, ...fields } = event.data;
      if (!state.product) return state;
      return { product: { ...state.product, ...fields, version: state.product.version + 1, updatedAt } };
    }
    case 'ProductDeleted':
      if (!state.product) return state;
      return { product: { ...state.product, version: state.product.version + 1, updatedAt: event.data.deletedAt, deleted: true } };
  }
}

/** The product's barcodes and article as the claims name them: the article without letter case (and as typed). */
export function productCodesOf(fields: Pick<ProductFields, 'barcodes' | 'article'>): Array<{ kind: 'barcode' | 'article'; code: string; typed?: string }> {
  return [
    ...fields.barcodes.map((code) => ({ kind: 'barcode' as const, code })),
    ...(fields.article === null ? [] : [{ kind: 'article' as const, code: fields.article.toLocaleLowerCase('ru'), typed: fields.article }]),
  ];
}

export const productDecider: Decider<ProductCommand, ProductEvent, ProductState> = {
  decide,
  evolve,
  initialState: { product: null },
  events: ProductEvents,
};
