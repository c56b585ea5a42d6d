import type { BulkResult, ProductFields } from '@elk/contracts';
import { deciderSpec } from '@elk/testing';
import type { ProductRecord } from '../product.decider';
import { productImportDecider, undoStep, type ProductImportCommand, type ProductImportEvent } from './product-import.decider';

const spec = deciderSpec(productImportDecider);
const organisationId = '11111111-1111-4111-8111-111111111111';
const importId = '22222222-2222-4222-8222-222222222222';
const latte = '33333333-3333-4333-8333-333333333333';
const tea = '44444444-4444-4444-8444-444444444444';
const at = '2026-01-15T10:00:00.000Z';

const batch = (products: Array<{ productId: string; versionBefore: number; versionAfter: number }>): ProductImportEvent => ({
  type: 'ProductImportBatchApplied',
  data: { organisationId, importId, products, appliedAt: at },
});
const result: BulkResult = { applied: [{ id: latte, name: 'Латте' }], refused: [{ id: tea, name: 'Чай', reason: 'Товар изменили после загрузки: верните прежние значения вручную' }] };
const undone: ProductImportEvent = { type: 'ProductImportUndone', data: { organisationId, importId, result, undoneAt: at } };
const record = (products: Array<{ productId: string; versionBefore: number; versionAfter: number }>): ProductImportCommand => ({ type: 'RecordImportBatch', organisationId, importId, products, at });
const undo: ProductImportCommand = { type: 'RecordImportUndone', organisationId, importId, result, at };

const fields: ProductFields = {
  name: 'Латте',
  description: null,
  price: 20_000,
  unitId: '55555555-5555-4555-8555-555555555555',
  vat: 'vat22',
  categoryId: null,
  paymentSubject: 1,
  countryCode: null,
  barcodes: [],
  article: null,
  marked: false,
};
const product = (version: number, deleted = false): ProductRecord => ({ ...fields, productId: latte, version, createdAt: at, updatedAt: at, deleted });

describe('product import decider', () => {
  it('records what each batch wrote, and nothing for a batch that wrote nothing', () => {
    spec.given([]).when(record([{ productId: latte, versionBefore: 0, versionAfter: 1 }])).then([batch([{ productId: latte, versionBefore: 0, versionAfter: 1 }])]);
    spec.given([]).when(record([])).then([]);
  });

  it('keeps the version before the first batch that wrote a product and after the last', () => {
    const state = [batch([{ productId: latte, versionBefore: 2, versionAfter: 3 }]), batch([{ productId: latte, versionBefore: 3, versionAfter: 4 }])].reduce(
      productImportDecider.evolve,
      productImportDecider.initialState,
    );
    expect(state.products[latte]).toEqual({ productId: latte, versionBefore: 2, versionAfter: 4 });
  });

  it('records the undo once: a retried undo changes nothing', () => {
    spec.given([batch([{ productId: latte, versionBefore: 0, versionAfter: 1 }])]).when(undo).then([undone]);
    spec.given([batch([{ productId: latte, versionBefore: 0, versionAfter: 1 }]), undone]).when(undo).then([]);
  });

  it('does not find an import that wrote nothing, and takes no batch after the undo', () => {
    expect(spec.given([]).when(undo).thenThrows('NOT_FOUND').message).toBe('Загрузка не найдена или ничего не изменила');
    spec.given([batch([{ productId: latte, versionBefore: 0, versionAfter: 1 }]), undone]).when(record([{ productId: tea, versionBefore: 0, versionAfter: 1 }])).thenThrows('RULE_VIOLATED');
  });

  describe('undoing one product', () => {
    it('deletes a product the import created, and restores one it changed, while it is as the import left it', () => {
      expect(undoStep({ productId: latte, versionBefore: 0, versionAfter: 1 }, product(1), 1, null)).toEqual({ kind: 'delete' });
      expect(undoStep({ productId: latte, versionBefore: 2, versionAfter: 3 }, product(3), 3, { ...fields, price: 18_000 })).toEqual({ kind: 'restore', fields: { ...fields, price: 18_000 } });
    });

    it('refuses a product changed or deleted since the import, saying which', () => {
      expect(undoStep({ productId: latte, versionBefore: 0, versionAfter: 1 }, product(2), 2, null)).toEqual({ kind: 'refuse', reason: 'Товар изменили после загрузки: верните прежние значения вручную' });
      expect(undoStep({ productId: latte, versionBefore: 0, versionAfter: 1 }, product(2, true), 2, null)).toEqual({ kind: 'refuse', reason: 'Товар удалили после загрузки' });
    });
  });
});
