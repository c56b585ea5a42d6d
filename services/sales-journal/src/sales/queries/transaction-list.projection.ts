import { SaleEvents, type SaleStatus, type TransactionListItem } from '@elk/contracts';
import { defineCollection, documentsWhere, hasApplied, type DocumentCollection, type DocumentWrite, type Projection } from '@elk/documents';
import { checkpointOf, type GlobalCheckpoint } from '@elk/eventstore';
import { statusAfter, type SaleEvent } from '../sale.decider';
import { parseSaleEvent, utc } from './sale-list.projection';

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
    // A batch reads the stored transactions of its sales by it.
    { fields: ['sale.id'], name: 'sales-journal.transactions:sale', neededWhileRebuilding: true },
  ],
  // The ids as uuid, as the sales' (decision 0018).
  fieldTypes: {
    organisationId: 'uuid',
    occurredAtUtc: 'string',
    amount: 'number',
    rrn: 'string',
    tid: 'string',
    cardLast4: 'string',
    sbpOperationId: 'string',
    saleEmployeeId: 'uuid',
    'sale.id': 'uuid',
  },
});

const saleHeadsCollection = defineCollection<SaleHeadDocument>('sales-journal.transaction-sales');

/** A document as a batch leaves it: its data and the position of the last event that wrote it. */
interface Written<T> {
  data: T;
  checkpoint: GlobalCheckpoint | null;
}

/**
 * Журналы → Транзакции: one document per card or СБП payment and refund (by the id of the event that recorded it),
 * each with its sale's number and current status. A batch reads its sales' heads and their stored transactions at
 * once, folds its events over them in memory, and writes what changed at once.
 */
export const transactionListProjection: Projection = {
  name: 'sales-journal.transactions.v1',
  collections: [transactionsCollection, saleHeadsCollection],
  handles: Object.keys(SaleEvents),
  parse: parseSaleEvent,
  async apply(recordedEvents, session, parsed) {
    const events = recordedEvents.map((recorded, index) => ({ recorded, event: parsed ? (parsed[index] as SaleEvent) : parseSaleEvent(recorded) }));
    const headsCollection = session.collection(saleHeadsCollection);
    const transactionsOf = session.collection(transactionsCollection);
    const heads = new Map<string, Written<SaleHeadDocument>>(await headsCollection.getMany([...new Set(events.map(({ event }) => event.data.saleId))]));
    const storedHeads = new Set(heads.keys());
    // A sale the batch creates has no stored transactions yet: only the sales with a stored head can have some.
    const stored = heads.size > 0 ? await documentsWhere(transactionsOf, { 'sale.id': { in: [...heads.keys()] } }) : [];
    const transactions = new Map<string, Written<TransactionDocument>>();
    const idsBySale = new Map<string, string[]>();
    const changedHeads = new Set<string>();
    const changedTransactions = new Set<string>();
    const ofSale = (saleId: string) => (idsBySale.get(saleId) ?? []).map((id) => transactions.get(id)!.data);
    const keepTransaction = (data: TransactionDocument, checkpoint: GlobalCheckpoint | null) => {
      if (!transactions.has(data.id)) idsBySale.set(data.sale.id, [...(idsBySale.get(data.sale.id) ?? []), data.id]);
      transactions.set(data.id, { data, checkpoint });
    };
    for (const { data, checkpoint } of stored) keepTransaction(data, checkpoint);
    const writeTransaction = (data: TransactionDocument, checkpoint: GlobalCheckpoint) => {
      keepTransaction(data, checkpoint);
      changedTransactions.add(data.id);
    };

    for (const { recorded, event } of events) {
      const { organisationId, saleId, origin } = event.data;
      const checkpoint = checkpointOf(recorded);
      const head = heads.get(saleId);
      if (head && hasApplied(head, checkpoint)) continue;
      // A sale id is the first terminal's that used it (the push refuses it to others): never another organisation's.
      if (head && head.data.organisationId !== organisationId) continue;
      if (event.type === 'SaleCreated') {
        heads.set(saleId, { data: { organisationId, number: event.data.payload.number, status: 'created', employeeId: origin.employee.id }, checkpoint });
        changedHeads.add(saleId);
        continue;
      }
      if (!head) continue;
      const status = statusAfter(head.data.status, event.type) ?? head.data.status;
      heads.set(saleId, { data: { ...head.data, status }, checkpoint });
      changedHeads.add(saleId);
      if (status !== head.data.status) {
        for (const data of ofSale(saleId)) writeTransaction({ ...data, sale: { ...data.sale, status } }, checkpoint);
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
        if (method === 'cash') continue;
        writeTransaction({ ...common, id: recorded.eventId, kind: 'payment', paymentId, method, amount, card: card ?? null, sbp: sbp ?? null, ...searchFieldsOf(card ?? null, sbp ?? null) }, checkpoint);
      }
      if (event.type === 'PaymentRefunded') {
        const { paymentId, amount } = event.data.payload;
        const payment = ofSale(saleId).find((transaction) => transaction.paymentId === paymentId && transaction.kind === 'payment');
        if (!payment) continue;
        const { method, card, sbp } = payment;
        writeTransaction({ ...common, id: recorded.eventId, kind: 'refund', paymentId, method, amount, card, sbp, ...searchFieldsOf(card, sbp) }, checkpoint);
      }
    }

    // What the batch read is updated, what it created inserted (cheaper than an upsert).
    const write = async <T>(collection: DocumentCollection<T>, ids: Set<string>, documents: Map<string, Written<T>>, storedIds: ReadonlySet<string>) => {
      const updates: DocumentWrite<T>[] = [];
      const inserts: DocumentWrite<T>[] = [];
      for (const id of ids) (storedIds.has(id) ? updates : inserts).push({ id, data: documents.get(id)!.data, checkpoint: documents.get(id)!.checkpoint ?? undefined });
      await collection.upsertMany(updates);
      await collection.insertMany(inserts);
    };
    await write(headsCollection, changedHeads, heads, storedHeads);
    await write(transactionsOf, changedTransactions, transactions, new Set(stored.map((document) => document.id)));
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
