import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, DeleteLegalEntity, OrganisationSubjects } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE, busCommandMetadata, handleCommand, BusPayload, BusActor, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { OrganisationProjections } from '../../organisation.projections';
import { salesPointsCollection } from '../../sales-points/queries/sales-point-list.projection';
import { legalEntitiesStreamId, legalEntityDecider } from '../legal-entity.decider';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class DeleteLegalEntityHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: OrganisationProjections,
  ) {}

  @MessagePattern(OrganisationSubjects.DeleteLegalEntity, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(DeleteLegalEntity) command: DeleteLegalEntity, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<null> {
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

  /** Names of the sales points that use the legal entity, from their read model; the decider refuses the delete while there are any. */
  private async salesPointsUsing(organisationId: string, legalEntityId: string): Promise<string[]> {
    const page = await this.documents.collection(salesPointsCollection).find({ where: { organisationId, legalEntityId }, sort: [{ field: 'name' }], limit: 1000 });
    return page.items.map((point) => point.data.name);
  }
}
