import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DomainError, type Actor, type EmployeeView, GetEmployee, OrganisationSubjects } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationDocument, BusPayload, BusActor } from '@elk/service-kit';
import { NOT_FOUND_MESSAGE } from '../employee.decider';
import { employeesCollection, type EmployeeDocument } from './employee-list.projection';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class GetEmployeeHandler {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Another organisation's employee does not exist for the actor. */
  @MessagePattern(OrganisationSubjects.GetEmployee, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(GetEmployee) query: GetEmployee, @BusActor() actor: Actor): Promise<EmployeeView> {
    const document = await organisationDocument<Omit<EmployeeDocument, 'organisationId'>>(this.documents, employeesCollection, actor.organisationId, query.employeeId);
    if (!document) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
    const { phoneDigits: _phoneDigits, ...view } = document;
    return view;
  }
}
