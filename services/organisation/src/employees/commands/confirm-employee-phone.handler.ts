import { Controller } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { IdentitySubjects, type Actor, type ConfirmAccountPhone, ConfirmEmployeePhone, type EmployeeView, OrganisationSubjects } from '@elk/contracts';
import { BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import type { EmployeeCommand } from '../employee.decider';
import { employeeView } from '../employee.view';
import { EmployeeRoster, employeeActor } from './employee-roster';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class ConfirmEmployeePhoneHandler {
  constructor(private readonly roster: EmployeeRoster) {}

  /** The code sent to the new phone: identity makes it the login, then the card shows it. */
  @MessagePattern(OrganisationSubjects.ConfirmEmployeePhone, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(ConfirmEmployeePhone) command: ConfirmEmployeePhone, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<EmployeeView> {
    const { employeeId, confirmation } = command;
    const update: EmployeeCommand = {
      type: 'ConfirmEmployeePhone',
      organisationId: actor.organisationId,
      employeeId,
      phone: confirmation.phone,
      actor: employeeActor(actor),
      at: this.roster.now(),
    };

    await this.roster.check(actor, update);
    const request: ConfirmAccountPhone = { accountId: employeeId, ...confirmation };
    await this.roster.askIdentity(IdentitySubjects.ConfirmAccountPhone, request, actor, context);
    const result = await this.roster.record(actor, update, context);
    return employeeView(result.newState.employees[employeeId]!);
  }
}
