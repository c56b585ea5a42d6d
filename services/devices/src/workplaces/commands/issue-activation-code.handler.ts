import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { DomainError, IssueActivationCode, DevicesSubjects, type Actor, type WorkplaceView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import { DOCUMENT_STORE, BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import { DEVICES_QUEUE } from '../../devices.queue';
import { OrganisationDirectory } from '../../organisation-directory/organisation-directory';
import { WorkplaceDesk } from '../workplace-desk';
import { workplaceView } from '../workplace.view';
import { NOT_FOUND_MESSAGE, type WorkplaceCommand } from '../workplace.decider';

@Controller()
export class IssueActivationCodeHandler {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly directory: OrganisationDirectory,
    private readonly desk: WorkplaceDesk,
  ) {}

  /** «Получить код активации»: a new code by SMS to the chosen employee (the previous code dies), for the chosen sales point. */
  @MessagePattern(DevicesSubjects.IssueActivationCode, { queue: DEVICES_QUEUE })
  async execute(@BusPayload(IssueActivationCode) command: IssueActivationCode, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<WorkplaceView> {
    const { organisationId, accountId } = actor;
    const { workplaceId, request } = command;
    const { references, names } = await this.desk.references(actor, context, request);
    const issue = ({ codeId, expiresAt, issuedAt }: { codeId: string; expiresAt: string; issuedAt: string }): WorkplaceCommand => ({
      type: 'IssueActivationCode',
      organisationId,
      workplaceId,
      ...request,
      references,
      code: { codeId, expiresAt },
      at: issuedAt,
    });
    const now = this.desk.now();
    await this.desk.check(issue({ codeId: workplaceId, expiresAt: now, issuedAt: now }));
    const workplace = (await this.desk.state(organisationId)).workplaces[workplaceId];
    if (!workplace) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
    const code = await this.desk.prepareCode(actor, context, { organisationId, workplaceId, workplaceName: workplace.name, employeeId: request.employeeId });
    await code.send();
    await this.desk.record(organisationId, accountId, issue(code), context);
    return workplaceView(this.documents, this.directory, actor, workplaceId, names);
  }
}
