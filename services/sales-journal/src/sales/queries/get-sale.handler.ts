import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DomainError, GetSale, SaleEventOrigin, SalesJournalSubjects, type Actor, type SaleHistoryEntry, type SaleStatus, type SaleView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import type { EventStore } from '@elk/eventstore';
import { BusActor, BusPayload, DOCUMENT_STORE, EVENT_STORE, organisationDocument } from '@elk/service-kit';
import { SALES_JOURNAL_QUEUE } from '../../sales-journal.queue';
import { ownSalesOf } from '../journal-readers';
import { saleIntegrity } from '../sale-chain';
import { saleStreamId, statusAfter, type SaleEventType } from '../sale.decider';
import { salesCollection, type SaleDocument } from './sale-list.projection';

@Controller()
export class GetSaleHandler {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  /**
   * The details panel of a sale: its lines, payments and fiscal document, the status history from its stream (who,
   * when, from which terminal), and whether its events are as their terminals' chain recorded them.
   */
  @MessagePattern(SalesJournalSubjects.GetSale, { queue: SALES_JOURNAL_QUEUE })
  async execute(@BusPayload(GetSale) query: GetSale, @BusActor() actor: Actor): Promise<SaleView> {
    const own = ownSalesOf(actor);
    const document = await organisationDocument<Omit<SaleDocument, 'organisationId'>>(this.documents, salesCollection, actor.organisationId, query.saleId);
    if (!document || (own && document.employee.id !== own)) throw new DomainError('NOT_FOUND', 'Продажа не найдена');
    const { events } = await this.eventStore.readStream(saleStreamId(query.saleId));
    let status: SaleStatus | null = null;
    const history = events.flatMap((event): SaleHistoryEntry[] => {
      status = statusAfter(status, event.type as SaleEventType);
      // Only what the history shows is read, so that a tampered event still leaves the details readable (an entry
      // whose origin no longer reads is left out), and the integrity names it.
      const origin = SaleEventOrigin.safeParse((event.data as { origin?: unknown } | null)?.origin);
      if (!origin.success || !status) return [];
      const { occurredAt, employee, workplace, seq } = origin.data;
      return [{ type: event.type, status, occurredAt, recordedAt: event.recordedAt.toISOString(), employee, workplace, seq }];
    });
    const { paidWith: _paidWith, occurredAtUtc: _occurredAtUtc, ...sale } = document;
    return { ...sale, history, integrity: saleIntegrity(events) };
  }
}
