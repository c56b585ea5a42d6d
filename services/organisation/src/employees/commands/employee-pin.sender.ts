import { Injectable } from '@nestjs/common';
import { EmployeePinIssued, IdentitySubjects, type Actor, type IssueEmployeePin, type PinSent } from '@elk/contracts';
import type { BusHandlerContext } from '@elk/service-kit';
import type { EmployeeCommand } from '../employee.decider';
import { EmployeeRoster, employeeActor } from './employee-roster';

/** «Отправить новый PIN-код» to one employee: identity replaces the PIN-code and sends it by SMS; the roster records when. */
@Injectable()
export class EmployeePinSender {
  constructor(private readonly roster: EmployeeRoster) {}

  async send(employeeId: string, actor: Actor, context: BusHandlerContext): Promise<PinSent> {
    const sendPin = (sentAt: string): EmployeeCommand => ({ type: 'SendPin', organisationId: actor.organisationId, employeeId, actor: employeeActor(actor), sentAt });
    await this.roster.check(actor, sendPin(this.roster.now()));
    const request: IssueEmployeePin = { accountId: employeeId };
    const issued = EmployeePinIssued.parse(await this.roster.askIdentity(IdentitySubjects.IssueEmployeePin, request, actor, context));
    await this.roster.record(actor, sendPin(issued.sentAt), context);
    return { phone: issued.phone, sentAt: issued.sentAt };
  }
}
