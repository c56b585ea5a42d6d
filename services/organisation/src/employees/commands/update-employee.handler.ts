import { Injectable } from '@nestjs/common';
import { IdentitySubjects, employeeFullName, type Actor, type EmployeeView, type UpdateEmployee, type UpdateEmployeeAccount } from '@elk/contracts';
import type { BusHandlerContext } from '@elk/service-kit';
import type { EmployeeCommand } from '../employee.decider';
import { employeeView } from '../employee.view';
import { EmployeeRoster, employeeActor } from './employee-roster';

@Injectable()
export class UpdateEmployeeHandler {
  constructor(private readonly roster: EmployeeRoster) {}

  /** The account follows the card (login names, the role its sessions read); an unchanged card touches nothing. */
  async execute(command: UpdateEmployee, actor: Actor, context: BusHandlerContext): Promise<EmployeeView> {
    const { employeeId } = command;
    const { expectedVersion, ...fields } = command.employee;
    const update: EmployeeCommand = { type: 'UpdateEmployee', organisationId: actor.organisationId, employeeId, fields, expectedVersion, actor: employeeActor(actor), at: this.roster.now() };

    if ((await this.roster.check(actor, update)).length > 0) {
      const account: UpdateEmployeeAccount = { accountId: employeeId, fullName: employeeFullName(fields), phone: fields.phone, email: fields.email, role: fields.role };
      await this.roster.askIdentity(IdentitySubjects.UpdateEmployeeAccount, account, actor, context);
    }
    const result = await this.roster.record(actor, update, context);
    return employeeView(result.newState.employees[employeeId]!);
  }
}
