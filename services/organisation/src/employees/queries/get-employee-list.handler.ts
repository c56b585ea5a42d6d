import { Inject, Injectable } from '@nestjs/common';
import type { Actor, EmployeeList, GetEmployeeList } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationListPage } from '@elk/service-kit';
import { employeesCollection, searchTerm, type EmployeeDocument } from './employee-list.projection';

@Injectable()
export class GetEmployeeListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The actor's organisation's employees by full name; search looks in the full name, the email and the phone. */
  async execute(query: GetEmployeeList, actor: Actor): Promise<EmployeeList> {
    const page = await organisationListPage<Omit<EmployeeDocument, 'organisationId'>>(
      this.documents,
      employeesCollection,
      actor.organisationId,
      { ...query, search: searchTerm(query.search) },
      { sortBy: 'fullName' },
    );
    return { ...page, items: page.items.map(({ phoneDigits: _phoneDigits, ...view }) => view) };
  }
}
