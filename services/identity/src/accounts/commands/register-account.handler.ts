import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type RegisterAccount } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { EVENT_STORE, busCommandMetadata, handleCommand, readStreamState, type BusHandlerContext, type CommandMetadata } from '@elk/service-kit';
import { CLOCK, type Clock } from '../../clock';
import { IdentityProjections } from '../../identity.projections';
import type { LoginOwner } from '../../logins/login.decider';
import { LoginRegistry, type LoginName } from '../../logins/login.registry';
import { accountDecider, accountStreamId } from '../account.decider';
import { SecretHasher } from '../secret.hasher';

const isLoginTaken = (error: unknown) => error instanceof DomainError && (error.code === 'PHONE_TAKEN' || error.code === 'EMAIL_TAKEN');

@Injectable()
export class RegisterAccountHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logins: LoginRegistry,
    private readonly hasher: SecretHasher,
    private readonly projections: IdentityProjections,
  ) {}

  /**
   * Claims the phone and the email first, so that two sign-ups with one phone cannot both succeed, then
   * records the account. A retry with the same accountId is a no-op. Replies once the read model has the
   * account, so that the caller can log in and read it straight away.
   */
  async execute(command: RegisterAccount, context: BusHandlerContext): Promise<{ accountId: string }> {
    const { accountId, organisationId, password, ...details } = command;
    const metadata = busCommandMetadata(context, organisationId, context.actor?.accountId ?? accountId);
    const streamId = accountStreamId(organisationId, accountId);
    const passwordHash = await this.hasher.hash(password);

    const { state } = await readStreamState(this.eventStore, streamId, accountDecider);
    if (state.status === 'absent') {
      const names: LoginName[] = [
        { kind: 'phone', login: details.phone },
        { kind: 'email', login: details.email },
      ];
      await this.claimAll(names, { accountId, organisationId }, metadata);
    }

    const registeredAt = this.clock.now().toISOString();
    const result = await handleCommand(this.eventStore, streamId, accountDecider, { type: 'RegisterAccount', accountId, organisationId, ...details, passwordHash, registeredAt }, metadata);
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    return { accountId };
  }

  /** All or nothing: when one name is taken, the ones this account did get are given back. */
  private async claimAll(names: LoginName[], owner: LoginOwner, metadata: CommandMetadata): Promise<void> {
    const outcomes = await Promise.allSettled(names.map((name) => this.logins.claim(name, owner, metadata)));
    const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    if (refusals.length === 0) return;
    // The account does not exist yet, so what it holds was claimed by this or an earlier failed attempt.
    const claimed = names.filter((_, index) => outcomes[index]?.status === 'fulfilled');
    await Promise.all(claimed.map((name) => this.logins.release(name, owner.accountId, metadata)));

    const unexpected = refusals.find((error) => !isLoginTaken(error));
    if (unexpected) throw unexpected;
    const taken = refusals as DomainError[];
    throw new DomainError(taken[0]!.code, taken.map((error) => error.message).join('. '), taken.flatMap((error) => error.errors ?? []));
  }
}
