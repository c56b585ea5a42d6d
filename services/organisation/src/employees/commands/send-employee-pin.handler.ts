import { Controller } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { EmployeePinIssued, IdentitySubjects, type Actor, type IssueEmployeePin, type PinSent, SendEmployeePin, OrganisationSubjects } from '@elk/contracts';
import { BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import type { EmployeeCommand } from '../employee.decider';
import { EmployeeRoster, employeeActor } from './employee-roster';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class SendEmployeePinHandler {
  constructor(private readonly roster: EmployeeRoster) {}

  /** «Отправить новый PIN-код»: identity replaces the PIN-code and sends it by SMS; the roster records when. */
  @MessagePattern(OrganisationSubjects.SendEmployeePin, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(SendEmployeePin) command: SendEmployeePin, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<PinSent> {
    const { employeeId } = command;
    const sendPin = (sentAt: string): EmployeeCommand => ({ type: 'SendPin', organisationId: actor.organisationId, employeeId, actor: employeeActor(actor), sentAt });

    await this.roster.check(actor, sendPin(this.roster.now()));
    const request: IssueEmployeePin = { accountId: employeeId };
    const issued = EmployeePinIssued.parse(await this.roster.askIdentity(IdentitySubjects.IssueEmployeePin, request, actor, context));
    await this.roster.record(actor, sendPin(issued.sentAt), context);
    return { phone: issued.phone, sentAt: issued.sentAt };
  }
}
