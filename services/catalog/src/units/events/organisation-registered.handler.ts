import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { OrganisationRegistered } from '@elk/contracts';
import { LOGGER, type BusContext, type BusEventPattern, type IntegrationEventPayload, type Logger } from '@elk/service-kit';
import { LoadUnitPresetHandler } from '../commands/load-unit-preset.handler';

/** Kept by JetStream across restarts: a new one would read the whole stream again (harmless, only slower). */
export const ORGANISATION_EVENTS_DURABLE = 'catalog-organisation-registered';

const RegisteredOrganisation = OrganisationRegistered.pick({ organisationId: true });

/**
 * Preloads the FFD 1.2 units for every registered organisation, from organisation's OrganisationRegistered events.
 * The durable consumer reads its stream from the start, so organisations registered before the catalog existed get
 * them too. Delivery is at least once; the units stream itself remembers that the preset is loaded (the decider
 * decides nothing the second time), so a redelivered event or a restart adds no unit twice.
 */
@Controller()
export class OrganisationRegisteredHandler {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly loadUnitPreset: LoadUnitPresetHandler,
  ) {}

  /** A failure is logged and thrown: the event comes again after the ack wait, and holds back the ones after it meanwhile. */
  @EventPattern('organisation.OrganisationRegistered', { durable: ORGANISATION_EVENTS_DURABLE } satisfies BusEventPattern)
  async handle(@Payload() payload: IntegrationEventPayload, @Ctx() context: BusContext): Promise<void> {
    const event = context.getEvent()!;
    try {
      const { organisationId } = RegisteredOrganisation.parse(payload.data);
      const added = await this.loadUnitPreset.execute(organisationId, {
        organisationId,
        actor: 'system',
        correlationId: payload.metadata.correlationId,
        causationId: event.eventId,
      });
      if (added > 0) this.logger.info({ organisationId, units: added }, 'units of measure preloaded');
    } catch (error) {
      this.logger.error({ err: error, eventId: event.eventId, deliveryCount: event.deliveryCount }, 'units of measure not preloaded; the event will come again');
      throw error;
    }
  }
}
