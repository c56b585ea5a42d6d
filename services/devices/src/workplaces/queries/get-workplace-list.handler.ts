import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { GetWorkplaceList, DevicesSubjects, type Actor, type WorkplaceList } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, organisationListPage, BusPayload, BusActor } from '@elk/service-kit';
import { DEVICES_QUEUE } from '../../devices.queue';
import { OrganisationDirectory } from '../../organisation-directory/organisation-directory';
import { WorkplaceDesk } from '../workplace-desk';
import { nextFreeNumber } from '../workplace.decider';
import { workplaceViews } from '../workplace.view';
import { workplacesCollection, type WorkplaceDocument } from './workplace-list.projection';

@Controller()
export class GetWorkplaceListHandler {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly directory: OrganisationDirectory,
    private readonly desk: WorkplaceDesk,
  ) {}

  /** The organisation's workplaces by number; search in the name and the number; the number a new one would get. */
  @MessagePattern(DevicesSubjects.GetWorkplaceList, { queue: DEVICES_QUEUE })
  async execute(@BusPayload(GetWorkplaceList) query: GetWorkplaceList, @BusActor() actor: Actor): Promise<WorkplaceList> {
    const { status, salesPointId, employeeId, ...list } = query;
    const where = { ...(status ? { status } : {}), ...(salesPointId ? { salesPointId } : {}), ...(employeeId ? { employeeId } : {}) };
    const page = await organisationListPage<Omit<WorkplaceDocument, 'organisationId'>>(this.documents, workplacesCollection, actor.organisationId, list, { where, defaultSort: [{ field: 'number' }] });
    return {
      items: await workplaceViews(this.directory, actor.organisationId, page.items),
      total: page.total,
      nextCursor: page.nextCursor,
      nextFreeNumber: nextFreeNumber(await this.desk.state(actor.organisationId)),
    };
  }
}
