import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { GetWorkplace, DevicesSubjects, type Actor, type WorkplaceView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, BusPayload, BusActor } from '@elk/service-kit';
import { DEVICES_QUEUE } from '../../devices.queue';
import { OrganisationDirectory } from '../../organisation-directory/organisation-directory';
import { workplaceView } from '../workplace.view';

@Controller()
export class GetWorkplaceHandler {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly directory: OrganisationDirectory,
  ) {}

  /** Another organisation's workplace does not exist for the actor. */
  @MessagePattern(DevicesSubjects.GetWorkplace, { queue: DEVICES_QUEUE })
  execute(@BusPayload(GetWorkplace) query: GetWorkplace, @BusActor() actor: Actor): Promise<WorkplaceView> {
    return workplaceView(this.documents, this.directory, actor, query.workplaceId);
  }
}
