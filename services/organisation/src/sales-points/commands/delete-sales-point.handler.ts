import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, DeleteSalesPoint, OrganisationSubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, BusPayload, BusActor, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { OrganisationProjections } from '../../organisation.projections';
import { salesPointDecider, salesPointStreamId } from '../sales-point.decider';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class DeleteSalesPointHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: OrganisationProjections,
  ) {}

  @MessagePattern(OrganisationSubjects.DeleteSalesPoint, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(DeleteSalesPoint) command: DeleteSalesPoint, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<null> {
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
