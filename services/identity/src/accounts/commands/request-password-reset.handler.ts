import { randomInt } from 'node:crypto';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { Controller, Inject } from '@nestjs/common';
import { DomainError, IdentitySubjects, RequestPasswordReset } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, BusPayload, AnonymousCall, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { LoginRegistry } from '../../logins/login.registry';
import { accountDecider, accountStreamId } from '../account.decider';
import { PasswordResetSmsSender } from '../password-reset-sms.sender';
import { SecretHasher } from '../secret.hasher';
import { IDENTITY_QUEUE } from '../../identity.queue';

@Controller()
export class RequestPasswordResetHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logins: LoginRegistry,
    private readonly hasher: SecretHasher,
    private readonly sms: PasswordResetSmsSender,
  ) {}

  /** Answers alike whether or not the phone has an account, so nobody learns which phones do. */
  @MessagePattern(IdentitySubjects.RequestPasswordReset, { queue: IDENTITY_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(RequestPasswordReset) command: { phone: string }, @Ctx() context: BusHandlerContext): Promise<void> {
    const owner = await this.logins.ownerOf({ kind: 'phone', login: command.phone });
    const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
    const codeHash = await this.hasher.hash(code);
    if (!owner) return;

    const metadata = busCommandMetadata(context, owner.organisationId, owner.accountId);
    try {
      await handleCommand(
        this.eventStore,
        accountStreamId(owner.organisationId, owner.accountId),
        accountDecider,
        { type: 'IssuePasswordResetCode', codeHash, issuedAt: this.clock.now().toISOString() },
        metadata,
      );
    } catch (error) {
      // A closed account whose phone is not given back yet: answered like a phone without an account.
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return;
      throw error;
    }
    this.sms.send(command.phone, code, metadata.correlationId);
  }
}
