import { DomainError, type Actor, type WorkplaceView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { organisationDocument } from '@elk/service-kit';
import type { OrganisationDirectory } from '../organisation-directory/organisation-directory';
import { NOT_FOUND_MESSAGE } from './workplace.decider';
import { workplacesCollection, type WorkplaceDocument } from './queries/workplace-list.projection';

/** Names the views need that the directory may not have yet (a sales point or employee added a moment ago). */
export type KnownNames = ReadonlyMap<string, string>;

/** The list's documents as the cabinet shows them: with the names of their sales points and employees. */
export async function workplaceViews(directory: OrganisationDirectory, organisationId: string, documents: readonly Omit<WorkplaceDocument, 'organisationId'>[], known: KnownNames = new Map()): Promise<WorkplaceView[]> {
  const salesPoints = await directory.names('sales-point', organisationId, documents.map((workplace) => workplace.salesPointId));
  const employees = await directory.names(
    'employee',
    organisationId,
    documents.flatMap((workplace) => [workplace.employeeId, ...(workplace.activatedById ? [workplace.activatedById] : [])]),
  );
  const name = (names: ReadonlyMap<string, string>, id: string) => names.get(id) ?? known.get(id) ?? '';
  return documents.map(({ credentialId: _credentialId, activatedById, ...workplace }) => ({
    ...workplace,
    salesPointName: name(salesPoints, workplace.salesPointId),
    employeeName: name(employees, workplace.employeeId),
    activatedByName: activatedById ? name(employees, activatedById) : null,
  }));
}

/** The workplace's card from the read model; another organisation's does not exist for the actor. */
export async function workplaceView(documents: DocumentStore, directory: OrganisationDirectory, actor: Actor, workplaceId: string, known?: KnownNames): Promise<WorkplaceView> {
  const document = await organisationDocument<Omit<WorkplaceDocument, 'organisationId'>>(documents, workplacesCollection, actor.organisationId, workplaceId);
  if (!document) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
  const [view] = await workplaceViews(directory, actor.organisationId, [document], known);
  return view!;
}
