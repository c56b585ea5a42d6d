import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { DomainError, HEADER_CORRELATION_ID, employeeFullName, OrganisationSubjects, SendEmployeePins, type Actor, type BulkResult } from '@elk/contracts';
import { BusPayload, BusActor, LOGGER, type BusHandlerContext, type Logger } from '@elk/service-kit';
import { EmployeePinSender } from './employee-pin.sender';
import { EmployeeRoster } from './employee-roster';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

/** What the merchant reads for an employee whose PIN-code failed on our side: the cause is logged. */
export const PIN_NOT_SENT = 'PIN-код не отправлен из-за сбоя на сервере: повторите для этого сотрудника';

/**
 * Сотрудники → the selected employees → «Отправить PIN»: each gets a new PIN-code by SMS exactly as from their ⋮ menu.
 * One the actor may not (the Owner, unless it is the Owner who acts), one not found (another organisation's id among
 * them) are listed with the reason; the others get their SMS.
 */
@Controller()
export class SendEmployeePinsHandler {
  constructor(
    private readonly pins: EmployeePinSender,
    private readonly roster: EmployeeRoster,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @MessagePattern(OrganisationSubjects.SendEmployeePins, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(SendEmployeePins) command: SendEmployeePins, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<BulkResult> {
    // One after the other: each records an event in the organisation's one roster stream.
    const outcomes: Array<{ id: string; name: string | null; reason?: string }> = [];
    for (const employeeId of command.employeeIds) outcomes.push(await this.sendOne(employeeId, actor, context));
    return {
      applied: outcomes.flatMap(({ id, name, reason }) => (reason === undefined ? [{ id, name: name! }] : [])),
      refused: outcomes.flatMap(({ id, name, reason }) => (reason === undefined ? [] : [{ id, name, reason }])),
    };
  }

  private async sendOne(employeeId: string, actor: Actor, context: BusHandlerContext): Promise<{ id: string; name: string | null; reason?: string }> {
    const name = await this.roster.employee(actor, employeeId).then(
      (employee) => employeeFullName(employee),
      () => null,
    );
    if (name === null) return { id: employeeId, name, reason: 'Сотрудник не найден' };
    try {
      await this.pins.send(employeeId, actor, context);
      return { id: employeeId, name };
    } catch (error) {
      if (error instanceof DomainError) return { id: employeeId, name, reason: error.message };
      this.logger.error({ err: error, employeeId, organisationId: actor.organisationId, correlationId: context.headers[HEADER_CORRELATION_ID] }, 'bulk PIN-code failed');
      return { id: employeeId, name, reason: PIN_NOT_SENT };
    }
  }
}
