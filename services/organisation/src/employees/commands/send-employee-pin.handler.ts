import { Controller } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, type PinSent, SendEmployeePin, OrganisationSubjects } from '@elk/contracts';
import { BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import { EmployeePinSender } from './employee-pin.sender';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class SendEmployeePinHandler {
  constructor(private readonly pins: EmployeePinSender) {}

  /** «Отправить новый PIN-код». */
  @MessagePattern(OrganisationSubjects.SendEmployeePin, { queue: ORGANISATION_QUEUE })
  execute(@BusPayload(SendEmployeePin) command: SendEmployeePin, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<PinSent> {
    return this.pins.send(command.employeeId, actor, context);
  }
}
