import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CATALOG_FEED_START, CatalogSubjects, GetTerminalCatalog, decodeCatalogCursor, type TerminalCatalogPage } from '@elk/contracts';
import { MAX_FIND_LIMIT, type DocumentStore } from '@elk/documents';
import { AnonymousCall, BusPayload, DOCUMENT_STORE } from '@elk/service-kit';
import { CATALOG_QUEUE } from '../catalog.queue';
import { terminalCatalogPage } from './terminal-catalog.page';
import { terminalCatalogCollection, type TerminalCatalogEntry } from './terminal-catalog.projection';

@Controller()
export class GetTerminalCatalogHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** `GET /pos/v1/catalog`: the organisation's units, categories and products changed after the terminal's cursor. */
  @MessagePattern(CatalogSubjects.GetTerminalCatalog, { queue: CATALOG_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(GetTerminalCatalog) query: GetTerminalCatalog): Promise<TerminalCatalogPage> {
    const after = query.cursor ? decodeCatalogCursor(query.cursor)! : CATALOG_FEED_START;
    return terminalCatalogPage(await this.entriesAfter(query.organisationId, after, query.limit + 1), query.limit, after);
  }

  /** Up to `count` entries after `after`, in position order, read in pieces the store allows. */
  private async entriesAfter(organisationId: string, after: string, count: number): Promise<TerminalCatalogEntry[]> {
    const entries: TerminalCatalogEntry[] = [];
    const where = { organisationId, position: { gt: after } };
    for (let cursor: string | null = null; entries.length < count; ) {
      const limit = Math.min(count - entries.length, MAX_FIND_LIMIT);
      const page = await this.documents.collection(terminalCatalogCollection).find({ where, sort: [{ field: 'position' }], limit, cursor, count: false });
      entries.push(...page.items.map((item) => item.data));
      cursor = page.nextCursor;
      if (cursor === null) break;
    }
    return entries;
  }
}
