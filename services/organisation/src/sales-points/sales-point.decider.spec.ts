import { DEFAULT_PAYMENT_METHODS, type PaymentMethodsByRole } from '@elk/contracts';
import { deciderSpec } from '@elk/testing';
import { salesPointDecider, type SalesPointCommand, type SalesPointEvent, type SalesPointFields } from './sales-point.decider';

const spec = deciderSpec(salesPointDecider);
const organisationId = '11111111-1111-4111-8111-111111111111';
const salesPointId = '22222222-2222-4222-8222-222222222222';
const romashkaId = '33333333-3333-4333-8333-333333333333';
const ivanovId = '44444444-4444-4444-8444-444444444444';
const at = '2025-01-15T10:00:00.000Z';
const later = '2025-01-16T10:00:00.000Z';

const shop: SalesPointFields = { name: 'Магазин на Тверской', legalEntityId: romashkaId, address: 'г. Москва, ул. Тверская, д. 1', brand: 'Ромашка' };
const romashka = { name: 'ООО «Ромашка»' };
const grid: PaymentMethodsByRole = { owner: ['cash', 'card', 'sbp'], admin: ['cash', 'card'], manager: ['cash'], cashier: ['cash', 'card'], guest: [] };

const added = (fields: SalesPointFields = shop): SalesPointEvent => ({
  type: 'SalesPointAdded',
  data: { organisationId, salesPointId, ...fields, paymentMethods: DEFAULT_PAYMENT_METHODS, addedAt: at },
});
const updated = (fields: SalesPointFields): SalesPointEvent => ({ type: 'SalesPointUpdated', data: { organisationId, salesPointId, ...fields, updatedAt: later } });
const gridSet = (paymentMethods: PaymentMethodsByRole): SalesPointEvent => ({ type: 'SalesPointPaymentMethodsSet', data: { organisationId, salesPointId, paymentMethods, setAt: later } });
const deleted: SalesPointEvent = { type: 'SalesPointDeleted', data: { organisationId, salesPointId, deletedAt: later } };

const add = (fields: SalesPointFields = shop, legalEntity: { name: string } | null = romashka): SalesPointCommand => ({
  type: 'AddSalesPoint',
  organisationId,
  salesPointId,
  fields,
  legalEntity,
  paymentMethods: DEFAULT_PAYMENT_METHODS,
  at,
});
const update = (fields: SalesPointFields, expectedVersion = 1, legalEntity: { name: string } | null = romashka): SalesPointCommand => ({
  type: 'UpdateSalesPoint',
  organisationId,
  salesPointId,
  fields,
  legalEntity,
  expectedVersion,
  at: later,
});
const setGrid = (paymentMethods: PaymentMethodsByRole, expectedVersion = 1): SalesPointCommand => ({
  type: 'SetSalesPointPaymentMethods',
  organisationId,
  salesPointId,
  paymentMethods,
  expectedVersion,
  at: later,
});
const remove = (expectedVersion?: number): SalesPointCommand => ({ type: 'DeleteSalesPoint', organisationId, salesPointId, expectedVersion, at: later });

describe('sales point decider', () => {
  describe('adding', () => {
    it('adds a sales point with the default payment methods', () => {
      spec.given([]).when(add()).then([added()]);
    });

    it('adds one without a brand', () => {
      spec.given([]).when(add({ ...shop, brand: null })).then([added({ ...shop, brand: null })]);
    });

    it('treats the same id again as a retried add', () => {
      spec.given([added()]).when(add()).then([]);
    });

    it('rejects a legal entity the organisation does not have, under legalEntityId', () => {
      const error = spec.given([]).when(add(shop, null)).thenThrows('RULE_VIOLATED');
      expect(error.message).toBe('Юридическое лицо не найдено');
      expect(error.errors).toEqual([{ path: 'legalEntityId', message: 'Юридическое лицо не найдено' }]);
    });

    it('rejects payment methods for the guest', () => {
      const command = { ...add(), paymentMethods: { ...DEFAULT_PAYMENT_METHODS, guest: ['cash' as const] } };
      const error = spec.given([]).when(command).thenThrows('VALIDATION_FAILED');
      expect(error.errors).toEqual([{ path: 'paymentMethods.guest', message: 'Гость не проводит продажи: способы оплаты ему не назначаются' }]);
    });
  });

  describe('updating', () => {
    const moved = { ...shop, address: 'г. Москва, ул. Арбат, д. 2', legalEntityId: ivanovId };

    it('records the full new values of the card', () => {
      spec.given([added()]).when(update(moved, 1, { name: 'ИП Иванов' })).then([updated(moved)]);
    });

    it('decides nothing when nothing changed', () => {
      spec.given([added()]).when(update(shop)).then([]);
    });

    it('rejects a stale expected version', () => {
      spec.given([added(), updated(moved)]).when(update(shop, 1)).thenThrows('VERSION_CONFLICT');
    });

    it('rejects an unknown legal entity, under legalEntityId', () => {
      const error = spec.given([added()]).when(update(moved, 1, null)).thenThrows('RULE_VIOLATED');
      expect(error.errors).toEqual([{ path: 'legalEntityId', message: 'Юридическое лицо не найдено' }]);
    });

    it('does not find a sales point that was never added', () => {
      spec.given([]).when(update(shop)).thenThrows('NOT_FOUND');
    });

    it('does not find a deleted sales point', () => {
      spec.given([added(), deleted]).when(update(shop, 2)).thenThrows('NOT_FOUND');
    });
  });

  describe('setting the payment methods', () => {
    it('records the whole grid as one change', () => {
      spec.given([added()]).when(setGrid(grid)).then([gridSet(grid)]);
    });

    it('decides nothing when the grid is the same, whatever the order', () => {
      spec.given([added(), gridSet(grid)]).when(setGrid({ ...grid, owner: ['sbp', 'card', 'cash'] }, 2)).then([]);
    });

    it('rejects payment methods for the guest, under paymentMethods.guest', () => {
      const error = spec.given([added()]).when(setGrid({ ...grid, guest: ['cash'] })).thenThrows('VALIDATION_FAILED');
      expect(error.errors).toEqual([{ path: 'paymentMethods.guest', message: 'Гость не проводит продажи: способы оплаты ему не назначаются' }]);
    });

    it('rejects a stale expected version', () => {
      spec.given([added(), updated({ ...shop, name: 'Другое' })]).when(setGrid(grid, 1)).thenThrows('VERSION_CONFLICT');
    });

    it('does not find an unknown sales point', () => {
      spec.given([]).when(setGrid(grid)).thenThrows('NOT_FOUND');
    });
  });

  describe('deleting', () => {
    it('deletes a sales point, with or without the expected version', () => {
      spec.given([added()]).when(remove()).then([deleted]);
      spec.given([added()]).when(remove(1)).then([deleted]);
    });

    it('rejects a stale expected version', () => {
      spec.given([added(), gridSet(grid)]).when(remove(1)).thenThrows('VERSION_CONFLICT');
    });

    it('does not find an unknown or already deleted sales point', () => {
      spec.given([]).when(remove()).thenThrows('NOT_FOUND');
      spec.given([added(), deleted]).when(remove()).thenThrows('NOT_FOUND');
    });
  });
});
