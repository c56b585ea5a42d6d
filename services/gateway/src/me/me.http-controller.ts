import { AccountView, ChangePasswordRequest, IdentitySubjects, MeResponse, OrganisationSubjects, OrganisationView } from '@elk/contracts';
import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { Authenticated } from '../auth/session.guard';
import { ServiceBus } from '../bus/service-bus';
import { ClientIp, CorrelationId, CurrentActor, type SessionActor } from '../http/request-context';
import { ValidBody } from '../http/zod-validation.pipe';
import { AttemptThrottle } from '../throttle/attempt-throttle';

@Controller('api/v1/me')
@Authenticated()
export class MeHttpController {
  constructor(
    private readonly bus: ServiceBus,
    private readonly throttle: AttemptThrottle,
  ) {}

  @Get()
  async me(@CurrentActor() actor: SessionActor, @CorrelationId() correlationId: string): Promise<MeResponse> {
    const caller = { actor, correlationId };
    const [account, organisation] = await Promise.all([
      this.bus.request(IdentitySubjects.GetAccount, { accountId: actor.accountId }, AccountView, caller),
      this.bus.request(OrganisationSubjects.GetOrganisation, { organisationId: actor.organisationId }, OrganisationView, caller),
    ]);
    const { accountId, organisationId, fullName, phone, email, role } = account;
    return { accountId, organisationId, organisationName: organisation.name, fullName, phone, email, role };
  }

  @Post('password')
  @HttpCode(204)
  async changePassword(
    @ValidBody(ChangePasswordRequest) body: ChangePasswordRequest,
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
