import { Injectable } from '@nestjs/common';
import { ServiceProjections } from '@elk/service-kit';
import { BANK_TERMINALS, FISCAL_REGISTERS } from './equipment/equipment-kinds';
import { workplaceListProjection } from './workplaces/queries/workplace-list.projection';

/** The read models of devices; the replay script rebuilds them by name. */
export const devicesProjections = [workplaceListProjection, FISCAL_REGISTERS.projection, BANK_TERMINALS.projection];

/** Runs the service's projections for as long as the application lives. */
@Injectable()
export class DevicesProjections extends ServiceProjections {
  protected readonly projections = devicesProjections;
}
