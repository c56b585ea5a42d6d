import { deciderSpec } from '@elk/testing';
import type { BulkProductChange } from '@elk/contracts';
import { changedPrice, productCodesOf, productDecider, type ProductCommand, type ProductEvent, type ProductFields, type ProductReferences } from './product.decider';

const spec = deciderSpec(productDecider);
const organisationId = '11111111-1111-4111-8111-111111111111';
const productId = '22222222-2222-4222-8222-222222222222';
const unitId = '33333333-3333-4333-8333-333333333333';
const categoryId = '44444444-4444-4444-8444-444444444444';
const at = '2026-01-15T10:00:00.000Z';
const later = '2026-01-16T10:00:00.000Z';

const cappuccino: ProductFields = {
  name: 'Капучино 300 мл',
  description: 'Двойной эспрессо и молоко',
  price: 25_000,
  unitId,
  vat: 'vat22',
  categoryId,
  paymentSubject: 1,
  countryCode: '643',
  barcodes: ['4600000000008'],
  article: 'KAP-300',
  marked: false,
};
const found: ProductReferences = { unitFound: true, categoryFound: true };

const added = (fields = cappuccino): ProductEvent => ({ type: 'ProductAdded', data: { organisationId, productId, ...fields, addedAt: at } });
const updated = (fields: ProductFields): ProductEvent => ({ type: 'ProductUpdated', data: { organisationId, productId, ...fields, updatedAt: later } });
const deleted: ProductEvent = { type: 'ProductDeleted', data: { organisationId, productId, deletedAt: later } };

const add = (fields = cappuccino, references = found): ProductCommand => ({ type: 'AddProduct', organisationId, productId, fields, references, at });
const update = (fields: ProductFields, expectedVersion = 1, references = found): ProductCommand => ({
  type: 'UpdateProduct',
  organisationId,
  productId,
  fields,
  references,
  expectedVersion,
  at: later,
});
const remove = (expectedVersion?: number): ProductCommand => ({ type: 'DeleteProduct', organisationId, productId, expectedVersion, at: later });

/** `any`: whatever version the product has (a replacement). */
const change = (bulk: BulkProductChange, expectedVersion: number | 'any' = 1, replacing?: { unitId: string }): ProductCommand => ({
  type: 'ChangeProduct',
  organisationId,
  productId,
  change: bulk,
  expectedVersion: expectedVersion === 'any' ? undefined : expectedVersion,
  replacing,
  at: later,
});

