import { SALE_EXPORT_ROW_VALUES, SaleExportPage } from './sales-journal.messages';

describe('an export page on the bus', () => {
  const row = ['2026-12-06T12:30:05+03:00', 7, 'completed', 9_900, 9_900, ['cash', 'card'], 'Магазин у дома', 'Касса №1', 1, 'Петрова Анна'];

  it('names each value of a row after its column, in the order the contract gives', () => {
    expect(SALE_EXPORT_ROW_VALUES).toEqual(['occurredAt', 'number', 'status', 'total', 'paid', 'paymentMethods', 'salesPoint', 'workplace', 'workplaceNumber', 'employee']);
    expect(SaleExportPage.parse({ rows: [row], nextCursor: 'next' })).toEqual({
      rows: [
        {
          occurredAt: '2026-12-06T12:30:05+03:00',
          number: 7,
          status: 'completed',
          total: 9_900,
          paid: 9_900,
          paymentMethods: ['cash', 'card'],
          salesPoint: 'Магазин у дома',
          workplace: 'Касса №1',
          workplaceNumber: 1,
          employee: 'Петрова Анна',
        },
      ],
      nextCursor: 'next',
    });
  });

  it('refuses a row with a value of the wrong kind, a value missing, or an object instead of an array', () => {
    expect(SaleExportPage.safeParse({ rows: [row.with(1, '7')], nextCursor: null }).success).toBe(false);
    expect(SaleExportPage.safeParse({ rows: [row.slice(0, -1)], nextCursor: null }).success).toBe(false);
    expect(SaleExportPage.safeParse({ rows: ['row'], nextCursor: null }).success).toBe(false);
  });
});
