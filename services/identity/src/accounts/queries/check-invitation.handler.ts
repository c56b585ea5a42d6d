import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CheckInvitation, IdentitySubjects, type InvitationView } from '@elk/contracts';
import { CLOCK, BusPayload, AnonymousCall, type Clock } from '@elk/service-kit';
import { invitationInvalid, invitationProblem } from '../account.decider';
import { InvitationLinks } from '../invitation-links';
import { IDENTITY_QUEUE } from '../../identity.queue';

@Controller()
export class CheckInvitationHandler {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly links: InvitationLinks,
  ) {}

  /** «Задайте пароль» opened from the SMS: whose invitation it is, or why it no longer works. Changes nothing. */
  @MessagePattern(IdentitySubjects.CheckInvitation, { queue: IDENTITY_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(CheckInvitation) query: CheckInvitation): Promise<InvitationView> {
    const opened = await this.links.open(query.token);
    if (!opened || opened.state.status !== 'registered') throw invitationInvalid();
    const problem = invitationProblem(opened.state, opened.tokenMatches, this.clock.now().toISOString());
    if (problem) throw problem;
    return { fullName: opened.state.fullName, phone: opened.state.phone };
  }
}
