import { Controller } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { EmployeeAccountUpdated, IdentitySubjects, employeeFullName, type Actor, UpdateEmployee, type UpdateEmployeeAccount, type UpdatedEmployee, OrganisationSubjects } from '@elk/contracts';
import { BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import type { EmployeeCommand } from '../employee.decider';
import { employeeView } from '../employee.view';
import { EmployeeRoster, employeeActor } from './employee-roster';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class UpdateEmployeeHandler {
  constructor(private readonly roster: EmployeeRoster) {}

  /**
   * The account follows the card (email, the role its sessions read) at once; an unchanged card touches nothing.
   * A new phone is the login: it is checked like the rest, but the card keeps the old one until the code
   * identity sent to the new phone is entered (ConfirmEmployeePhone).
   */
  @MessagePattern(OrganisationSubjects.UpdateEmployee, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(UpdateEmployee) command: UpdateEmployee, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<UpdatedEmployee> {
    const { employeeId } = command;
    const { expectedVersion, ...fields } = command.employee;
    const update: EmployeeCommand = { type: 'UpdateEmployee', organisationId: actor.organisationId, employeeId, fields, expectedVersion, actor: employeeActor(actor), at: this.roster.now() };

    if ((await this.roster.check(actor, update)).length === 0) return { ...employeeView(await this.roster.employee(actor, employeeId)), pendingPhone: null };
    const currentPhone = (await this.roster.employee(actor, employeeId)).phone;
    const account: UpdateEmployeeAccount = { accountId: employeeId, fullName: employeeFullName(fields), phone: fields.phone, email: fields.email, role: fields.role };
    const { pendingPhone } = EmployeeAccountUpdated.parse(await this.roster.askIdentity(IdentitySubjects.UpdateEmployeeAccount, account, actor, context));
    const result = await this.roster.record(actor, pendingPhone ? { ...update, fields: { ...fields, phone: currentPhone } } : update, context);
    return { ...employeeView(result.newState.employees[employeeId]!), pendingPhone };
  }
}
