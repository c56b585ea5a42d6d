import { Controller } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { IdentitySubjects, type Actor, type CloseEmployeeAccount, DeleteEmployee, OrganisationSubjects } from '@elk/contracts';
import { BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import type { EmployeeCommand } from '../employee.decider';
import { EmployeeRoster, employeeActor } from './employee-roster';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class DeleteEmployeeHandler {
  constructor(private readonly roster: EmployeeRoster) {}

  /** Closes the account (its sessions end at once, its phone and email are free again), then deletes the employee. */
  @MessagePattern(OrganisationSubjects.DeleteEmployee, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(DeleteEmployee) command: DeleteEmployee, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<null> {
    const { employeeId, expectedVersion } = command;
    const remove: EmployeeCommand = { type: 'DeleteEmployee', organisationId: actor.organisationId, employeeId, expectedVersion, actor: employeeActor(actor), at: this.roster.now() };

    await this.roster.check(actor, remove);
    const request: CloseEmployeeAccount = { accountId: employeeId };
    await this.roster.askIdentity(IdentitySubjects.CloseEmployeeAccount, request, actor, context);
    await this.roster.record(actor, remove, context);
    return null;
  }
}
