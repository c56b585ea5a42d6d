import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor, type EmployeeView, type GetEmployee } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationDocument } from '@elk/service-kit';
import { NOT_FOUND_MESSAGE } from '../employee.decider';
import { employeesCollection, type EmployeeDocument } from './employee-list.projection';

@Injectable()
export class GetEmployeeHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Another organisation's employee does not exist for the actor. */
  async execute(query: GetEmployee, actor: Actor): Promise<EmployeeView> {
    const document = await organisationDocument<Omit<EmployeeDocument, 'organisationId'>>(this.documents, employeesCollection, actor.organisationId, query.employeeId);
    if (!document) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
    const { phoneDigits: _phoneDigits, ...view } = document;
    return view;
  }
}
