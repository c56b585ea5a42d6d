import { InvitationSent, OrganisationSubjects } from '@elk/contracts';
import { Controller, Inject } from '@nestjs/common';
import { ServiceBus } from '../bus/service-bus';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { CorrelationId, CurrentActor, RequestOrigin, type SessionActor } from '../http/request-context';
import { Route, RouteInput, type InputOf } from '../routes/route';
import { AttemptThrottle } from '../throttle/attempt-throttle';
import { EmployeeRoutes } from './employees.routes';

/** The employee routes that do more than forward (the rest are served by the forwarding controller). */
@Controller()
export class EmployeesHttpController {
  constructor(
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
    private readonly bus: ServiceBus,
    private readonly throttle: AttemptThrottle,
  ) {}

  /** Each invitation is an SMS: counted per employee before anything is sent. */
  @Route(EmployeeRoutes.invite)
  async invite(
    @RouteInput() { id }: InputOf<typeof EmployeeRoutes.invite>,
    @CurrentActor() actor: SessionActor,
    @RequestOrigin() origin: string,
    @CorrelationId() correlationId: string,
  ): Promise<InvitationSent> {
    await this.throttle.invitationAttempt(actor.organisationId, id);
    const command = { employeeId: id, cabinetUrl: this.options.cabinetUrl ?? origin };
    return this.bus.request(OrganisationSubjects.InviteEmployee, command, InvitationSent, { actor, correlationId });
  }
}
