import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  GetTransactionExportPage,
  JOURNAL_EXPORT_PAGE_SIZE,
  SalesJournalSubjects,
  TRANSACTION_EXPORT_ROW_VALUES,
  type Actor,
  type TransactionExportPage,
  type TransactionExportRow,
} from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { BusActor, BusPayload, DOCUMENT_STORE, organisationValuesPage } from '@elk/service-kit';
import { SALES_JOURNAL_QUEUE } from '../../sales-journal.queue';
import { journalSort, transactionListWhere } from '../journal-readers';
import { transactionsCollection } from './transaction-list.projection';

/** Where in a transaction's document each value of its export row is (a card's under `card`, an СБП payment's under `sbp`). */
const TRANSACTION_EXPORT_PATHS: Record<keyof TransactionExportRow, string> = {
  occurredAt: 'occurredAt',
  kind: 'kind',
  amount: 'amount',
  method: 'method',
  cardMask: 'card.cardMask',
  paymentSystem: 'card.paymentSystem',
  rrn: 'card.rrn',
  authCode: 'card.authCode',
  cardTid: 'card.tid',
  mid: 'card.mid',
  bank: 'card.bank',
  sbpOperationId: 'sbp.operationId',
  sbpTid: 'sbp.tid',
  payerBank: 'sbp.payerBank',
  saleNumber: 'sale.number',
  salesPoint: 'salesPoint.name',
  workplace: 'workplace.name',
  workplaceNumber: 'workplace.number',
  employee: 'employee.name',
};
const VALUES = TRANSACTION_EXPORT_ROW_VALUES.map((name) => TRANSACTION_EXPORT_PATHS[name]);

@Controller()
export class GetTransactionExportPageHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Журналы → Транзакции → Экспорт: the filtered journal's rows for the file, a page of JOURNAL_EXPORT_PAGE_SIZE at a time. */
  @MessagePattern(SalesJournalSubjects.GetTransactionExportPage, { queue: SALES_JOURNAL_QUEUE })
  async execute(@BusPayload(GetTransactionExportPage) query: GetTransactionExportPage, @BusActor() actor: Actor): Promise<TransactionExportPage> {
    const where = transactionListWhere(query, actor);
    return organisationValuesPage(this.documents, transactionsCollection, actor.organisationId, { where, sort: journalSort(query.sort), limit: JOURNAL_EXPORT_PAGE_SIZE, cursor: query.cursor, values: VALUES });
  }
}
