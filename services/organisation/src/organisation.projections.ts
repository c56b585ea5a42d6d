import { Injectable } from '@nestjs/common';
import { ServiceProjections } from '@elk/service-kit';
import { employeeListProjection } from './employees/queries/employee-list.projection';
import { legalEntityListProjection } from './legal-entities/queries/legal-entity-list.projection';
import { salesPointListProjection } from './sales-points/queries/sales-point-list.projection';
import { organisationDetailsProjection } from './organisations/queries/organisation-details.projection';

/** The read models of organisation; the replay script rebuilds them by name. */
export const organisationProjections = [organisationDetailsProjection, legalEntityListProjection, salesPointListProjection, employeeListProjection];

/** Runs the service's projections for as long as the application lives. */
@Injectable()
export class OrganisationProjections extends ServiceProjections {
  protected readonly projections = organisationProjections;
}
