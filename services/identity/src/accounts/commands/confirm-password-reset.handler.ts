import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { ConfirmPasswordReset, IdentitySubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, readStreamState, BusPayload, AnonymousCall, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { LoginRegistry } from '../../logins/login.registry';
import { SESSION_STORE, type SessionStore } from '../../sessions/session-store.port';
import { accountDecider, accountStreamId, noResetCodeError, wrongResetCodeError } from '../account.decider';
import { SecretHasher } from '../secret.hasher';
import { IDENTITY_QUEUE } from '../../identity.queue';

@Controller()
export class ConfirmPasswordResetHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logins: LoginRegistry,
    private readonly hasher: SecretHasher,
  ) {}

  /** A wrong code is recorded (it counts towards the limit) before it is refused. The reset ends every session. */
  @MessagePattern(IdentitySubjects.ConfirmPasswordReset, { queue: IDENTITY_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(ConfirmPasswordReset) command: ConfirmPasswordReset, @Ctx() context: BusHandlerContext): Promise<void> {
    const owner = await this.logins.ownerOf({ kind: 'phone', login: command.phone });
    if (!owner) {
      await this.hasher.verifyNothing(command.code);
      throw noResetCodeError();
    }
    const streamId = accountStreamId(owner.organisationId, owner.accountId);
    const { state } = await readStreamState(this.eventStore, streamId, accountDecider);
    const codeMatches = state.status === 'registered' && state.resetCode !== null && (await this.hasher.verify(state.resetCode.codeHash, command.code));
    const newPasswordHash = await this.hasher.hash(command.newPassword);

    const { newEvents } = await handleCommand(
      this.eventStore,
      streamId,
      accountDecider,
      { type: 'CompletePasswordReset', codeMatches, newPasswordHash, completedAt: this.clock.now().toISOString() },
      busCommandMetadata(context, owner.organisationId, owner.accountId),
    );
    for (const event of newEvents) {
      if (event.type === 'AccountPasswordResetCodeRejected') throw wrongResetCodeError(event.data.failedAttempts);
    }
    await this.sessions.revokeAllOf(owner.accountId);
  }
}
