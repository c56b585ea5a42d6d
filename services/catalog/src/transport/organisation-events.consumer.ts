import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { OrganisationRegistered } from '@elk/contracts';
import type { Closeable, DeliveredEvent, MessageBus } from '@elk/messaging';
import { LOGGER, MESSAGE_BUS, type IntegrationEventPayload, type Logger } from '@elk/service-kit';
import { LoadUnitPresetHandler } from '../units/commands/load-unit-preset.handler';

/** The integration events' subject prefix (`elk.evt`; tests use their stream's). */
export const EVENT_SUBJECT_PREFIX = Symbol('EVENT_SUBJECT_PREFIX');

/** Kept by JetStream across restarts: a new one would read the whole stream again (harmless, only slower). */
export const ORGANISATION_EVENTS_DURABLE = 'catalog-organisation-registered';

const RegisteredOrganisation = OrganisationRegistered.pick({ organisationId: true });

/**
 * Preloads the FFD 1.2 units for every registered organisation, from organisation's OrganisationRegistered events.
 * The durable consumer reads its stream from the start, so organisations registered before the catalog existed get
 * them too. Delivery is at least once; the units stream itself remembers that the preset is loaded (the decider
 * decides nothing the second time), so a redelivered event or a restart adds no unit twice.
 */
@Injectable()
export class OrganisationEventsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer?: Closeable;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(EVENT_SUBJECT_PREFIX) private readonly subjectPrefix: string,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly loadUnitPreset: LoadUnitPresetHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.bus.consumeEvents({
      durable: ORGANISATION_EVENTS_DURABLE,
      filterSubject: `${this.subjectPrefix}.organisation.OrganisationRegistered`,
      handler: (event) => this.onOrganisationRegistered(event),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.close();
  }

  /** A failure is logged and thrown: the event comes again after the ack wait, and holds back the ones after it meanwhile. */
  private async onOrganisationRegistered(event: DeliveredEvent): Promise<void> {
    try {
      const payload = event.data as IntegrationEventPayload;
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
