import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DomainError, GetTransaction, SalesJournalSubjects, type Actor, type TransactionListItem } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { BusActor, BusPayload, DOCUMENT_STORE, organisationDocument } from '@elk/service-kit';
import { SALES_JOURNAL_QUEUE } from '../../sales-journal.queue';
import { ownSalesOf } from '../journal-readers';
import { transactionOf, transactionsCollection, type TransactionDocument } from './transaction-list.projection';

@Controller()
export class GetTransactionHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The details panel of a card or СБП payment or refund. */
  @MessagePattern(SalesJournalSubjects.GetTransaction, { queue: SALES_JOURNAL_QUEUE })
  async execute(@BusPayload(GetTransaction) query: GetTransaction, @BusActor() actor: Actor): Promise<TransactionListItem> {
    const own = ownSalesOf(actor);
    const document = await organisationDocument<Omit<TransactionDocument, 'organisationId'>>(this.documents, transactionsCollection, actor.organisationId, query.transactionId);
    if (!document || (own && document.saleEmployeeId !== own)) throw new DomainError('NOT_FOUND', 'Транзакция не найдена');
    return transactionOf(document);
  }
}
