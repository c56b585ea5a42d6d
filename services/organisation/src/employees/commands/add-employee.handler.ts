import { Controller } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { EmployeeAccountOpened, IdentitySubjects, employeeFullName, type Actor, AddEmployee, type EmployeeView, type OpenEmployeeAccount, OrganisationSubjects } from '@elk/contracts';
import { BusPayload, BusActor, type BusHandlerContext } from '@elk/service-kit';
import type { EmployeeCommand } from '../employee.decider';
import { employeeView } from '../employee.view';
import { EmployeeRoster, employeeActor } from './employee-roster';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class AddEmployeeHandler {
  constructor(private readonly roster: EmployeeRoster) {}

  /** Opens the employee's account (identity sends the first PIN-code by SMS), then adds them to the roster. */
  @MessagePattern(OrganisationSubjects.AddEmployee, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(AddEmployee) command: AddEmployee, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<EmployeeView> {
    const { employeeId, employee: fields } = command;
    const at = this.roster.now();
    const add = (pinSentAt: string): EmployeeCommand => ({ type: 'AddEmployee', organisationId: actor.organisationId, employeeId, fields, actor: employeeActor(actor), pinSentAt, at });

    // Until identity answers, the clock's time stands in for when the PIN-code went out.
    let pinSentAt = at;
    if ((await this.roster.check(actor, add(at))).length > 0) {
      const account: OpenEmployeeAccount = { accountId: employeeId, fullName: employeeFullName(fields), phone: fields.phone, email: fields.email, role: fields.role };
      pinSentAt = EmployeeAccountOpened.parse(await this.roster.askIdentity(IdentitySubjects.OpenEmployeeAccount, account, actor, context)).pinSentAt;
    }
    const result = await this.roster.record(actor, add(pinSentAt), context);
    return employeeView(result.newState.employees[employeeId]!);
  }
}