describe('product decider', () => {
  describe('adding', () => {
    it('adds a product with every field', () => {
      spec.given([]).when(add()).then([added()]);
    });

    it('does nothing for a retried add with the same id', () => {
      spec.given([added()]).when(add()).then([]);
    });

    it('refuses a unit the organisation does not have, under unitId', () => {
      const error = spec.given([]).when(add(cappuccino, { unitFound: false, categoryFound: true })).thenThrows('RULE_VIOLATED');
      expect(error.errors).toEqual([{ path: 'unitId', message: 'Единица измерения не найдена: выберите другую' }]);
    });

    it('refuses a category the organisation does not have, under categoryId', () => {
      const error = spec.given([]).when(add(cappuccino, { unitFound: true, categoryFound: false })).thenThrows('RULE_VIOLATED');
      expect(error.errors).toEqual([{ path: 'categoryId', message: 'Категория не найдена: выберите другую' }]);
    });

    it('does not reuse the id of a deleted product', () => {
      spec.given([added(), deleted]).when(add()).then([]);
    });
  });

  describe('editing', () => {
    it('saves a new price with every other field as it was', () => {
      const dearer = { ...cappuccino, price: 27_000 };
      spec.given([added()]).when(update(dearer)).then([updated(dearer)]);
    });

    it('records nothing when nothing changed', () => {
      spec.given([added()]).when(update({ ...cappuccino, barcodes: ['4600000000008'] })).then([]);
    });

    it('refuses a stale version', () => {
      const dearer = { ...cappuccino, price: 27_000 };
      spec.given([added(), updated(dearer)]).when(update({ ...dearer, price: 30_000 }, 1)).thenThrows('VERSION_CONFLICT');
    });

    it('refuses a unit or category that is gone', () => {
      const error = spec.given([added()]).when(update({ ...cappuccino, price: 1 }, 1, { unitFound: false, categoryFound: false })).thenThrows('RULE_VIOLATED');
      expect(error.errors?.map((fieldError) => fieldError.path)).toEqual(['unitId', 'categoryId']);
    });

    it('does not find a deleted or unknown product', () => {
      spec.given([added(), deleted]).when(update(cappuccino, 2)).thenThrows('NOT_FOUND');
      spec.given([]).when(update(cappuccino)).thenThrows('NOT_FOUND');
    });
  });

  describe('deleting', () => {
    it('deletes a product', () => {
      spec.given([added()]).when(remove(1)).then([deleted]);
    });

    it('refuses a stale version and an already deleted product', () => {
      spec.given([added(), updated({ ...cappuccino, price: 1 })]).when(remove(1)).thenThrows('VERSION_CONFLICT');
      spec.given([added(), deleted]).when(remove()).thenThrows('NOT_FOUND');
    });
  });

  describe('changing in bulk', () => {
    const otherUnit = '55555555-5555-4555-8555-555555555555';

    it('moves a product to another category or out of every category, keeping the other fields', () => {
      spec.given([added()]).when(change({ type: 'move-to-category', categoryId: otherUnit })).then([updated({ ...cappuccino, categoryId: otherUnit })]);
      spec.given([added()]).when(change({ type: 'move-to-category', categoryId: null })).then([updated({ ...cappuccino, categoryId: null })]);
    });

    it('sets the VAT rate and the unit', () => {
      spec.given([added()]).when(change({ type: 'set-vat', vat: 'vat10' })).then([updated({ ...cappuccino, vat: 'vat10' })]);
      spec.given([added()]).when(change({ type: 'set-unit', unitId: otherUnit })).then([updated({ ...cappuccino, unitId: otherUnit })]);
    });

    it('records nothing for a product that already has the value', () => {
      spec.given([added()]).when(change({ type: 'set-vat', vat: 'vat22' })).then([]);
    });

    it('raises and lowers the price by a percentage, rounded to the kopeck, and by an amount', () => {
      spec.given([added()]).when(change({ type: 'change-price', price: { by: 'percent', direction: 'up', percent: 10 } })).then([updated({ ...cappuccino, price: 27_500 })]);
      spec.given([added()]).when(change({ type: 'change-price', price: { by: 'amount', direction: 'down', amount: 5_000 } })).then([updated({ ...cappuccino, price: 20_000 })]);
      expect(changedPrice(999, { by: 'percent', direction: 'down', percent: 12.5 })).toBe(874);
      expect(changedPrice(1_001, { by: 'percent', direction: 'up', percent: 0.05 })).toBe(1_002);
      expect(changedPrice(25_000, { by: 'percent', direction: 'down', percent: 100 })).toBe(0);
    });

    it('refuses a price that would go below 0 or above the limit, saying which', () => {
      const below = spec.given([added()]).when(change({ type: 'change-price', price: { by: 'amount', direction: 'down', amount: 25_001 } })).thenThrows('RULE_VIOLATED');
      expect(below.message).toBe('Цена 250,00 ₽ стала бы меньше 0 ₽');
      const above = spec.given([added()]).when(change({ type: 'change-price', price: { by: 'amount', direction: 'up', amount: 99_999_999_999 } })).thenThrows('RULE_VIOLATED');
      expect(above.message).toBe('Цена 250,00 ₽ стала бы больше 999 999 999,99 ₽');
    });

    it('gives a replacement unit only to a product still measured in the unit replaced, whatever its version', () => {
      const replacing = { unitId };
      spec.given([added(), updated({ ...cappuccino, price: 1 })]).when(change({ type: 'set-unit', unitId: otherUnit }, 'any', replacing)).then([updated({ ...cappuccino, price: 1, unitId: otherUnit })]);
      spec.given([added(), updated({ ...cappuccino, unitId: otherUnit })]).when(change({ type: 'set-unit', unitId: otherUnit }, 'any', replacing)).then([]);
      spec.given([added(), deleted]).when(change({ type: 'set-unit', unitId: otherUnit }, 'any', replacing)).then([]);
    });

    it('refuses a product changed since the user saw it, and one deleted or never added', () => {
      spec.given([added(), updated({ ...cappuccino, price: 1 })]).when(change({ type: 'set-vat', vat: 'vat10' }, 1)).thenThrows('VERSION_CONFLICT');
      spec.given([added(), deleted]).when(change({ type: 'set-vat', vat: 'vat10' }, 2)).thenThrows('NOT_FOUND');
      spec.given([]).when(change({ type: 'set-vat', vat: 'vat10' })).thenThrows('NOT_FOUND');
    });
  });

  it('names its codes for the claims: every barcode, and the article without letter case (and as typed, for messages)', () => {
    expect(productCodesOf({ barcodes: ['4600000000008', '96385074'], article: 'KAP-300' })).toEqual([
      { kind: 'barcode', code: '4600000000008' },
      { kind: 'barcode', code: '96385074' },
      { kind: 'article', code: 'kap-300', typed: 'KAP-300' },
    ]);
    expect(productCodesOf({ barcodes: [], article: null })).toEqual([]);
  });
});
