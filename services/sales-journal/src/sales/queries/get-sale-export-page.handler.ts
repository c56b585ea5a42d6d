import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { GetSaleExportPage, JOURNAL_EXPORT_PAGE_SIZE, SALE_EXPORT_ROW_VALUES, SalesJournalSubjects, type Actor, type SaleExportPage, type SaleExportRow } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { BusActor, BusPayload, DOCUMENT_STORE, organisationValuesPage } from '@elk/service-kit';
import { SALES_JOURNAL_QUEUE } from '../../sales-journal.queue';
import { journalSort, saleListWhere } from '../journal-readers';
import { salesCollection } from './sale-list.projection';

/** Where in a sale's document each value of its export row is. */
const SALE_EXPORT_PATHS: Record<keyof SaleExportRow, string> = {
  occurredAt: 'occurredAt',
  number: 'number',
  status: 'status',
  total: 'total',
  paid: 'paid',
  paymentMethods: 'paymentMethods',
  salesPoint: 'salesPoint.name',
  workplace: 'workplace.name',
  workplaceNumber: 'workplace.number',
  employee: 'employee.name',
};
const VALUES = SALE_EXPORT_ROW_VALUES.map((name) => SALE_EXPORT_PATHS[name]);

@Controller()
export class GetSaleExportPageHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Журналы → Продажи → Экспорт: the filtered journal's rows for the file, a page of JOURNAL_EXPORT_PAGE_SIZE at a time. */
  @MessagePattern(SalesJournalSubjects.GetSaleExportPage, { queue: SALES_JOURNAL_QUEUE })
  async execute(@BusPayload(GetSaleExportPage) query: GetSaleExportPage, @BusActor() actor: Actor): Promise<SaleExportPage> {
    const where = saleListWhere(query, actor);
    if (!where) return { rows: [], nextCursor: null };
    return organisationValuesPage(this.documents, salesCollection, actor.organisationId, { where, sort: journalSort(query.sort), limit: JOURNAL_EXPORT_PAGE_SIZE, cursor: query.cursor, values: VALUES });
  }
}
