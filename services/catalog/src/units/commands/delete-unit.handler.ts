import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, DeleteUnit, CatalogSubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { DocumentStore } from '@elk/documents';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE, busCommandMetadata, handleCommand, BusPayload, BusActor, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { CatalogProjections } from '../../catalog.projections';
import { productNamesUsing } from '../../products/queries/products-in-use';
import { unitDecider, unitsStreamId } from '../unit.decider';
import { CATALOG_QUEUE } from '../../catalog.queue';

@Controller()
export class DeleteUnitHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: CatalogProjections,
  ) {}

  @MessagePattern(CatalogSubjects.DeleteUnit, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(DeleteUnit) command: DeleteUnit, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<null> {
    const { organisationId } = actor;
    const streamId = unitsStreamId(organisationId);
    const usedByProducts = await productNamesUsing(this.documents, organisationId, { unitId: command.unitId });
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
