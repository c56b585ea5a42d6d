import { Injectable } from '@nestjs/common';
import { ServiceProjections } from '@elk/service-kit';
import { accountLookupProjection } from './accounts/queries/account-lookup.projection';

/** The read models of identity; the replay script rebuilds them by name. */
export const identityProjections = [accountLookupProjection];

/** Runs the service's projections for as long as the application lives. */
@Injectable()
export class IdentityProjections extends ServiceProjections {
  protected readonly projections = identityProjections;
}
