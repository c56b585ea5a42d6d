import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Ctx } from '@nestjs/microservices';
import { type Actor, AddLegalEntity, type LegalEntityView, OrganisationSubjects } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { CLOCK, EVENT_STORE, busCommandMetadata, handleCommand, BusPayload, BusActor, type BusHandlerContext, type Clock } from '@elk/service-kit';
import { OrganisationProjections } from '../../organisation.projections';
import { legalEntitiesStreamId, legalEntityDecider } from '../legal-entity.decider';
import { legalEntityView } from '../legal-entity.view';
import { SECRET_BOX, type SecretBox } from '../secret-box';
import { ORGANISATION_QUEUE } from '../../organisation.queue';

@Controller()
export class AddLegalEntityHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly projections: OrganisationProjections,
  ) {}

  @MessagePattern(OrganisationSubjects.AddLegalEntity, { queue: ORGANISATION_QUEUE })
  async execute(@BusPayload(AddLegalEntity) command: AddLegalEntity, @BusActor() actor: Actor, @Ctx() context: BusHandlerContext): Promise<LegalEntityView> {
    const { organisationId } = actor;
    const { chestnyZnakToken, kpp, ...fields } = command.entity;
    const streamId = legalEntitiesStreamId(organisationId);
    const result = await handleCommand(
      this.eventStore,
      streamId,
      legalEntityDecider,
      {
        type: 'AddLegalEntity',
        organisationId,
        legalEntityId: command.legalEntityId,
        fields: { ...fields, kpp: kpp ?? null, chestnyZnakToken: chestnyZnakToken ? this.secrets.seal(chestnyZnakToken) : null },
        at: this.clock.now().toISOString(),
      },
      busCommandMetadata(context, organisationId, actor.accountId),
    );
    await this.projections.waitForStream(streamId, result.nextExpectedVersion);
    return legalEntityView(result.newState.entities[command.legalEntityId]!);
  }
}
