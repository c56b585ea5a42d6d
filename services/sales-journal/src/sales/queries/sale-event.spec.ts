import type { LogEvent } from '@elk/eventstore';
import { parseSaleEvent } from './sale-event';

const logged = (): LogEvent => ({
  eventId: '71111111-1111-4111-8111-111111111111',
  streamId: 'sale-21111111-1111-4111-8111-111111111111',
  streamPosition: 1,
  globalPosition: 1n,
  transactionId: 1n,
  type: 'SaleCreated',
  schemaVersion: 1,
  data: {
    organisationId: '11111111-1111-4111-8111-111111111111',
    saleId: '21111111-1111-4111-8111-111111111111',
    origin: {
      employee: { id: '31111111-1111-4111-8111-111111111111', name: 'Петрова Анна' },
      workplace: { id: '41111111-1111-4111-8111-111111111111', name: 'Касса №1', number: 1 },
      salesPoint: { id: '51111111-1111-4111-8111-111111111111', name: 'Магазин у дома' },
      occurredAt: '2026-12-06T12:30:00+03:00',
      seq: 1,
    },
    payload: {
      number: 7,
      items: [{ line: 1, productId: null, name: 'Молоко', quantity: 2, unit: 'шт', price: 10_000, discount: 0, sum: 20_000, vatCode: 11, paymentSubject: 1, markingCode: null }],
      discount: 0,
      total: 20_000,
    },
  },
});

describe('parseSaleEvent', () => {
  it('parses a logged event once for both journal projections, and each logged event of its own', () => {
    const event = logged();
    const parsed = parseSaleEvent(event);
    expect(parsed).toMatchObject({ type: 'SaleCreated', data: { payload: { number: 7 } } });
    expect(parseSaleEvent(event)).toBe(parsed);
    expect(parseSaleEvent(logged())).not.toBe(parsed);
  });

  it('refuses an event its contract does not allow', () => {
    const event = logged();
    expect(() => parseSaleEvent({ ...event, data: { ...(event.data as object), saleId: 'not a uuid' } })).toThrow();
  });
});
