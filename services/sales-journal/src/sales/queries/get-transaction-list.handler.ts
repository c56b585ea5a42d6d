import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { GetTransactionList, JOURNAL_COUNT_LIMIT, SalesJournalSubjects, TransactionListItem, type Actor, type TransactionList } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { BusActor, BusPayload, DOCUMENT_STORE, organisationListPage } from '@elk/service-kit';
import { SALES_JOURNAL_QUEUE } from '../../sales-journal.queue';
import { journalSort, transactionListWhere } from '../journal-readers';
import { transactionsCollection } from './transaction-list.projection';

/** A row reads only its columns of the transaction's document, not what is kept for the filters. */
const TRANSACTION_LIST_FIELDS = Object.keys(TransactionListItem.shape);

@Controller()
export class GetTransactionListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Журналы → Транзакции: card and СБП payments and refunds, newest first unless sorted, with the journal's filters. */
  @MessagePattern(SalesJournalSubjects.GetTransactionList, { queue: SALES_JOURNAL_QUEUE })
  async execute(@BusPayload(GetTransactionList) query: GetTransactionList, @BusActor() actor: Actor): Promise<TransactionList> {
    const { limit, cursor, sort } = query;
    return organisationListPage<TransactionListItem>(this.documents, transactionsCollection, actor.organisationId, { limit, cursor }, {
      where: transactionListWhere(query, actor),
      defaultSort: journalSort(sort),
      countUpTo: JOURNAL_COUNT_LIMIT,
      fields: TRANSACTION_LIST_FIELDS,
    });
  }
}
