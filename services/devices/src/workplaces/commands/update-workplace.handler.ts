import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { UpdateWorkplace, DevicesSubjects, type Actor, type WorkplaceView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import { DEVICES_QUEUE } from '../../devices.queue';
import { OrganisationDirectory } from '../../organisation-directory/organisation-directory';
import { WorkplaceDesk } from '../workplace-desk';
import { workplaceView } from '../workplace.view';

@Controller()
export class UpdateWorkplaceHandler {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly directory: OrganisationDirectory,
    private readonly desk: WorkplaceDesk,
  ) {}

  /** «Изменить»: the card's new values, on the version the user saw. */
  @MessagePattern(DevicesSubjects.UpdateWorkplace, { queue: DEVICES_QUEUE })
  async execute(@BusPayload(UpdateWorkplace) command: UpdateWorkplace, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<WorkplaceView> {
    const { organisationId, accountId } = actor;
    const { expectedVersion, ...fields } = command.workplace;
    const { references, names } = await this.desk.references(actor, context, fields);
    await this.desk.record(organisationId, accountId, { type: 'UpdateWorkplace', organisationId, workplaceId: command.workplaceId, fields, references, expectedVersion, at: this.desk.now() }, context);
    return workplaceView(this.documents, this.directory, actor, command.workplaceId, names);
  }
}
