import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, ChangePassword, IdentitySubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, readStreamState, BusPayload, BusActor, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { SESSION_STORE, type SessionStore } from '../../sessions/session-store.port';
import { accountDecider, accountStreamId } from '../account.decider';
import { SecretHasher } from '../secret.hasher';
import { IDENTITY_QUEUE } from '../../identity.queue';

@Controller()
export class ChangePasswordHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly hasher: SecretHasher,
  ) {}

  /** Keeps the session the change was made in and ends every other one. */
  @MessagePattern(IdentitySubjects.ChangePassword, { queue: IDENTITY_QUEUE })
  async execute(@BusPayload(ChangePassword) command: ChangePassword, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<void> {
    const streamId = accountStreamId(actor.organisationId, actor.accountId);
    const { state } = await readStreamState(this.eventStore, streamId, accountDecider);
    const oldPasswordMatches = state.status === 'registered' && state.passwordHash !== null && (await this.hasher.verify(state.passwordHash, command.oldPassword));
    const changedAt = this.clock.now().toISOString();
    // A wrong old password costs one argon2 run, not two: the new one is hashed only once the old one matched.
    await handleCommand(
      this.eventStore,
      streamId,
      accountDecider,
      oldPasswordMatches
        ? { type: 'ChangePassword', oldPasswordMatches, newPasswordHash: await this.hasher.hash(command.newPassword), changedAt }
        : { type: 'ChangePassword', oldPasswordMatches, changedAt },
      busCommandMetadata(context, actor.organisationId, actor.accountId),
    );
    await this.sessions.revokeAllOf(actor.accountId, command.sessionId);
  }
}
