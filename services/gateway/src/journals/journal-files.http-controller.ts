import { SaleExportPage, SalesJournalSubjects, TransactionExportPage } from '@elk/contracts';
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
    const { format, limit: _limit, cursor: _cursor, ...filters } = query;
    const rows = await this.pages(SalesJournalSubjects.GetSaleExportPage, filters, SaleExportPage, { actor, correlationId });
    this.send(reply, format, 'Продажи', 'sales', salesFile(format, rows));
  }

  @Route(JournalRoutes.transactionsExport)
  async exportTransactions(@RouteInput() { query }: InputOf<typeof JournalRoutes.transactionsExport>, @CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string, @Res() reply: FastifyReply): Promise<void> {
    const { format, limit: _limit, cursor: _cursor, ...filters } = query;
    const rows = await this.pages(SalesJournalSubjects.GetTransactionExportPage, filters, TransactionExportPage, { actor, correlationId });
    this.send(reply, format, 'Транзакции', 'transactions', transactionsFile(format, rows));
  }

  /** The journal's rows for the file, page after page (the sales journal's pages of JOURNAL_EXPORT_PAGE_SIZE). */
  private pages<Row>(subject: string, filters: object, schema: z.ZodType<{ rows: Row[]; nextCursor: string | null }>, caller: Caller) {
    const pages = allPages<Row>(async (cursor) => {
      const { rows, nextCursor } = await this.bus.request(subject, { ...filters, cursor }, schema, caller);
      return { items: rows, nextCursor };
    });
    return firstPageFirst(pages, (row) => row);
  }

  private send(reply: FastifyReply, format: JournalFileFormat, title: string, asciiName: string, file: Readable): void {
    const date = systemClock.now().toISOString().slice(0, 10);
    void reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_CONTENT_TYPE)
      .header('content-disposition', attachment(`${title} ${date}.${format}`, `${asciiName}-${date}.${format}`))
      .send(file);
  }
}
