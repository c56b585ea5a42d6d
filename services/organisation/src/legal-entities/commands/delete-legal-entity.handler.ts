import { Inject, Injectable } from '@nestjs/common';
import type { Actor, DeleteLegalEntity } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { EVENT_STORE, busCommandMetadata, handleCommand, type BusHandlerContext } from '@elk/service-kit';
import { CLOCK, type Clock } from '../../clock';
import { OrganisationProjections } from '../../organisation.projections';
import { legalEntitiesStreamId, legalEntityDecider } from '../legal-entity.decider';

@Injectable()
export class DeleteLegalEntityHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: OrganisationProjections,
  ) {}

  async execute(command: DeleteLegalEntity, actor: Actor, context: BusHandlerContext): Promise<null> {
    const { organisationId } = actor;
    const streamId = legalEntitiesStreamId(organisationId);
    const usedBySalesPoints = await this.salesPointsUsing(organisationId, command.legalEntityId);
    const result = await handleCommand(
      this.eventStore,
      streamId,
      legalEntityDecider,
      { type: 'DeleteLegalEntity', organisationId, legalEntityId: command.legalEntityId, expectedVersion: command.expectedVersion, usedBySalesPoints, at: this.clock.now().toISOString() },
      busCommandMetadata(context, organisationId, actor.accountId),
    );
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    return null;
  }

  /**
   * Names of the sales points that use the legal entity; the decider refuses the delete while there are any.
   * Sales points do not exist yet: once they do, this reads their read model.
   */
  private salesPointsUsing(_organisationId: string, _legalEntityId: string): Promise<string[]> {
    return Promise.resolve([]);
  }
}
