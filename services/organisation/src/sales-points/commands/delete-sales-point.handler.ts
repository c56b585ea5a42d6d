import { Inject, Injectable } from '@nestjs/common';
import type { Actor, DeleteSalesPoint } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { OrganisationProjections } from '../../organisation.projections';
import { salesPointDecider, salesPointStreamId } from '../sales-point.decider';

@Injectable()
export class DeleteSalesPointHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: OrganisationProjections,
  ) {}

  async execute(command: DeleteSalesPoint, actor: Actor, context: BusHandlerContext): Promise<null> {
    const { organisationId } = actor;
    const streamId = salesPointStreamId(organisationId, command.salesPointId);
    const result = await handleCommand(
      this.eventStore,
      streamId,
      salesPointDecider,
      { type: 'DeleteSalesPoint', organisationId, salesPointId: command.salesPointId, expectedVersion: command.expectedVersion, at: this.clock.now().toISOString() },
      busCommandMetadata(context, organisationId, actor.accountId),
    );
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    return null;
  }
}
