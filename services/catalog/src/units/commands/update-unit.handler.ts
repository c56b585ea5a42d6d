import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, type UnitView, UpdateUnit, CatalogSubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, BusPayload, BusActor, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { CatalogProjections } from '../../catalog.projections';
import { unitDecider, unitsStreamId } from '../unit.decider';
import { unitView } from '../unit.view';
import { CATALOG_QUEUE } from '../../catalog.queue';

@Controller()
export class UpdateUnitHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: CatalogProjections,
  ) {}

  @MessagePattern(CatalogSubjects.UpdateUnit, { queue: CATALOG_QUEUE })
  async execute(@BusPayload(UpdateUnit) command: UpdateUnit, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<UnitView> {
    const { organisationId } = actor;
    const { expectedVersion, ...fields } = command.unit;
    const streamId = unitsStreamId(organisationId);
    const result = await handleCommand(
      this.eventStore,
      streamId,
      unitDecider,
      { type: 'UpdateUnit', organisationId, unitId: command.unitId, fields, expectedVersion, at: this.clock.now().toISOString() },
      busCommandMetadata(context, organisationId, actor.accountId),
    );
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    return unitView(result.newState.units[command.unitId]!);
  }
}
