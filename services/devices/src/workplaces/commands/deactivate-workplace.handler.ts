import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { DeactivateWorkplace, DevicesSubjects, type Actor, type WorkplaceView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import { DEVICES_QUEUE } from '../../devices.queue';
import { OrganisationDirectory } from '../../organisation-directory/organisation-directory';
import { WorkplaceDesk } from '../workplace-desk';
import { workplaceView } from '../workplace.view';

@Controller()
export class DeactivateWorkplaceHandler {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly directory: OrganisationDirectory,
    private readonly desk: WorkplaceDesk,
  ) {}

  /**
   * «Деактивировать»: the terminal's credential dies at once — the answer comes once the list (which terminals are
   * checked against) shows it, so the terminal's next request gets 401.
   */
  @MessagePattern(DevicesSubjects.DeactivateWorkplace, { queue: DEVICES_QUEUE })
  async execute(@BusPayload(DeactivateWorkplace) command: DeactivateWorkplace, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<WorkplaceView> {
    const { organisationId, accountId } = actor;
    await this.desk.record(organisationId, accountId, { type: 'Deactivate', organisationId, workplaceId: command.workplaceId, at: this.desk.now() }, context);
    return workplaceView(this.documents, this.directory, actor, command.workplaceId);
  }
}
