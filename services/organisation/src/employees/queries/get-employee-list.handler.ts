import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { type Actor, type EmployeeList, GetEmployeeList, OrganisationSubjects } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationListPage, BusPayload, BusActor } from '@elk/service-kit';
import { employeesCollection, searchTerm, type EmployeeDocument } from './employee-list.projection';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class GetEmployeeListHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The actor's organisation's employees by full name; search looks in the full name, the email and the phone. */
  @MessagePattern(OrganisationSubjects.GetEmployeeList, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(GetEmployeeList) query: GetEmployeeList, @BusActor() actor: Actor): Promise<EmployeeList> {
    const page = await organisationListPage<Omit<EmployeeDocument, 'organisationId'>>(
      this.documents,
      employeesCollection,
      actor.organisationId,
      { ...query, search: searchTerm(query.search) },
      { defaultSort: [{ field: 'fullName' }] },
    );
    return { ...page, items: page.items.map(({ phoneDigits: _phoneDigits, ...view }) => view) };
  }
}
