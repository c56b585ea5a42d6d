import { Controller } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { EmployeeInvitationIssued, IdentitySubjects, InviteEmployee, OrganisationSubjects, type Actor, type InvitationSent, type IssueEmployeeInvitation } from '@elk/contracts';
import { BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import type { EmployeeCommand } from '../employee.decider';
import { EmployeeRoster, employeeActor } from './employee-roster';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class InviteEmployeeHandler {
  constructor(private readonly roster: EmployeeRoster) {}

  /**
   * «Пригласить в кабинет»: whoever may manage the employee (the same rule as «Отправить новый PIN-код»); identity
   * sends the SMS with the one-time link, the roster records when for «История изменений».
   */
  @MessagePattern(OrganisationSubjects.InviteEmployee, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(InviteEmployee) command: InviteEmployee, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<InvitationSent> {
    const { employeeId, cabinetUrl } = command;
    const invite = (invitedAt: string): EmployeeCommand => ({ type: 'InviteEmployee', organisationId: actor.organisationId, employeeId, actor: employeeActor(actor), invitedAt });

    await this.roster.check(actor, invite(this.roster.now()));
    const request: IssueEmployeeInvitation = { accountId: employeeId, cabinetUrl };
    const issued = EmployeeInvitationIssued.parse(await this.roster.askIdentity(IdentitySubjects.IssueEmployeeInvitation, request, actor, context));
    await this.roster.record(actor, invite(issued.sentAt), context);
    return issued;
  }
}
