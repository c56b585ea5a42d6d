import { Controller } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { DeleteWorkplace, DevicesSubjects, type Actor } from '@elk/contracts';
import { BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import { DEVICES_QUEUE } from '../../devices.queue';
import { ActivationCodes } from '../activation-codes';
import { WorkplaceDesk } from '../workplace-desk';

@Controller()
export class DeleteWorkplaceHandler {
  constructor(
    private readonly desk: WorkplaceDesk,
    private readonly codes: ActivationCodes,
  ) {}

  /** «Удалить»: the workplace, its code and its terminal's credential (the terminal's next request gets 401). */
  @MessagePattern(DevicesSubjects.DeleteWorkplace, { queue: DEVICES_QUEUE })
  async execute(@BusPayload(DeleteWorkplace) command: DeleteWorkplace, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<void> {
    const { organisationId, accountId } = actor;
    const { workplaceId, expectedVersion } = command;
    await this.desk.record(organisationId, accountId, { type: 'DeleteWorkplace', organisationId, workplaceId, expectedVersion, at: this.desk.now() }, context);
    await this.codes.forgetWorkplace(workplaceId);
  }
}
