import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { AddWorkplace, DevicesSubjects, type Actor, type WorkplaceView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import { DEVICES_QUEUE } from '../../devices.queue';
import { OrganisationDirectory } from '../../organisation-directory/organisation-directory';
import { WorkplaceDesk } from '../workplace-desk';
import { workplaceView } from '../workplace.view';
import type { WorkplaceCommand } from '../workplace.decider';

@Controller()
export class AddWorkplaceHandler {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly directory: OrganisationDirectory,
    private readonly desk: WorkplaceDesk,
  ) {}

  /** «+ Добавить»: the workplace, and one SMS to its employee with the activation code (and a PIN-code if they have none). */
  @MessagePattern(DevicesSubjects.AddWorkplace, { queue: DEVICES_QUEUE })
  async execute(@BusPayload(AddWorkplace) command: AddWorkplace, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<WorkplaceView> {
    const { organisationId, accountId } = actor;
    const { workplaceId, workplace: fields } = command;
    const { references, names } = await this.desk.references(actor, context, fields);
    const add = ({ codeId, expiresAt, issuedAt }: { codeId: string; expiresAt: string; issuedAt: string }): WorkplaceCommand => ({
      type: 'AddWorkplace',
      organisationId,
      workplaceId,
      fields,
      references,
      code: { codeId, expiresAt },
      at: issuedAt,
    });
    // A retried add (the same id) decides nothing: no second code, no second SMS.
    const now = this.desk.now();
    if ((await this.desk.check(add({ codeId: workplaceId, expiresAt: now, issuedAt: now }))).length > 0) {
      const code = await this.desk.prepareCode(actor, context, { organisationId, workplaceId, workplaceName: fields.name, employeeId: fields.employeeId });
      await code.send();
      await this.desk.record(organisationId, accountId, add(code), context);
    }
    return workplaceView(this.documents, this.directory, actor, workplaceId, names);
  }
}
