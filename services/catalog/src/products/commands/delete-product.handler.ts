import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, DeleteProduct, CatalogSubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, BusPayload, BusActor, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { CatalogProjections } from '../../catalog.projections';
import { productDecider, productStreamId } from '../product.decider';
import { CATALOG_QUEUE } from '../../catalog.queue';

@Controller()
export class DeleteProductHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: CatalogProjections,
  ) {}

  /** Its barcodes and article are free again: their claims give way to a product that asks for them (see product-code.decider.ts). */
  @MessagePattern(CatalogSubjects.DeleteProduct, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(DeleteProduct) command: DeleteProduct, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<null> {
    const { organisationId } = actor;
    const streamId = productStreamId(organisationId, command.productId);
    const result = await handleCommand(
      this.eventStore,
      streamId,
      productDecider,
      { type: 'DeleteProduct', organisationId, productId: command.productId, expectedVersion: command.expectedVersion, at: this.clock.now().toISOString() },
      busCommandMetadata(context, organisationId, actor.accountId),
    );
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    return null;
  }
}
