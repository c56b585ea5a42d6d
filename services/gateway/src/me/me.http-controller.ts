import { AccountView, IdentitySubjects, MeResponse, OrganisationSubjects, OrganisationView } from '@elk/contracts';
import { Controller } from '@nestjs/common';
import { z } from 'zod';
import { ServiceBus } from '../bus/service-bus';
import { ClientIp, CorrelationId, CurrentActor, type SessionActor } from '../http/request-context';
import { Route, RouteInput, type InputOf } from '../routes/route';
import { AttemptThrottle } from '../throttle/attempt-throttle';
import { MeRoutes } from './me.routes';

@Controller()
export class MeHttpController {
  constructor(
    private readonly bus: ServiceBus,
    private readonly throttle: AttemptThrottle,
  ) {}

  @Route(MeRoutes.me)
  async me(@CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<MeResponse> {
    const caller = { actor, correlationId };
    const [account, organisation] = await Promise.all([
      this.bus.request(IdentitySubjects.GetAccount, { accountId: actor.accountId }, AccountView, caller),
      this.bus.request(OrganisationSubjects.GetOrganisation, { organisationId: actor.organisationId }, OrganisationView, caller),
    ]);
    const { accountId, organisationId, fullName, phone, email, role } = account;
    return { accountId, organisationId, organisationName: organisation.name, fullName, phone, email, role };
  }

  @Route(MeRoutes.changePassword)
  async changePassword(
    @RouteInput() { body }: InputOf<typeof MeRoutes.changePassword>,
    @CurrentActor() actor: SessionActor,
    @ClientIp() ip: string,
    @CorrelationId() correlationId: string,
  ): Promise<void> {
    const attempt = await this.throttle.passwordChangeAttempt(ip, actor.accountId);
    const command = { sessionId: actor.sessionId, oldPassword: body.oldPassword, newPassword: body.newPassword };
    await this.bus.request(IdentitySubjects.ChangePassword, command, z.unknown(), { actor, correlationId });
    await attempt.succeeded();
  }
}
