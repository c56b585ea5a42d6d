import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { AcceptInvitation, IdentitySubjects, type InvitationAccepted } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, BusPayload, AnonymousCall, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { SESSION_STORE, type SessionStore } from '../../sessions/session-store.port';
import { accountDecider, accountStreamId, invitationInvalid, invitationProblem } from '../account.decider';
import { InvitationLinks } from '../invitation-links';
import { SecretHasher } from '../secret.hasher';
import { IDENTITY_QUEUE } from '../../identity.queue';

@Controller()
export class AcceptInvitationHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly links: InvitationLinks,
    private readonly hasher: SecretHasher,
  ) {}

  /** Sets the password with the invitation's link and uses the link up; like a password reset, it ends every session. */
  @MessagePattern(IdentitySubjects.AcceptInvitation, { queue: IDENTITY_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(AcceptInvitation) command: AcceptInvitation, @Ctx() context: BusHandlerContext): Promise<InvitationAccepted> {
    const opened = await this.links.open(command.token);
    if (!opened || opened.state.status !== 'registered') throw invitationInvalid();
    const acceptedAt = this.clock.now().toISOString();
    const problem = invitationProblem(opened.state, opened.tokenMatches, acceptedAt);
    if (problem) throw problem;

    const { organisationId, accountId } = opened;
    const newPasswordHash = await this.hasher.hash(command.newPassword);
    await handleCommand(
      this.eventStore,
      accountStreamId(organisationId, accountId),
      accountDecider,
      { type: 'AcceptInvitation', tokenMatches: opened.tokenMatches, newPasswordHash, acceptedAt },
      busCommandMetadata(context, organisationId, accountId),
    );
    await this.sessions.revokeAllOf(accountId);
    return { phone: opened.state.phone };
  }
}
