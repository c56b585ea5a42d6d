import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor, type GetLegalEntityList, type LegalEntityList } from '@elk/contracts';
import { InvalidDocumentQueryError, type DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE } from '@elk/service-kit';
import { legalEntitiesCollection } from './legal-entity-list.projection';

@Injectable()
export class GetLegalEntityListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The actor's organisation's legal entities by name; search looks in the name and the ИНН. */
  async execute(query: GetLegalEntityList, actor: Actor): Promise<LegalEntityList> {
    try {
      const page = await this.documents.collection(legalEntitiesCollection).find({
        where: { organisationId: actor.organisationId },
        search: query.search,
        sort: [{ field: 'name' }],
        limit: query.limit,
        cursor: query.cursor,
      });
      return { items: page.items.map(({ data: { organisationId: _organisationId, ...view } }) => view), total: page.total, nextCursor: page.nextCursor };
    } catch (error) {
      if (error instanceof InvalidDocumentQueryError) {
        throw new DomainError('VALIDATION_FAILED', 'Проверьте введённые данные', [{ path: 'cursor', message: 'Неверный курсор: начните список сначала' }]);
      }
      throw error;
    }
  }
}
