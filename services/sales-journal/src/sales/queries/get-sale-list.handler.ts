import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { GetSaleList, JOURNAL_COUNT_LIMIT, SaleListItem, SalesJournalSubjects, type Actor, type SaleList } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { BusActor, BusPayload, DOCUMENT_STORE, organisationListPage } from '@elk/service-kit';
import { SALES_JOURNAL_QUEUE } from '../../sales-journal.queue';
import { journalSort, saleListWhere } from '../journal-readers';
import { salesCollection } from './sale-list.projection';

/** A row reads only its columns of the sale's document, not its lines, payments and receipt. */
const SALE_LIST_FIELDS = Object.keys(SaleListItem.shape);

@Controller()
export class GetSaleListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Журналы → Продажи: newest first unless sorted, filtered by period, status, place, employee, sum, number, payment method and ФН. */
  @MessagePattern(SalesJournalSubjects.GetSaleList, { queue: SALES_JOURNAL_QUEUE })
  async execute(@BusPayload(GetSaleList) query: GetSaleList, @BusActor() actor: Actor): Promise<SaleList> {
    const where = saleListWhere(query, actor);
    if (!where) return { items: [], total: 0, nextCursor: null };
    const { limit, cursor, sort } = query;
    return organisationListPage<SaleListItem>(this.documents, salesCollection, actor.organisationId, { limit, cursor }, {
      where,
      defaultSort: journalSort(sort),
      countUpTo: JOURNAL_COUNT_LIMIT,
      fields: SALE_LIST_FIELDS,
    });
  }
}
