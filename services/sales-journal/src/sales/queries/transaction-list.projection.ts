import { SaleEvents, type SaleStatus, type TransactionListItem } from '@elk/contracts';
import { defineCollection, hasApplied, idsWhere, type Projection } from '@elk/documents';
import { checkpointOf } from '@elk/eventstore';
import { parseEvent } from '@elk/service-kit';
import { statusAfter } from '../sale.decider';
import { utc } from './sale-list.projection';

/**
 * A card or СБП payment or refund as Журналы → Транзакции lists it, with what the list filters on: the organisation,
 * the sale's creating employee (a Cashier sees only their own sales' transactions), RRN, TID, the card's last four
 * digits and the СБП operation, flat.
 */
export type TransactionDocument = TransactionListItem & {
  organisationId: string;
  /** The instant, for periods and sorting (`occurredAt` keeps the terminal's clock and offset). */
  occurredAtUtc: string;
  saleEmployeeId: string;
  rrn: string | null;
  tid: string | null;
  cardLast4: string | null;
  sbpOperationId: string | null;
};

/** What the transactions need to know of their sale: its number, status and creating employee. */
interface SaleHeadDocument {
  organisationId: string;
  number: number;
  status: SaleStatus;
  employeeId: string;
}

export const transactionsCollection = defineCollection<TransactionDocument>('sales-journal.transactions', {
  indexes: [
    { fields: ['organisationId', 'occurredAtUtc'], name: 'sales-journal.transactions:occurredAt' },
    { fields: ['organisationId', 'amount'], name: 'sales-journal.transactions:amount' },
    { fields: ['organisationId', 'rrn'], name: 'sales-journal.transactions:rrn' },
    { fields: ['organisationId', 'tid', 'occurredAtUtc'], name: 'sales-journal.transactions:tid' },
    { fields: ['organisationId', 'cardLast4', 'occurredAtUtc'], name: 'sales-journal.transactions:cardLast4' },
    { fields: ['organisationId', 'sbpOperationId'], name: 'sales-journal.transactions:sbpOperation' },
    { fields: ['organisationId', 'saleEmployeeId', 'occurredAtUtc'], name: 'sales-journal.transactions:saleEmployee' },
    { fields: ['sale.id'], name: 'sales-journal.transactions:sale' },
  ],
});

const saleHeadsCollection = defineCollection<SaleHeadDocument>('sales-journal.transaction-sales');

/**
 * Журналы → Транзакции: one document per card or СБП payment and refund (by the id of the event that recorded it),
 * each with its sale's number and current status.
 */
export const transactionListProjection: Projection = {
  name: 'sales-journal.transactions.v1',
  collections: [transactionsCollection, saleHeadsCollection],
  handles: Object.keys(SaleEvents),
  async apply(recorded, session) {
    const event = parseEvent(SaleEvents, recorded);
    const { organisationId, saleId, origin } = event.data;
    const heads = session.collection(saleHeadsCollection);
    const transactions = session.collection(transactionsCollection);
    const checkpoint = checkpointOf(recorded);
    const head = await heads.get(saleId);
    if (hasApplied(head, checkpoint)) return;
    // A sale id is the first terminal's that used it (the push refuses it to others): never another organisation's.
    if (head && head.data.organisationId !== organisationId) return;
    if (event.type === 'SaleCreated') {
      await heads.upsert(saleId, { organisationId, number: event.data.payload.number, status: 'created', employeeId: origin.employee.id }, { checkpoint });
      return;
    }
    if (!head) return;
    const status = statusAfter(head.data.status, event.type) ?? head.data.status;
    await heads.upsert(saleId, { ...head.data, status }, { checkpoint });
    if (status !== head.data.status) {
      for (const id of await idsWhere(transactions, { 'sale.id': saleId })) {
        const transaction = (await transactions.get(id))!.data;
        await transactions.upsert(id, { ...transaction, sale: { ...transaction.sale, status } }, { checkpoint });
      }
    }
    const common = {
      organisationId,
      saleEmployeeId: head.data.employeeId,
      occurredAt: origin.occurredAt,
      occurredAtUtc: utc(origin.occurredAt),
      sale: { id: saleId, number: head.data.number, status },
      salesPoint: origin.salesPoint,
      workplace: origin.workplace,
      employee: origin.employee,
    };
    if (event.type === 'PaymentReceived') {
      const { paymentId, method, amount, card, sbp } = event.data.payload;
      if (method === 'cash') return;
      await transactions.upsert(recorded.eventId, { ...common, id: recorded.eventId, kind: 'payment', paymentId, method, amount, card: card ?? null, sbp: sbp ?? null, ...searchFieldsOf(card ?? null, sbp ?? null) }, { checkpoint });
    }
    if (event.type === 'PaymentRefunded') {
      const { paymentId, amount } = event.data.payload;
      const payment = (await transactions.find({ where: { 'sale.id': saleId, paymentId, kind: 'payment' }, limit: 1 })).items[0]?.data;
      if (!payment) return;
      const { method, card, sbp } = payment;
      await transactions.upsert(recorded.eventId, { ...common, id: recorded.eventId, kind: 'refund', paymentId, method, amount, card, sbp, ...searchFieldsOf(card, sbp) }, { checkpoint });
    }
  },
};

function searchFieldsOf(card: TransactionListItem['card'], sbp: TransactionListItem['sbp']): Pick<TransactionDocument, 'rrn' | 'tid' | 'cardLast4' | 'sbpOperationId'> {
  return { rrn: card?.rrn ?? null, tid: card?.tid ?? sbp?.tid ?? null, cardLast4: card ? card.cardMask.slice(-4) : null, sbpOperationId: sbp?.operationId ?? null };
}

/** The transaction as the journal shows it, without what is kept only for filtering. */
export function transactionOf(document: Omit<TransactionDocument, 'organisationId'>): TransactionListItem {
  const { occurredAtUtc: _occurredAtUtc, saleEmployeeId: _saleEmployeeId, rrn: _rrn, tid: _tid, cardLast4: _cardLast4, sbpOperationId: _sbpOperationId, ...transaction } = document;
  return transaction;
}
