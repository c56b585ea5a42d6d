import { Inject, Injectable } from '@nestjs/common';
import type { Actor, UpdateEmployeeAccount } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, readStreamState, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { IdentityProjections } from '../../identity.projections';
import { LoginRegistry, loginNamesOf, sameLoginName, type LoginName } from '../../logins/login.registry';
import { accountDecider, accountNotFound, accountStreamId } from '../account.decider';

const without = (names: LoginName[], others: LoginName[]) => names.filter((name) => !others.some((other) => sameLoginName(name, other)));

@Injectable()
export class UpdateEmployeeAccountHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logins: LoginRegistry,
    private readonly projections: IdentityProjections,
  ) {}

  /**
   * A new phone or email is claimed first (taken by another account: refused, nothing changed), then the
   * profile is recorded, then the names it no longer has are given back. Every session reads the new role.
   */
  async execute(command: UpdateEmployeeAccount, actor: Actor, context: BusHandlerContext): Promise<void> {
    const { accountId, ...profile } = command;
    const metadata = busCommandMetadata(context, actor.organisationId, actor.accountId);
    const streamId = accountStreamId(actor.organisationId, accountId);

    const { state } = await readStreamState(this.eventStore, streamId, accountDecider);
    if (state.status !== 'registered') throw accountNotFound();
    const added = without(loginNamesOf(profile), loginNamesOf(state));
    const dropped = without(loginNamesOf(state), loginNamesOf(profile));

    await this.logins.claimAll(added, { accountId, organisationId: actor.organisationId }, metadata);
    const changed = await handleCommand(this.eventStore, streamId, accountDecider, { type: 'ChangeProfile', ...profile, changedAt: this.clock.now().toISOString() }, metadata).catch(
      async (error: unknown) => {
        await this.logins.releaseAll(added, accountId, metadata);
        throw error;
      },
    );
    await this.logins.releaseAll(dropped, accountId, metadata);
    await this.projections.waitForStream(streamId, changed.nextExpectedVersion);
  }
}
