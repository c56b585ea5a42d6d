import { SaleEvents, SALE_PAYMENT_METHODS, type SalePaymentMethod, type SaleView } from '@elk/contracts';
import { defineCollection, documentProjection } from '@elk/documents';
import type { LogEvent } from '@elk/eventstore';
import { parseEvent } from '@elk/service-kit';
import { fulfilmentOf, isServiceLine, statusAfter, toThousandths, type SaleEvent } from '../sale.decider';

/**
 * A sale as Журналы → Продажи lists it and its details panel shows it (all but the history and the integrity, which
 * are read from its stream), with what the list filters on: the organisation, one flag per payment method, and the
 * instant it was created (`occurredAt` keeps the terminal's own clock and offset, as the merchant reads it).
 */
export type SaleDocument = Omit<SaleView, 'history' | 'integrity'> & {
  organisationId: string;
  paidWith: Record<SalePaymentMethod, boolean>;
  occurredAtUtc: string;
};

export const salesCollection = defineCollection<SaleDocument>('sales-journal.sales', {
  indexes: [
    { fields: ['organisationId', 'occurredAtUtc'], name: 'sales-journal.sales:occurredAt' },
    { fields: ['organisationId', 'status', 'occurredAtUtc'], name: 'sales-journal.sales:status' },
    { fields: ['organisationId', 'salesPoint.id', 'occurredAtUtc'], name: 'sales-journal.sales:salesPoint' },
    { fields: ['organisationId', 'workplace.id', 'occurredAtUtc'], name: 'sales-journal.sales:workplace' },
    { fields: ['organisationId', 'employee.id', 'occurredAtUtc'], name: 'sales-journal.sales:employee' },
    { fields: ['organisationId', 'number'], name: 'sales-journal.sales:number' },
    { fields: ['organisationId', 'fiscalDocument.fnNumber', 'occurredAtUtc'], name: 'sales-journal.sales:fnNumber' },
    { fields: ['organisationId', 'total'], name: 'sales-journal.sales:total' },
    ...SALE_PAYMENT_METHODS.map((method) => ({ fields: ['organisationId', `paidWith.${method}`, 'occurredAtUtc'], name: `sales-journal.sales:paidWith.${method}` })),
  ],
  // Typed columns: a rebuild builds these indexes several times faster than on jsonb values, and faster still with the
  // ids (zod's uuids in every sale event) as uuid (decision 0018).
  fieldTypes: {
    organisationId: 'uuid',
    occurredAtUtc: 'string',
    status: 'string',
    'salesPoint.id': 'uuid',
    'workplace.id': 'uuid',
    'employee.id': 'uuid',
    number: 'number',
    'fiscalDocument.fnNumber': 'string',
    total: 'number',
    ...Object.fromEntries(SALE_PAYMENT_METHODS.map((method) => [`paidWith.${method}`, 'boolean' as const])),
  },
});

/** The terminal's time as a UTC ISO string, so that periods and sorting compare instants, whatever the terminal's offset. */
export const utc = (time: string) => new Date(time).toISOString();

/**
 * A logged sale event parsed with its contract: both journal projections' `parse`, so that a batch applied to both
 * parses each event once (the runner shares it).
 */
export const parseSaleEvent = (recorded: LogEvent): SaleEvent => parseEvent(SaleEvents, recorded);

/** Журналы → Продажи: one document per sale. */
export const saleListProjection = documentProjection<SaleDocument, LogEvent, SaleEvent>({
  name: 'sales-journal.sales.v1',
  collection: salesCollection,
  handles: Object.keys(SaleEvents),
  documentId: (recorded) => (recorded.data as { saleId: string }).saleId,
  parse: parseSaleEvent,
  evolve(current, _recorded, event) {
    // A sale id is the first terminal's that used it (the push refuses it to others): never another organisation's.
    if (current && current.organisationId !== event.data.organisationId) return current;
    const { origin } = event.data;
    const at = origin.occurredAt;
    if (event.type === 'SaleCreated') {
      const { number, items, discount, total } = event.data.payload;
      return {
        organisationId: event.data.organisationId,
        id: event.data.saleId,
        number,
        status: 'created',
        total,
        paid: 0,
        discount,
        occurredAt: at,
        occurredAtUtc: utc(at),
        updatedAt: at,
        salesPoint: origin.salesPoint,
        workplace: origin.workplace,
        employee: origin.employee,
        paymentMethods: [],
        paidWith: { cash: false, card: false, sbp: false },
        items: items.map((item) => ({ ...item, fulfilled: 0 })),
        payments: [],
        fiscalDocument: null,
        cancelReason: null,
      };
    }
    if (!current) return null;
    const sale = { ...current, status: statusAfter(current.status, event.type) ?? current.status, updatedAt: at };
    switch (event.type) {
      case 'PaymentReceived': {
        const { paymentId, method, amount, card, sbp } = event.data.payload;
        const paymentMethods = sale.paymentMethods.includes(method) ? sale.paymentMethods : [...sale.paymentMethods, method];
        const payment = { paymentId, method, amount, refunded: 0, card: card ?? null, sbp: sbp ?? null, occurredAt: at };
        return { ...sale, paid: sale.paid + amount, paymentMethods, paidWith: { ...sale.paidWith, [method]: true }, payments: [...sale.payments, payment] };
      }
      case 'PaymentRefunded': {
        const { paymentId, amount } = event.data.payload;
        const payments = sale.payments.map((payment) => (payment.paymentId === paymentId ? { ...payment, refunded: payment.refunded + amount } : payment));
        return { ...sale, paid: sale.paid - amount, payments };
      }
      case 'GoodsShipped':
      case 'ServiceRendered': {
        const lines = sale.items.map((item) => ({ line: item.line, quantity: toThousandths(item.quantity), fulfilled: toThousandths(item.fulfilled), service: isServiceLine(item) }));
        const added = fulfilmentOf(lines, event.data.payload, event.type === 'ServiceRendered');
        const items = sale.items.map((item) => ({ ...item, fulfilled: Math.min(toThousandths(item.quantity), toThousandths(item.fulfilled) + (added.get(item.line) ?? 0)) / 1000 }));
        return { ...sale, items };
      }
      case 'SaleCompleted':
        return { ...sale, fiscalDocument: event.data.payload.fiscalDocument };
      case 'SaleCancelled':
        return { ...sale, cancelReason: event.data.payload.reason ?? null };
    }
  },
});
