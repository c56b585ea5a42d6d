import { Inject, Injectable } from '@nestjs/common';
import type { Actor, DeleteUnit } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { CatalogProjections } from '../../catalog.projections';
import { unitDecider, unitsStreamId } from '../unit.decider';

@Injectable()
export class DeleteUnitHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: CatalogProjections,
  ) {}

  async execute(command: DeleteUnit, actor: Actor, context: BusHandlerContext): Promise<null> {
    const { organisationId } = actor;
    const streamId = unitsStreamId(organisationId);
    // No products yet: with them, the names of the products measured in this unit come from the products' read
    // model (`catalog.products`, where `unitId` is this one), and the decider refuses the delete while there are any.
    const usedByProducts: string[] = [];
    const result = await handleCommand(
      this.eventStore,
      streamId,
      unitDecider,
      { type: 'DeleteUnit', organisationId, unitId: command.unitId, expectedVersion: command.expectedVersion, usedByProducts, at: this.clock.now().toISOString() },
      busCommandMetadata(context, organisationId, actor.accountId),
    );
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    return null;
  }
}
