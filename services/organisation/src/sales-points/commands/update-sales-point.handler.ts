import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, type SalesPointView, UpdateSalesPoint, OrganisationSubjects } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE, busCommandMetadata, handleCommand, BusPayload, BusActor, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { OrganisationProjections } from '../../organisation.projections';
import { salesPointDecider, salesPointStreamId } from '../sales-point.decider';
import { findLegalEntity, salesPointView } from '../sales-point.view';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class UpdateSalesPointHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: OrganisationProjections,
  ) {}

  @MessagePattern(OrganisationSubjects.UpdateSalesPoint, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(UpdateSalesPoint) command: UpdateSalesPoint, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<SalesPointView> {
    const { organisationId } = actor;
    const { brand, expectedVersion, ...fields } = command.point;
    const streamId = salesPointStreamId(organisationId, command.salesPointId);
    const result = await handleCommand(
      this.eventStore,
      streamId,
      salesPointDecider,
      {
        type: 'UpdateSalesPoint',
        organisationId,
        salesPointId: command.salesPointId,
        fields: { ...fields, brand: brand || null },
        legalEntity: await findLegalEntity(this.eventStore, organisationId, fields.legalEntityId),
        expectedVersion,
        at: this.clock.now().toISOString(),
      },
      busCommandMetadata(context, organisationId, actor.accountId),
    );
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    return salesPointView(this.documents, organisationId, command.salesPointId);
  }
}
