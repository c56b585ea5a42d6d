import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { GetTransactionList, JOURNAL_COUNT_LIMIT, SalesJournalSubjects, TransactionListItem, type Actor, type TransactionList } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { BusActor, BusPayload, DOCUMENT_STORE, organisationListPage } from '@elk/service-kit';
import { SALES_JOURNAL_QUEUE } from '../../sales-journal.queue';
import { journalSort, ownSalesOf, periodCondition, rangeCondition } from '../journal-readers';
import { transactionsCollection } from './transaction-list.projection';

/** A row reads only its columns of the transaction's document, not what is kept for the filters. */
const TRANSACTION_LIST_FIELDS = Object.keys(TransactionListItem.shape);

@Controller()
export class GetTransactionListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Журналы → Транзакции: card and СБП payments and refunds, newest first unless sorted, with the journal's filters. */
  @MessagePattern(SalesJournalSubjects.GetTransactionList, { queue: SALES_JOURNAL_QUEUE })
  async execute(@BusPayload(GetTransactionList) query: GetTransactionList, @BusActor() actor: Actor): Promise<TransactionList> {
    const own = ownSalesOf(actor);
    const { from, to, salesPointId, workplaceId, employeeId, sumFrom, sumTo, kind, method, rrn, tid, cardLast4, sbpOperationId, count, ...list } = query;
    const where = {
      occurredAtUtc: periodCondition(from, to),
      'salesPoint.id': salesPointId,
      'workplace.id': workplaceId,
      'employee.id': employeeId,
      saleEmployeeId: own ?? undefined,
      amount: rangeCondition(sumFrom, sumTo),
      kind,
      method,
      rrn,
      tid,
      cardLast4,
      sbpOperationId,
    };
    return organisationListPage<TransactionListItem>(this.documents, transactionsCollection, actor.organisationId, { ...list, sort: undefined }, {
      where,
      defaultSort: journalSort(list.sort),
      count,
      countUpTo: JOURNAL_COUNT_LIMIT,
      fields: TRANSACTION_LIST_FIELDS,
    });
  }
}
