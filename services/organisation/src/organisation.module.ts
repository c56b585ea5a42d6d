import { Module, type DynamicModule } from '@nestjs/common';
import { eventRelayProvider } from '@elk/service-kit';
import { CLOCK, systemClock, type Clock } from './clock';
import { organisationIntegrationEvents } from './organisation.integration-events';
import { OrganisationProjections } from './organisation.projections';
import { SignUpHandler } from './organisations/commands/sign-up.handler';
import { GetOrganisationHandler } from './organisations/queries/get-organisation.handler';
import { OrganisationBusController } from './transport/organisation.bus-controller';

export interface OrganisationModuleOptions {
  /** Where the time comes from; tests move it forward. */
  clock?: Clock;
  /** Integration events go to `<prefix>.organisation.<EventType>` (default `elk.evt`); tests use their own stream's. */
  eventSubjectPrefix?: string;
}

/**
 * The merchant (tenant): sign-up and the organisation's details, served on the bus. Needs InfrastructureModule
 * (event store, documents store, bus, logger) from the composition root, and identity on the bus. Relays its
 * events to the bus as integration events.
 */
@Module({})
export class OrganisationModule {
  static forRoot(options: OrganisationModuleOptions = {}): DynamicModule {
    return {
      module: OrganisationModule,
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        OrganisationProjections,
        eventRelayProvider(organisationIntegrationEvents, { subjectPrefix: options.eventSubjectPrefix }),
        SignUpHandler,
        GetOrganisationHandler,
        OrganisationBusController,
      ],
    };
  }
}
