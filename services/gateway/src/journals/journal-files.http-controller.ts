import { JOURNAL_EXPORT_PAGE_SIZE, SaleList, SalesJournalSubjects, TransactionList } from '@elk/contracts';
import { systemClock } from '@elk/service-kit';
import { Controller, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { ServiceBus, type Caller } from '../bus/service-bus';
import { allPages, attachment, firstPageFirst } from '../files/file-answers';
import { XLSX_CONTENT_TYPE } from '../files/spreadsheet-xlsx';
import { CorrelationId, CurrentActor, type SessionActor } from '../http/request-context';
import { Route, RouteInput, type InputOf } from '../routes/route';
import { salesFile, transactionsFile } from './journal-files';
import { JournalRoutes, type JournalFileFormat } from './journals.routes';

/** Журналы → Экспорт: the whole filtered journal as a file, streamed page by page. */
@Controller()
export class JournalFilesHttpController {
  constructor(private readonly bus: ServiceBus) {}

  @Route(JournalRoutes.salesExport)
  async exportSales(@RouteInput() { query }: InputOf<typeof JournalRoutes.salesExport>, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string, @Res() reply: FastifyReply): Promise<void> {
    const { format, ...filters } = query;
    const rows = await this.pages(SalesJournalSubjects.GetSaleList, filters, SaleList, { actor, correlationId });
    this.send(reply, format, 'Продажи', 'sales', salesFile(format, rows));
  }

  @Route(JournalRoutes.transactionsExport)
  async exportTransactions(@RouteInput() { query }: InputOf<typeof JournalRoutes.transactionsExport>, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string, @Res() reply: FastifyReply): Promise<void> {
    const { format, ...filters } = query;
    const rows = await this.pages(SalesJournalSubjects.GetTransactionList, filters, TransactionList, { actor, correlationId });
    this.send(reply, format, 'Транзакции', 'transactions', transactionsFile(format, rows));
  }

  private pages<S extends typeof SaleList | typeof TransactionList>(subject: string, filters: object, schema: S, caller: Caller) {
    type Item = z.output<S>['items'][number];
    const pages = allPages<Item>((cursor) => this.bus.request(subject, { ...filters, limit: JOURNAL_EXPORT_PAGE_SIZE, count: false, cursor }, schema, caller) as Promise<{ items: Item[]; nextCursor: string | null }>);
    return firstPageFirst(pages, (item) => item);
  }

  private send(reply: FastifyReply, format: JournalFileFormat, title: string, asciiName: string, file: Readable): void {
    const date = systemClock.now().toISOString().slice(0, 10);
    void reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_CONTENT_TYPE)
      .header('content-disposition', attachment(`${title} ${date}.${format}`, `${asciiName}-${date}.${format}`))
      .send(file);
  }
}
