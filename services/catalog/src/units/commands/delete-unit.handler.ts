import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, DeleteUnit, CatalogSubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import type { DocumentStore } from '@elk/documents';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE, busCommandMetadata, handleCommand, readStreamState, BusPayload, BusActor, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { CatalogProjections } from '../../catalog.projections';
import { ProductReassigner } from '../../products/commands/product-reassigner';
import { productNamesUsing } from '../../products/queries/products-in-use';
import { unitDecider, unitsStreamId, type UnitCommand } from '../unit.decider';
import { CATALOG_QUEUE } from '../../catalog.queue';

@Controller()
export class DeleteUnitHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: CatalogProjections,
    private readonly products: ProductReassigner,
  ) {}

  /**
   * With `replaceWith`, every product measured in the unit gets that unit first, each a change of its own; the delete is
   * tried first as if the unit were unused, so a stale version, a missing unit or a bad replacement changes nothing.
   */
  @MessagePattern(CatalogSubjects.DeleteUnit, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(DeleteUnit) command: DeleteUnit, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<null> {
    const { organisationId } = actor;
    const { unitId, replaceWith } = command;
    const streamId = unitsStreamId(organisationId);
    const decision = (usedByProducts: string[]): UnitCommand => ({
      type: 'DeleteUnit',
      organisationId,
      unitId,
      expectedVersion: command.expectedVersion,
      usedByProducts,
      replaceWith,
      at: this.clock.now().toISOString(),
    });
    if (replaceWith !== undefined) {
      unitDecider.decide(decision([]), (await readStreamState(this.eventStore, streamId, unitDecider)).state);
      await this.products.reassign({ unitId }, { type: 'set-unit', unitId: replaceWith }, actor, context);
    }
    const usedByProducts = await productNamesUsing(this.documents, organisationId, { unitId });
    const result = await handleCommand(this.eventStore, streamId, unitDecider, decision(usedByProducts), busCommandMetadata(context, organisationId, actor.accountId));
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    return null;
  }
}
