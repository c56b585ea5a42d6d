import { Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, systemClock, type Clock } from './clock';
import { OrganisationProjections } from './organisation.projections';
import { SignUpHandler } from './organisations/commands/sign-up.handler';
import { GetOrganisationHandler } from './organisations/queries/get-organisation.handler';
import { OrganisationBusController } from './transport/organisation.bus-controller';

export interface OrganisationModuleOptions {
  /** Where the time comes from; tests move it forward. */
  clock?: Clock;
}

/**
 * The merchant (tenant): sign-up and the organisation's details, served on the bus. Needs InfrastructureModule
 * (event store, documents store, bus, logger) from the composition root, and identity on the bus.
 */
@Module({})
export class OrganisationModule {
  static forRoot(options: OrganisationModuleOptions = {}): DynamicModule {
    return {
      module: OrganisationModule,
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        OrganisationProjections,
        SignUpHandler,
        GetOrganisationHandler,
        OrganisationBusController,
      ],
    };
  }
}
