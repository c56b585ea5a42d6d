import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { GetSaleList, JOURNAL_COUNT_LIMIT, SalesJournalSubjects, type Actor, type SaleList } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { BusActor, BusPayload, DOCUMENT_STORE, organisationListPage } from '@elk/service-kit';
import { SALES_JOURNAL_QUEUE } from '../../sales-journal.queue';
import { journalSort, ownSalesOf, periodCondition, rangeCondition } from '../journal-readers';
import { saleListItemOf, salesCollection, type SaleDocument } from './sale-list.projection';

@Controller()
export class GetSaleListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Журналы → Продажи: newest first unless sorted, filtered by period, status, place, employee, sum, number, payment method and ФН. */
  @MessagePattern(SalesJournalSubjects.GetSaleList, { queue: SALES_JOURNAL_QUEUE })
  async execute(@BusPayload(GetSaleList) query: GetSaleList, @BusActor() actor: Actor): Promise<SaleList> {
    const own = ownSalesOf(actor);
    const { from, to, status, salesPointId, workplaceId, employeeId, sumFrom, sumTo, number, paymentMethod, fnNumber, count, ...list } = query;
    if (own && employeeId && employeeId !== own) return { items: [], total: 0, nextCursor: null };
    const where = {
      occurredAtUtc: periodCondition(from, to),
      status,
      'salesPoint.id': salesPointId,
      'workplace.id': workplaceId,
      'employee.id': own ?? employeeId,
      total: rangeCondition(sumFrom, sumTo),
      number,
      'fiscalDocument.fnNumber': fnNumber,
      ...(paymentMethod ? { [`paidWith.${paymentMethod}`]: true } : {}),
    };
    const page = await organisationListPage<Omit<SaleDocument, 'organisationId'>>(this.documents, salesCollection, actor.organisationId, { ...list, sort: undefined }, {
      where,
      defaultSort: journalSort(list.sort),
      count,
      countUpTo: JOURNAL_COUNT_LIMIT,
    });
    return { ...page, items: page.items.map(saleListItemOf) };
  }
}
